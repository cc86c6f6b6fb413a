using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using CaseManagement.Shops.Evidence;
using Marten;

namespace CaseManagement.Containment.Evidence;

/// <summary>Evidence collected for the incident, each file with its SHA-256 and the chain of custody.</summary>
public static class ListEvidenceEndpoint
{
    [WolverineGet("/api/incidents/{id}/evidence", OperationId = "ListEvidence",
        Summary = "Evidence collected for the incident, each file with its SHA-256 and the chain of custody")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Incident>(id, ct) is null
            ? Problems.IncidentNotFound(id)
            : Results.Ok(await session.Query<EvidenceItem>().Where(e => e.IncidentId == id).OrderBy(e => e.SnapshotAt).ToListAsync(ct));
}

/// <summary>
/// Every download is checked against the hash recorded at collection and recorded on the item's custody stream (who, when,
/// which file) before a byte is served; a file whose bytes changed is not served, and the failed check is recorded.
/// </summary>
public static class DownloadEvidenceFileEndpoint
{
    public static ProblemDetails Validate(Guid id, string file, EvidenceItem item)
    {
        if (item.IncidentId != id)
        {
            return EvidenceNotFound(id, item.Id);
        }

        if (item.DestroyedAt is not null)
        {
            return EvidenceDestroyed(item);
        }

        return item.Files.Any(f => f.Name == file)
            ? WolverineContinue.NoProblems
            : new ProblemDetails
            {
                Title = "Evidence file not found",
                Detail = $"Evidence {item.Id} has no file '{file}'; its files are: {string.Join(", ", item.Files.Select(f => f.Name))}.",
                Status = StatusCodes.Status404NotFound,
            };
    }

    [WolverineGet("/api/incidents/{id}/evidence/{evidenceId}/files/{file}", OperationId = "DownloadEvidenceFile",
        Summary = "Download one evidence file after its hash is checked; the access is recorded in the chain of custody")]
    [Authorize(Policies.ReadPersonalData)]
    public static async Task<(IResult, Events)> Get(Guid id, string file, [WriteAggregate("evidenceId")] EvidenceItem item, EvidenceLocker locker,
        PiiVault vault, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var recorded = item.Files.Single(f => f.Name == file);
        var location = locker.For(item.Store, session.TenantId, id, item.Id);
        using var key = await EvidenceItemKey.ForAsync(item, vault, session, ct);
        var fileKey = await key.ForAsync(location, file, ct);
        var check = key.Readable ? await EvidenceDump.CheckFileAsync(location, file, recorded.Sha256, fileKey, ct) : new EvidenceCheck(file, EvidenceFileState.Missing);
        if (check.State != EvidenceFileState.Ok)
        {
            var what = !key.Readable ? "unreadable: the key it was encrypted under is gone"
                : check.State == EvidenceFileState.Missing ? "missing"
                : $"changed: its {(item.Encryption is null ? "" : "stored (encrypted) ")}bytes no longer yield the SHA-256 recorded when it was collected ({recorded.Sha256})";
            return (Results.Problem(title: "Evidence file failed its integrity check",
                    detail: $"'{file}' is {what}. It is not served; the failed check is recorded in its chain of custody.",
                    statusCode: StatusCodes.Status409Conflict),
                [new EvidenceVerified(id, item.Id, false, [check])]);
        }

        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(recorded.Sha256))}:";
        http.Response.Headers["X-Content-SHA256"] = recorded.Sha256;
        // Served decrypted as it streams; the stream holds its own cipher, so the key bytes are zeroed when this method returns.
        return (Results.Stream(await EvidenceDump.OpenFileAsync(location, file, fileKey, ct), file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/gzip", file),
            [new EvidenceAccessed(id, item.Id, file, recorded.Sha256, true)]);
    }

    internal static ProblemDetails EvidenceDestroyed(EvidenceItem item) => new()
    {
        Title = "Evidence destroyed",
        Detail = $"Evidence item {item.Id} was destroyed at {item.DestroyedAt:O} (its key shredded, its files deleted); " +
                 "its chain of custody still records what it held.",
        Status = StatusCodes.Status410Gone,
    };

    internal static ProblemDetails EvidenceNotFound(Guid id, Guid evidenceId) => new()
    {
        Title = "Evidence not found",
        Detail = $"Incident {id} has no evidence item {evidenceId} (or the incident does not exist).",
        Status = StatusCodes.Status404NotFound,
    };
}

/// <summary>Hash every file of an evidence item again and compare with what was recorded at collection; the check is recorded.</summary>
public static class VerifyEvidenceEndpoint
{
    public static ProblemDetails Validate(Guid id, EvidenceItem item) =>
        item.IncidentId != id ? DownloadEvidenceFileEndpoint.EvidenceNotFound(id, item.Id)
        : item.DestroyedAt is not null ? DownloadEvidenceFileEndpoint.EvidenceDestroyed(item)
        : WolverineContinue.NoProblems;

    [WolverinePost("/api/incidents/{id}/evidence/{evidenceId}/verify", OperationId = "VerifyEvidence",
        Summary = "Hash every file of an evidence item again and compare with what was recorded at collection; the check is recorded")]
    [Authorize(Policies.ReadIncidents)]
    /// <returns>The check as the answer, and the same check appended to the item's chain of custody.</returns>
    public static async Task<(EvidenceVerified, EvidenceVerified)> Post(Guid id, [WriteAggregate("evidenceId")] EvidenceItem item, EvidenceLocker locker,
        PiiVault vault, IDocumentSession session, CancellationToken ct)
    {
        var location = locker.For(item.Store, session.TenantId, id, item.Id);
        using var key = await EvidenceItemKey.ForAsync(item, vault, session, ct);
        var checks = new List<EvidenceCheck>();
        foreach (var file in item.Files)
        {
            checks.Add(key.Readable ? await EvidenceDump.CheckFileAsync(location, file.Name, file.Sha256, await key.ForAsync(location, file.Name, ct), ct) : new EvidenceCheck(file.Name, EvidenceFileState.Missing));
        }

        var verified = new EvidenceVerified(id, item.Id, checks.All(c => c.State == EvidenceFileState.Ok), checks);
        return (verified, verified);
    }
}

/// <summary>
/// The key an item's files are read with: its own data key, none for a plaintext bundle of before ADR 22's encryption, or
/// unreadable when an encrypted item's key is gone. A plaintext bundle whose encryption in place was interrupted (files
/// sealed, the record not yet committed) holds both kinds of file: each is read as it is stored. Zeroed when disposed.
/// </summary>
internal sealed class EvidenceItemKey : IDisposable
{
    private readonly bool _plaintextItem;

    private EvidenceItemKey(bool readable, byte[]? bytes, bool plaintextItem) => (Readable, Bytes, _plaintextItem) = (readable, bytes, plaintextItem);

    public bool Readable { get; }
    public byte[]? Bytes { get; }

    public static async Task<EvidenceItemKey> ForAsync(EvidenceItem item, PiiVault vault, IQuerySession session, CancellationToken ct)
    {
        var key = await vault.ExistingDataKeyAsync(session, EvidenceKeys.Subject(item.Id), ct);
        return item.Encryption is null ? new(true, key, plaintextItem: true) : new(key is not null, key, plaintextItem: false);
    }

    /// <summary>The key to read <paramref name="file"/> with: none for a file of a plaintext item that is still stored as plaintext.</summary>
    public async Task<byte[]?> ForAsync(IEvidenceLocation location, string file, CancellationToken ct)
    {
        if (!_plaintextItem || Bytes is null)
        {
            return _plaintextItem ? null : Bytes;
        }

        await using var stored = await location.OpenStoredAsync(file, ct);
        return stored is not null && await EvidenceCipher.IsSealedAsync(stored, ct) ? Bytes : null;
    }

    public void Dispose()
    {
        if (Bytes is not null)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(Bytes);
        }
    }
}
