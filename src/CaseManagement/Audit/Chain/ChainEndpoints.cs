using CaseManagement.Incidents.Reviewing;
using System.Security.Claims;
using Marten;

namespace CaseManagement.Audit.Chain;

/// <summary>The organisation's chains, verified: how many, which are broken and where first, and which checkpoints fail.</summary>
public sealed record ChainReport(
    string Organisation,
    DateTimeOffset CheckedAt,
    bool Intact,
    int StreamsChecked,
    long EventsChecked,
    IReadOnlyList<ChainVerification> BrokenStreams,
    int CheckpointsChecked,
    IReadOnlyList<CheckpointProblem> CheckpointProblems,
    DateTimeOffset? CheckpointAt)
{
    public static ChainReport Of(string organisation, DateTimeOffset checkedAt, OrganisationVerification result) => new(
        organisation, checkedAt, result.Intact, result.Streams.Count, result.Streams.Sum(s => s.EventsChecked),
        [.. result.Streams.Where(s => !s.Intact)], result.CheckpointsChecked, result.CheckpointProblems, result.CheckpointAt);
}

/// <summary>A checkpoint as stored, with whether it holds; heads only when one checkpoint is asked for.</summary>
public sealed record CheckpointView(
    Guid Id,
    string Organisation,
    DateTimeOffset At,
    string RecordedBy,
    int Streams,
    string Root,
    string KeyId,
    string Signature,
    bool Valid,
    string? Problem,
    IReadOnlyList<CheckpointHead>? Heads)
{
    public static CheckpointView Of(ChainCheckpoint c, string? problem, bool withHeads) =>
        new(c.Id, c.Organisation, c.At, c.RecordedBy, c.Heads.Count, c.Root, c.KeyId, c.Signature, problem is null, problem, withHeads ? c.Heads : null);
}

/// <summary>
/// Verification and checkpoints for whoever may read incidents, auditors included. Recording a checkpoint changes no
/// case data and hides nothing (a checkpoint never signs a head older than the last one), so pinning the history
/// before an examination is a reader's act; admins, who read no case data, rely on the schedule.
/// </summary>
public static class ChainEndpoints
{
    private const int ListedCheckpoints = 100;

    [WolverineGet("/api/incidents/{id}/chain", OperationId = "VerifyIncidentChain",
        Summary = "Recompute the hash chain of every stream of the incident's record from the stored events: intact, or where each first breaks (200 either way)")]
    [Authorize(Policies.ReadIncidents), Tags("Audit")]
    public static async Task<IResult> VerifyIncident(Guid id, IQuerySession session, ChainVerifier verifier, CancellationToken ct) =>
        await VerifyIncidentAsync(id, session, verifier, ct) is { } chain ? Results.Ok(chain) : Problems.IncidentNotFound(id);

    /// <summary>Every stream of the incident's record recomputed; null when there is no such incident.</summary>
    public static async Task<IncidentRecordChain?> VerifyIncidentAsync(Guid id, IQuerySession session, ChainVerifier verifier, CancellationToken ct)
    {
        if (await IncidentRecord.StreamsAsync(session, id, ct) is not { } streams)
        {
            return null;
        }

        var checkedStreams = new List<RecordStreamChain>(streams.Count);
        foreach (var stream in streams)
        {
            if (await verifier.VerifyStreamAsync(session, stream.Id, ct) is { } verification)
            {
                checkedStreams.Add(new RecordStreamChain(stream.Kind, verification));
            }
        }

        return new IncidentRecordChain(id, checkedStreams.All(s => s.Verification.Intact), checkedStreams.Sum(s => s.Verification.EventsChecked), checkedStreams);
    }

    [WolverineGet("/api/chain/verify", OperationId = "VerifyChains", Summary = "Recompute every chain of the organisation and check every checkpoint's signature")]
    [Authorize(Policies.ReadIncidents), Tags("Audit")]
    public static async Task<ChainReport> VerifyOrganisation(IQuerySession session, ChainVerifier verifier, DateTimeOffset now, CancellationToken ct) =>
        ChainReport.Of(session.TenantId, now, await verifier.VerifyOrganisationAsync(session, ct));

    [WolverineGet("/api/chain/checkpoints", OperationId = "ListChainCheckpoints", Summary = "The newest 100 checkpoints, each with whether its signature holds")]
    [Authorize(Policies.ReadIncidents), Tags("Audit")]
    public static async Task<List<CheckpointView>> ListCheckpoints(IQuerySession session, ChainCheckpointing checkpointing, CancellationToken ct) =>
        [.. (await ChainCheckpointing.Newest(session).Take(ListedCheckpoints).ToListAsync(ct)).Select(c => CheckpointView.Of(c, checkpointing.Signer.Problem(c), withHeads: false))];

    [WolverineGet("/api/chain/checkpoints/{id}", OperationId = "GetChainCheckpoint", Summary = "One checkpoint with the stream heads it signed")]
    [Authorize(Policies.ReadIncidents), Tags("Audit")]
    public static async Task<IResult> GetCheckpoint(Guid id, IQuerySession session, ChainCheckpointing checkpointing, CancellationToken ct) =>
        await session.LoadAsync<ChainCheckpoint>(id, ct) is { } checkpoint
            ? Results.Ok(CheckpointView.Of(checkpoint, checkpointing.Signer.Problem(checkpoint), withHeads: true))
            : Results.Problem(title: "Checkpoint not found", detail: $"No checkpoint with id {id} exists.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>Sign the organisation's stream heads now (a reader's act: it changes no case data and hides nothing).</summary>
public static class RecordChainCheckpointEndpoint
{
    [WolverinePost("/api/chain/checkpoints", OperationId = "RecordChainCheckpoint", Summary = "Sign the organisation's stream heads now")]
    [Authorize(Policies.ReadIncidents), Tags("Audit")]
    public static async Task<IResult> Post(ClaimsPrincipal user, IDocumentSession session, ChainCheckpointing checkpointing, CancellationToken ct) =>
        await checkpointing.RecordAsync(session, CaseManagementClaims.ActorOf(user), onlyWhenChanged: false, ct) is { } checkpoint
            ? Results.Created($"/api/chain/checkpoints/{checkpoint.Id}", CheckpointView.Of(checkpoint, null, withHeads: true))
            : Results.Problem(title: "Nothing to checkpoint", detail: "The organisation has no linked events yet.", statusCode: StatusCodes.Status409Conflict);
}
