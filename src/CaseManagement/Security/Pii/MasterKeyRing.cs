using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Security.Pii;

/// <summary>
/// The configured master keys: wraps data keys with the active one and unwraps with whichever one wrapped them,
/// so rotation never makes existing data unreadable.
/// </summary>
public sealed class MasterKeyRing
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> masterKeys;
    private readonly byte[] subjectIdKey;

    public MasterKeyRing(PiiOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("PII encryption is misconfigured: " + string.Join(" ", problems));

        ActiveMasterKeyId = options.ActiveMasterKeyId;
        masterKeys = options.MasterKeys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        subjectIdKey = Convert.FromBase64String(options.SubjectIdKey);
    }

    public string ActiveMasterKeyId { get; }

    public string SubjectIdForEmail(string email) => DataSubjectId.ForEmail(email, subjectIdKey);

    public WrappedKey Wrap(string subjectId, byte[] dataKey) => WrapMany([(subjectId, dataKey)])[0];

    /// <summary>Wraps many subjects' data keys with one cipher instance (a scoping batch creates hundreds at once).</summary>
    public IReadOnlyList<WrappedKey> WrapMany(IReadOnlyList<(string SubjectId, byte[] DataKey)> keys)
    {
        using var aes = new AesGcm(masterKeys[ActiveMasterKeyId], TagBytes);
        var wrapped = new WrappedKey[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var (subjectId, dataKey) = keys[i];
            ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
            if (dataKey.Length != PiiCipher.DataKeyBytes)
                throw new ArgumentException($"a data key has {PiiCipher.DataKeyBytes} bytes", nameof(keys));

            var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            var ciphertext = new byte[dataKey.Length];
            var tag = new byte[TagBytes];
            aes.Encrypt(nonce, dataKey, ciphertext, tag, AssociatedData(subjectId, ActiveMasterKeyId));
            wrapped[i] = new WrappedKey(ActiveMasterKeyId, nonce, ciphertext, tag);
        }

        return wrapped;
    }

    /// <exception cref="CryptographicException">The wrapped key was altered or belongs to another subject.</exception>
    public byte[] Unwrap(string subjectId, WrappedKey wrapped)
    {
        if (!masterKeys.TryGetValue(wrapped.MasterKeyId, out var masterKey))
            throw new InvalidOperationException(
                $"master key '{wrapped.MasterKeyId}' is not configured; keep retired master keys until every data key is rewrapped");
        if (wrapped.Nonce.Length != NonceBytes || wrapped.Tag.Length != TagBytes || wrapped.Ciphertext.Length != PiiCipher.DataKeyBytes)
            throw new CryptographicException("the wrapped data key is malformed");

        var dataKey = new byte[wrapped.Ciphertext.Length];
        using var aes = new AesGcm(masterKey, TagBytes);
        aes.Decrypt(wrapped.Nonce, wrapped.Ciphertext, wrapped.Tag, dataKey, AssociatedData(subjectId, wrapped.MasterKeyId));
        return dataKey;
    }

    // Binding the subject and master key id means a wrapped key copied onto another subject does not unwrap.
    private static byte[] AssociatedData(string subjectId, string masterKeyId) =>
        Encoding.UTF8.GetBytes($"cm-pii-dek|v1|{subjectId}|{masterKeyId}");
}
