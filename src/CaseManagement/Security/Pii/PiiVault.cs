using System.Security.Cryptography;
using Marten;

namespace CaseManagement.Security.Pii;

/// <summary>
/// Protects and reveals PII with per-subject data keys kept as <see cref="DataSubjectKey"/> documents, and shreds
/// them. Keys are written in the caller's session, so a new key and the first ciphertext under it commit together.
/// Nothing is cached: a shredded key must stop working at once, on every node.
/// </summary>
public sealed class PiiVault(MasterKeyRing ring, TimeProvider clock)
{
    public async Task<ProtectedValue> ProtectAsync(IDocumentSession session, string subjectId, string plaintext, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        if (IsShreddedIn(session, subjectId))
            throw new InvalidOperationException(
                $"data subject '{subjectId}' is being shredded in this session; protect new values for them in another one");

        var dataKey = await FindKeyAsync(session, subjectId, ct) is { } key
            ? ring.Unwrap(subjectId, key.ToWrappedKey())
            : CreateKey(session, subjectId);
        try
        {
            return PiiCipher.Encrypt(subjectId, dataKey, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Protects values of many subjects with one key lookup for the whole batch, for bulk imports such as a
    /// scoping run's affected people. Entries are (subject, plaintexts); null plaintexts stay null.
    /// </summary>
    public async Task<IReadOnlyList<ProtectedValue?[]>> ProtectManyAsync(IDocumentSession session,
        IReadOnlyList<(string SubjectId, string?[] Plaintexts)> entries, CancellationToken ct)
    {
        var subjects = entries.Select(e => e.SubjectId).Distinct(StringComparer.Ordinal).ToArray();
        var stored = (await session.LoadManyAsync<DataSubjectKey>(ct, subjects)).ToDictionary(k => k.Id, StringComparer.Ordinal);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            foreach (var subject in subjects)
            {
                keys[subject] = stored.TryGetValue(subject, out var key) ? ring.Unwrap(subject, key.ToWrappedKey()) : CreateKey(session, subject);
            }

            return
            [
                .. entries.Select(e => e.Plaintexts
                    .Select(p => string.IsNullOrWhiteSpace(p) ? null : PiiCipher.Encrypt(e.SubjectId, keys[e.SubjectId], p.Trim()))
                    .ToArray()),
            ];
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    /// <summary>
    /// Reveals values of many subjects with one key lookup for the whole batch (a campaign batch's contacts). Null values,
    /// and values whose subject's key was shredded, come back null.
    /// </summary>
    public async Task<IReadOnlyList<string?>> RevealManyAsync(IQuerySession session, IReadOnlyList<ProtectedValue?> values, CancellationToken ct)
    {
        var subjects = values.OfType<ProtectedValue>().Select(v => v.SubjectId).Distinct(StringComparer.Ordinal).ToArray();
        var stored = (await session.LoadManyAsync<DataSubjectKey>(ct, subjects)).ToDictionary(k => k.Id, StringComparer.Ordinal);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            foreach (var (subject, key) in stored)
            {
                keys[subject] = ring.Unwrap(subject, key.ToWrappedKey());
            }

            return [.. values.Select(v => v is not null && keys.TryGetValue(v.SubjectId, out var key) ? PiiCipher.Decrypt(v, key) : null)];
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    /// <returns>The plaintext, or null once the subject's key has been shredded.</returns>
    public async Task<string?> RevealAsync(IQuerySession session, ProtectedValue value, CancellationToken ct)
    {
        if (await FindKeyAsync(session, value.SubjectId, ct) is not { } key)
            return null;

        var dataKey = ring.Unwrap(value.SubjectId, key.ToWrappedKey());
        try
        {
            return PiiCipher.Decrypt(value, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Queues the erasure of the subject's key; the caller saves the session and records who asked and why.
    /// A hard delete even if documents are ever soft-deleted by policy: a soft-deleted key would still decrypt.
    /// </summary>
    public void Shred(IDocumentSession session, string subjectId) => session.HardDelete<DataSubjectKey>(subjectId);

    private byte[] CreateKey(IDocumentSession session, string subjectId)
    {
        var dataKey = RandomNumberGenerator.GetBytes(PiiCipher.DataKeyBytes);
        // Insert, not Store: if another session created this subject's key meanwhile, this commit must fail
        // rather than overwrite a key that already protects that session's data.
        session.Insert(DataSubjectKey.From(subjectId, ring.Wrap(subjectId, dataKey), clock.GetUtcNow()));
        return dataKey;
    }

    // Keys inserted or shredded earlier in this unit of work are not in the database yet, and a lightweight
    // session has no identity map to find them in, so the pending changes are consulted first.
    private static async Task<DataSubjectKey?> FindKeyAsync(IQuerySession session, string subjectId, CancellationToken ct)
    {
        if (session is IDocumentSession unitOfWork)
        {
            if (IsShreddedIn(unitOfWork, subjectId))
                return null;
            if (unitOfWork.PendingChanges.AllChangedFor<DataSubjectKey>().LastOrDefault(k => k.Id == subjectId) is { } pending)
                return pending;
        }

        return await session.LoadAsync<DataSubjectKey>(subjectId, ct);
    }

    private static bool IsShreddedIn(IDocumentSession session, string subjectId) =>
        session.PendingChanges.DeletionsFor<DataSubjectKey>().Any(d => subjectId.Equals(d.Id));
}
