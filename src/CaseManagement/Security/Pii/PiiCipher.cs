using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Security.Pii;

/// <summary>Field-level AES-256-GCM with a data subject's key.</summary>
public static class PiiCipher
{
    public const int DataKeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int Version = 1;

    public static ProtectedValue Encrypt(string subjectId, byte[] dataKey, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return EncryptMany(subjectId, dataKey, [plaintext])[0]!;
    }

    /// <summary>Encrypts one subject's values with one cipher instance (a scoping run seals four per person); null stays null.</summary>
    public static ProtectedValue?[] EncryptMany(string subjectId, byte[] dataKey, IReadOnlyList<string?> plaintexts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        RequireDataKey(dataKey);

        using var aes = new AesGcm(dataKey, TagBytes);
        var associated = AssociatedData(subjectId);
        var sealedValues = new ProtectedValue?[plaintexts.Count];
        for (var i = 0; i < plaintexts.Count; i++)
        {
            if (plaintexts[i] is { } text)
            {
                sealedValues[i] = Seal(aes, associated, subjectId, text);
            }
        }

        return sealedValues;
    }

    private static ProtectedValue Seal(AesGcm aes, byte[] associated, string subjectId, string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[plain.Length + TagBytes];
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), associated);
        CryptographicOperations.ZeroMemory(plain);

        return new ProtectedValue
        {
            SubjectId = subjectId,
            Nonce = Convert.ToBase64String(nonce),
            Ciphertext = Convert.ToBase64String(sealedBytes),
            Version = Version,
        };
    }

    /// <exception cref="CryptographicException">
    /// The value was altered, is malformed, or was not encrypted with this key for this subject.
    /// </exception>
    public static string Decrypt(ProtectedValue value, byte[] dataKey)
    {
        RequireDataKey(dataKey);
        if (value.Version != Version)
            throw new CryptographicException($"protected value version {value.Version} is not supported");

        var nonce = FromBase64(value.Nonce);
        var sealedBytes = FromBase64(value.Ciphertext);
        if (nonce.Length != NonceBytes || sealedBytes.Length < TagBytes)
            throw new CryptographicException("the protected value is malformed");

        var cipherLength = sealedBytes.Length - TagBytes;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(dataKey, TagBytes);
        aes.Decrypt(nonce, sealedBytes.AsSpan(0, cipherLength), sealedBytes.AsSpan(cipherLength), plain, AssociatedData(value.SubjectId));
        return Encoding.UTF8.GetString(plain);
    }

    // Binding the subject means a value copied onto another person's record does not decrypt there.
    private static byte[] AssociatedData(string subjectId) => Encoding.UTF8.GetBytes($"cm-pii|v1|{subjectId}");

    private static void RequireDataKey(byte[] dataKey)
    {
        if (dataKey.Length != DataKeyBytes)
            throw new ArgumentException($"a data key has {DataKeyBytes} bytes", nameof(dataKey));
    }

    private static byte[] FromBase64(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("the protected value is not valid base64", e);
        }
    }
}
