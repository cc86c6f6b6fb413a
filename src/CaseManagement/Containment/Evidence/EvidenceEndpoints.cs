using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Security;
using CaseManagement.Shops.Evidence;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Containment.Evidence;

/// <summary>One entry of an evidence item's chain of custody.</summary>
public sealed record CustodyEntry(DateTimeOffset At, string? Actor, string Action, string? File, string? Detail);

public sealed record EvidenceItemView(
    Guid EvidenceId,
    Guid RunId,
    string StepId,
    string Shop,
    IReadOnlyList<string>? Tables,
    DateTimeOffset SnapshotAt,
    string ServerVersion,
    string Location,
    IReadOnlyList<EvidenceFile> Files,
    IReadOnlyList<CustodyEntry> Custody);

/// <summary>
/// Evidence as auditors and responders reach it. Every download is checked against the hash recorded at collection
/// and recorded on the incident (who, when, which file) before a byte is served; a file whose bytes changed is not served.
/// </summary>
public static class EvidenceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id:guid}/evidence", async (Guid id, IQuerySession session, CancellationToken ct) =>
                await ItemsAsync(session, id, ct) is { } items ? Results.Ok(items) : Problems.IncidentNotFound(id))
            .WithName("ListEvidence")
            .WithSummary("Evidence collected for the incident, each file with its SHA-256 and the chain of custody")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<List<EvidenceItemView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/incidents/{id:guid}/evidence/{evidenceId:guid}/files/{file}", async (Guid id, Guid evidenceId, string file, IDocumentSession session,
                EvidenceLocker locker, HttpContext http, CancellationToken ct) =>
            {
                if (await FindAsync(session, id, evidenceId, ct) is not { } item)
                {
                    return EvidenceNotFound(id, evidenceId);
                }

                if (item.Files.FirstOrDefault(f => f.Name == file) is not { } recorded)
                {
                    return Results.Problem(title: "Evidence file not found",
                        detail: $"Evidence {evidenceId} has no file '{file}'; its files are: {string.Join(", ", item.Files.Select(f => f.Name))}.",
                        statusCode: StatusCodes.Status404NotFound);
                }

                var folder = locker.FolderFor(session.TenantId, id, evidenceId);
                var check = await EvidenceDump.CheckFileAsync(folder, file, recorded.Sha256, ct);
                var actor = CaseManagementClaims.ActorOf(http.User);
                if (check.State != EvidenceFileState.Ok)
                {
                    await RecordAsync(session, id, actor, new EvidenceVerified(id, evidenceId, false, [check]), ct);
                    return Results.Problem(title: "Evidence file failed its integrity check",
                        detail: $"'{file}' is {(check.State == EvidenceFileState.Missing ? "missing" : "changed")}: its bytes no longer hash to the SHA-256 " +
                                $"recorded when it was collected ({recorded.Sha256}). It is not served; the failed check is recorded on the incident.",
                        statusCode: StatusCodes.Status409Conflict);
                }

                await RecordAsync(session, id, actor, new EvidenceAccessed(id, evidenceId, file, recorded.Sha256, true), ct);
                http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(recorded.Sha256))}:";
                http.Response.Headers["X-Content-SHA256"] = recorded.Sha256;
                return Results.File(Path.Combine(folder, file), file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/gzip", file);
            })
            .WithName("DownloadEvidenceFile")
            .WithSummary("Download one evidence file after its hash is checked; the access is recorded in the chain of custody")
            .RequireAuthorization(Policies.ReadPersonalData)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost("/api/incidents/{id:guid}/evidence/{evidenceId:guid}/verify", async (Guid id, Guid evidenceId, IDocumentSession session,
                EvidenceLocker locker, HttpContext http, CancellationToken ct) =>
            {
                if (await FindAsync(session, id, evidenceId, ct) is not { } item)
                {
                    return EvidenceNotFound(id, evidenceId);
                }

                var folder = locker.FolderFor(session.TenantId, id, evidenceId);
                var checks = new List<EvidenceCheck>();
                foreach (var file in item.Files)
                {
                    checks.Add(await EvidenceDump.CheckFileAsync(folder, file.Name, file.Sha256, ct));
                }

                var verified = new EvidenceVerified(id, evidenceId, checks.All(c => c.State == EvidenceFileState.Ok), checks);
                await RecordAsync(session, id, CaseManagementClaims.ActorOf(http.User), verified, ct);
                return Results.Ok(verified);
            })
            .WithName("VerifyEvidence")
            .WithSummary("Hash every file of an evidence item again and compare with what was recorded at collection; the check is recorded")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<EvidenceVerified>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<List<EvidenceItemView>?> ItemsAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return events.Count == 0
            ? null
            : [.. events.Where(e => e.Data is EvidencePreserved).DistinctBy(e => ((EvidencePreserved)e.Data).EvidenceId).Select(e => View(e, events))];
    }

    private static async Task<EvidenceItemView?> FindAsync(IQuerySession session, Guid id, Guid evidenceId, CancellationToken ct) =>
        (await ItemsAsync(session, id, ct))?.FirstOrDefault(i => i.EvidenceId == evidenceId);

    private static EvidenceItemView View(IEvent collected, IReadOnlyList<IEvent> events)
    {
        var p = (EvidencePreserved)collected.Data;
        // A redelivered step rewrites its own bundle; the newest record of an item is the one on disk.
        var custody = events.Select(e => e.Data switch
            {
                EvidencePreserved again when again.EvidenceId == p.EvidenceId =>
                    new CustodyEntry(e.Timestamp, e.UserName, "collected", null, $"for {again.CollectedFor}, {again.Files.Count} files, snapshot {again.SnapshotAt:O}"),
                EvidenceAccessed a when a.EvidenceId == p.EvidenceId =>
                    new CustodyEntry(e.Timestamp, e.UserName, "downloaded", a.File, a.HashVerified ? "hash verified before serving" : null),
                EvidenceVerified v when v.EvidenceId == p.EvidenceId =>
                    new CustodyEntry(e.Timestamp, e.UserName, v.Intact ? "verified" : "integrity check failed", null,
                        string.Join("; ", v.Files.Where(f => f.State != EvidenceFileState.Ok).Select(f => $"{f.Name} {ApiJson.WireName(f.State)}"))),
                _ => null,
            })
            .OfType<CustodyEntry>()
            .ToList();
        var latest = events.Select(e => e.Data).OfType<EvidencePreserved>().Last(x => x.EvidenceId == p.EvidenceId);
        return new EvidenceItemView(latest.EvidenceId, latest.RunId, latest.StepId, latest.Shop, latest.Tables, latest.SnapshotAt, latest.ServerVersion,
            latest.Location, latest.Files, custody);
    }

    private static async Task RecordAsync(IDocumentSession session, Guid incidentId, string actor, object fact, CancellationToken ct)
    {
        session.LastModifiedBy = actor;
        var stream = await session.Events.FetchForWriting<Incident>(incidentId, ct);
        stream.AppendOne(fact);
        await session.SaveChangesAsync(ct);
    }

    private static IResult EvidenceNotFound(Guid id, Guid evidenceId) =>
        Results.Problem(title: "Evidence not found", detail: $"Incident {id} has no evidence item {evidenceId} (or the incident does not exist).",
            statusCode: StatusCodes.Status404NotFound);
}
