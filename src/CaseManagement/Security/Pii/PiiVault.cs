using System.Security.Cryptography;
using JasperFx;
using Marten;
using Weasel.Core;

namespace CaseManagement.Security.Pii;

/// <summary>
/// Protects and reveals PII with per-subject data keys kept as <see cref="DataSubjectKey"/> documents, and shreds
/// them. A subject's first key is created in a small transaction of its own, before anything is encrypted under it:
/// two requests naming the same new person at once both end up with the one key that was stored (the second finds the
/// first's), never with a ciphertext under a key that lost the race. Nothing is cached: a shredded key must stop
/// working at once, on every node.
/// </summary>
public sealed class PiiVault(MasterKeyRing ring, TimeProvider clock)
{
    public async Task<ProtectedValue> ProtectAsync(IDocumentSession session, string subjectId, string plaintext, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        if (IsShreddedIn(session, subjectId))
            throw new InvalidOperationException(
                $"data subject '{subjectId}' is being shredded in this session; protect new values for them in another one");

        var keys = await DataKeysAsync(session, [subjectId], ct);
        try
        {
            return PiiCipher.Encrypt(subjectId, keys[subjectId], plaintext);
        }
        finally
        {
            Forget(keys);
        }
    }

    /// <summary>
    /// Protects values of many subjects with one key lookup for the whole batch, for bulk imports such as a
    /// scoping run's affected people. Entries are (subject, plaintexts); null plaintexts stay null.
    /// </summary>
    public async Task<IReadOnlyList<ProtectedValue?[]>> ProtectManyAsync(IDocumentSession session,
        IReadOnlyList<(string SubjectId, string?[] Plaintexts)> entries, CancellationToken ct)
    {
        var keys = await DataKeysAsync(session, [.. entries.Select(e => e.SubjectId).Distinct(StringComparer.Ordinal)], ct, bulk: true);
        try
        {
            return
            [
                .. entries.Select(e => PiiCipher.EncryptMany(e.SubjectId, keys[e.SubjectId],
                    [.. e.Plaintexts.Select(p => string.IsNullOrWhiteSpace(p) ? null : p.Trim())])),
            ];
        }
        finally
        {
            Forget(keys);
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
    /// The raw data key of a subject whose data is encrypted outside the vault (an evidence item's files, ADR 22), created
    /// (and committed) when missing, exactly like a person's. The caller zeroes it when done.
    /// </summary>
    public async Task<byte[]> DataKeyAsync(IDocumentSession session, string subjectId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        return (await DataKeysAsync(session, [subjectId], ct))[subjectId];
    }

    /// <returns>The subject's raw data key (the caller zeroes it), or null once it has been shredded.</returns>
    public async Task<byte[]?> ExistingDataKeyAsync(IQuerySession session, string subjectId, CancellationToken ct) =>
        await FindKeyAsync(session, subjectId, ct) is { } key ? ring.Unwrap(subjectId, key.ToWrappedKey()) : null;

    /// <summary>
    /// Queues the erasure of the subject's key; the caller saves the session and records who asked and why.
    /// A hard delete even if documents are ever soft-deleted by policy: a soft-deleted key would still decrypt.
    /// </summary>
    public void Shred(IDocumentSession session, string subjectId) => session.HardDelete<DataSubjectKey>(subjectId);

    /// <summary>
    /// The data key of every subject, creating the missing ones: inserted (never overwritten, which would make another
    /// request's ciphertext unreadable) in a transaction of their own and committed before use. When another request
    /// stored one of them first, the insert fails as a whole and the stored keys are read again.
    /// </summary>
    /// <param name="bulk">The new keys go in by COPY (hundreds of new people per scoping batch), all or nothing like the insert.</param>
    private async Task<Dictionary<string, byte[]>> DataKeysAsync(IDocumentSession session, IReadOnlyList<string> subjects, CancellationToken ct,
        bool bulk = false)
    {
        const int attempts = 3;
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                foreach (var stored in await session.LoadManyAsync<DataSubjectKey>(ct, subjects.Where(s => !keys.ContainsKey(s))))
                {
                    keys[stored.Id] = ring.Unwrap(stored.Id, stored.ToWrappedKey());
                }

                var created = subjects.Where(s => !keys.ContainsKey(s)).ToDictionary(s => s, _ => RandomNumberGenerator.GetBytes(PiiCipher.DataKeyBytes), StringComparer.Ordinal);
                if (created.Count == 0)
                {
                    return keys;
                }

                var now = clock.GetUtcNow();
                var wrapped = ring.WrapMany([.. created.Select(c => (c.Key, c.Value))]);
                DataSubjectKey[] fresh = [.. created.Keys.Select((subject, i) => DataSubjectKey.From(subject, wrapped[i], now))];
                try
                {
                    await InsertAsync(session, fresh, bulk, ct);
                    foreach (var (subject, key) in created)
                    {
                        keys[subject] = key;
                    }

                    return keys;
                }
                catch (Exception ex) when (attempt < attempts && (ex is DocumentAlreadyExistsException ||
                                                                 ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }))
                {
                    Forget(created);
                }
            }
        }
        catch
        {
            Forget(keys);
            throw;
        }
    }

    private static async Task InsertAsync(IDocumentSession session, IReadOnlyCollection<DataSubjectKey> keys, bool bulk, CancellationToken ct)
    {
        if (bulk)
        {
            await session.DocumentStore.BulkInsertAsync(session.TenantId, keys, BulkInsertMode.InsertsOnly, cancellation: ct);
            return;
        }

        await using var own = session.DocumentStore.LightweightSession(session.TenantId);
        own.Insert([.. keys]);
        await own.SaveChangesAsync(ct);
    }

    private static void Forget(Dictionary<string, byte[]> keys)
    {
        foreach (var key in keys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <returns>The subject's stored key, or null when there is none or it is being shredded in this unit of work.</returns>
    private static async Task<DataSubjectKey?> FindKeyAsync(IQuerySession session, string subjectId, CancellationToken ct) =>
        session is IDocumentSession unitOfWork && IsShreddedIn(unitOfWork, subjectId) ? null : await session.LoadAsync<DataSubjectKey>(subjectId, ct);

    private static bool IsShreddedIn(IDocumentSession session, string subjectId) =>
        session.PendingChanges.DeletionsFor<DataSubjectKey>().Any(d => subjectId.Equals(d.Id));
}
