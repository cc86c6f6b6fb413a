using CaseManagement.Api;
using CaseManagement.Security;
using Marten;

namespace CaseManagement.Audit.Chain;

/// <summary>The organisation's chains, verified: how many, which are broken and where first, and which checkpoints fail.</summary>
public sealed record ChainReport(
    string Organisation,
    DateTimeOffset CheckedAt,
    bool Intact,
    int StreamsChecked,
    long EventsChecked,
    long EventsPending,
    IReadOnlyList<ChainVerification> BrokenStreams,
    int CheckpointsChecked,
    IReadOnlyList<CheckpointProblem> CheckpointProblems,
    DateTimeOffset? CheckpointAt)
{
    public static ChainReport Of(string organisation, DateTimeOffset checkedAt, OrganisationVerification result) => new(
        organisation, checkedAt, result.Intact, result.Streams.Count, result.Streams.Sum(s => s.EventsChecked), result.EventsPending,
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

    public static IEndpointRouteBuilder MapChainEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id:guid}/chain", async (Guid id, IQuerySession session, ChainVerifier verifier, CancellationToken ct) =>
                await verifier.VerifyStreamAsync(session, id, ct) is { } verification ? Results.Ok(verification) : Problems.IncidentNotFound(id))
            .WithName("VerifyIncidentChain")
            .WithSummary("Recompute the incident's hash chain from the stored events: intact, or where it first breaks (200 either way)")
            .ForReaders()
            .Produces<ChainVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/chain/verify", async (IQuerySession session, ChainVerifier verifier, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(ChainReport.Of(session.TenantId, clock.GetUtcNow(), await verifier.VerifyOrganisationAsync(session, ct))))
            .WithName("VerifyChains")
            .WithSummary("Recompute every chain of the organisation and check every checkpoint's signature")
            .ForReaders()
            .Produces<ChainReport>();

        app.MapPost("/api/chain/checkpoints", async (HttpContext http, IDocumentSession session, ChainCheckpointing checkpointing, CancellationToken ct) =>
                await checkpointing.RecordAsync(session, CaseManagementClaims.ActorOf(http.User), onlyWhenChanged: false, ct) is { } checkpoint
                    ? Results.Created($"/api/chain/checkpoints/{checkpoint.Id}", CheckpointView.Of(checkpoint, null, withHeads: true))
                    : Results.Problem(title: "Nothing to checkpoint", detail: "The organisation has no linked events yet.", statusCode: StatusCodes.Status409Conflict))
            .WithName("RecordChainCheckpoint")
            .WithSummary("Sign the organisation's stream heads now")
            .ForReaders()
            .Produces<CheckpointView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/chain/checkpoints", async (IQuerySession session, ChainCheckpointing checkpointing, CancellationToken ct) =>
                Results.Ok((await ChainCheckpointing.Newest(session).Take(ListedCheckpoints).ToListAsync(ct))
                    .Select(c => CheckpointView.Of(c, checkpointing.Signer.Problem(c), withHeads: false)).ToList()))
            .WithName("ListChainCheckpoints")
            .WithSummary($"The newest {ListedCheckpoints} checkpoints, each with whether its signature holds")
            .ForReaders()
            .Produces<List<CheckpointView>>();

        app.MapGet("/api/chain/checkpoints/{id:guid}", async (Guid id, IQuerySession session, ChainCheckpointing checkpointing, CancellationToken ct) =>
                await session.LoadAsync<ChainCheckpoint>(id, ct) is { } checkpoint
                    ? Results.Ok(CheckpointView.Of(checkpoint, checkpointing.Signer.Problem(checkpoint), withHeads: true))
                    : Results.Problem(title: "Checkpoint not found", detail: $"No checkpoint with id {id} exists.", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetChainCheckpoint")
            .WithSummary("One checkpoint with the stream heads it signed")
            .ForReaders()
            .Produces<CheckpointView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static RouteHandlerBuilder ForReaders(this RouteHandlerBuilder route) => route.RequireAuthorization(Policies.ReadIncidents).WithTags("Audit");
}
