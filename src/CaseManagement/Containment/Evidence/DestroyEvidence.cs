using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using Marten;

namespace CaseManagement.Containment.Evidence;

/// <summary>Why the item is destroyed (the retention period over, the claim settled).</summary>
public sealed record DestroyEvidence(string? Reason);

/// <summary>The files of a destroyed item are deleted after the destruction (and the key's shredding) committed.</summary>
public sealed record DeleteDestroyedEvidenceFiles(Guid IncidentId, Guid EvidenceId);

/// <summary>What keeps an item: its incident's status and the legal hold on its evidence, loaded before the decision.</summary>
public sealed record EvidenceKeeping(IncidentStatus? IncidentStatus, EvidenceHold? Hold);

/// <summary>
/// Destroys a whole evidence item when nothing keeps it any more (ADR 22): its key is shredded in the same commit as the
/// <see cref="EvidenceDestroyed"/> record, then its files are deleted. While its incident is open or a legal hold is on it, the
/// request is refused (409 naming what keeps it), and the refusal joins the item's chain of custody.
/// </summary>
public static class DestroyEvidenceEndpoint
{
    public static ProblemDetails Validate(DestroyEvidence command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    public static async Task<EvidenceKeeping> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        new((await session.LoadAsync<Incident>(id, ct))?.Status, await session.LoadAsync<EvidenceHold>(IncidentStreams.EvidenceHold(id), ct));

    public static ProblemDetails Validate(Guid id, EvidenceItem item) =>
        item.IncidentId != id ? DownloadEvidenceFileEndpoint.EvidenceNotFound(id, item.Id)
        : item.DestroyedAt is not null ? DownloadEvidenceFileEndpoint.EvidenceDestroyed(item)
        : WolverineContinue.NoProblems;

    [WolverinePost("/api/incidents/{id}/evidence/{evidenceId}/destroy", OperationId = nameof(DestroyEvidence),
        Summary = "Destroy an evidence item no hold keeps: its key is shredded and its files deleted; the record keeps its hashes")]
    [Authorize(Policies.ErasePersonalData)]
    public static (IResult, Events, OutgoingMessages) Post(Guid id, DestroyEvidence command, [WriteAggregate("evidenceId")] EvidenceItem item,
        EvidenceKeeping keeping, PiiVault vault, IDocumentSession session)
    {
        var reason = command.Reason!.Trim();
        if (EvidenceRetention.RefusalToDestroy(keeping.IncidentStatus!.Value, keeping.Hold) is { } refusal)
        {
            return (Results.Problem(title: "Evidence is kept", detail: $"Evidence item {item.Id} is not destroyed: {refusal} The refusal is recorded in its chain of custody.",
                    statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["hold"] = keeping.Hold is { Active: true } ? keeping.Hold : null }),
                [new EvidenceDestructionRefused(id, item.Id, reason, refusal)], []);
        }

        vault.Shred(session, EvidenceKeys.Subject(item.Id));
        var destroyed = new EvidenceDestroyed(id, item.Id, reason, item.Files);
        return (Results.Ok(destroyed), [destroyed], [new DeleteDestroyedEvidenceFiles(id, item.Id)]);
    }
}

public static class DeleteDestroyedEvidenceFilesHandler
{
    /// <remarks>
    /// Idempotent: a redelivered message finds nothing left. The rows go from the tables at once; PostgreSQL frees their space
    /// at its next vacuum, and copies in backups and WAL archives stay unreadable because the key is gone (ADR 36). Plaintext
    /// bundles of before ADR 22 are only gone once this ran.
    /// </remarks>
    public static async Task Handle(DeleteDestroyedEvidenceFiles message, Wolverine.IMessageContext context, EvidenceLocker locker,
        ILogger<DeleteDestroyedEvidenceFiles> logger, CancellationToken ct)
    {
        await locker.DeleteAsync(context.TenantId!, message.IncidentId, message.EvidenceId, ct);
        logger.LogInformation("Evidence item {EvidenceId} of incident {IncidentId}: stored files deleted after its destruction", message.EvidenceId, message.IncidentId);
    }
}
