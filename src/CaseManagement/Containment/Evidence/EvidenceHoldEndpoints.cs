using CaseManagement.Incidents;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Containment.Evidence;

/// <summary>Why the incident's evidence is placed under legal hold (a claim, an inquiry, the retention period) or why the hold is lifted.</summary>
public sealed record ChangeEvidenceHold(string? Reason);

/// <summary>An incident with its evidence hold stream, loaded for writing before the decision.</summary>
public sealed record HoldOfIncident(Incident? Incident, IEventStream<EvidenceHold> Stream)
{
    public static async Task<HoldOfIncident> LoadAsync(Guid id, IDocumentSession session, CancellationToken ct) =>
        new(await session.LoadAsync<Incident>(id, ct), await session.Events.FetchForWriting<EvidenceHold>(IncidentStreams.EvidenceHold(id), ct));

    public ProblemDetails Check(Guid id, bool placing)
    {
        if (Incident is null)
        {
            return new ProblemDetails { Title = "Incident not found", Detail = $"No incident with id {id} exists.", Status = StatusCodes.Status404NotFound };
        }

        var held = Stream.Aggregate is { Active: true } hold ? hold : null;
        return (placing, held) switch
        {
            (true, not null) => new ProblemDetails
            {
                Title = "Evidence already under legal hold", Detail = $"There is already {held.Describe()}.", Status = StatusCodes.Status409Conflict,
            },
            (false, null) => new ProblemDetails
            {
                Title = "No legal hold", Detail = $"Incident {id}'s evidence is not under legal hold; there is nothing to lift.", Status = StatusCodes.Status409Conflict,
            },
            _ => WolverineContinue.NoProblems,
        };
    }

    /// <returns>The hold as it is once <paramref name="change"/> is recorded.</returns>
    public EvidenceHold Record(object change, string? actor, DateTimeOffset now)
    {
        Stream.AppendOne(change);
        // The answer is the snapshot's own fold of the event as it will be recorded, so the two cannot drift apart.
        return (change, Stream.Aggregate) switch
        {
            (EvidenceHoldPlaced placed, null) => EvidenceHold.Create(Recorded(placed, actor, now)),
            (EvidenceHoldPlaced placed, { } before) => before.Apply(Recorded(placed, actor, now)),
            (EvidenceHoldLifted lifted, { } before) => before.Apply(Recorded(lifted, actor, now)),
            _ => throw new ArgumentException($"{change.GetType().Name} is not a change of this legal hold", nameof(change)),
        };
    }

    private Event<T> Recorded<T>(T data, string? actor, DateTimeOffset now) where T : notnull =>
        new(data) { StreamId = Stream.Id, UserName = actor, Timestamp = now };
}

public static class PlaceEvidenceHoldEndpoint
{
    public static ProblemDetails Validate(ChangeEvidenceHold command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    public static Task<HoldOfIncident> LoadAsync(Guid id, IDocumentSession session, CancellationToken ct) => HoldOfIncident.LoadAsync(id, session, ct);

    public static ProblemDetails Validate(Guid id, HoldOfIncident hold) => hold.Check(id, placing: true);

    [WolverinePost("/api/incidents/{id}/evidence/hold", OperationId = "PlaceEvidenceHold",
        Summary = "Place the incident's evidence under legal hold: nothing of it is destroyed, and no one named in the incident erased, until it is lifted")]
    [Authorize(Policies.ErasePersonalData)]
    public static EvidenceHold Post(Guid id, ChangeEvidenceHold command, HoldOfIncident hold, IDocumentSession session, DateTimeOffset now) =>
        hold.Record(new EvidenceHoldPlaced(id, command.Reason!.Trim()), session.LastModifiedBy, now);
}

public static class LiftEvidenceHoldEndpoint
{
    public static ProblemDetails Validate(ChangeEvidenceHold command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    public static Task<HoldOfIncident> LoadAsync(Guid id, IDocumentSession session, CancellationToken ct) => HoldOfIncident.LoadAsync(id, session, ct);

    public static ProblemDetails Validate(Guid id, HoldOfIncident hold) => hold.Check(id, placing: false);

    [WolverinePost("/api/incidents/{id}/evidence/hold/lift", OperationId = "LiftEvidenceHold",
        Summary = "Lift the legal hold on the incident's evidence, with the reason")]
    [Authorize(Policies.ErasePersonalData)]
    public static EvidenceHold Post(Guid id, ChangeEvidenceHold command, HoldOfIncident hold, IDocumentSession session, DateTimeOffset now) =>
        hold.Record(new EvidenceHoldLifted(id, command.Reason!.Trim()), session.LastModifiedBy, now);
}

public static class GetEvidenceHoldEndpoint
{
    [WolverineGet("/api/incidents/{id}/evidence/hold", OperationId = "GetEvidenceHold",
        Summary = "The legal hold on the incident's evidence: who placed it, when and why, or who lifted it")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Incident>(id, ct) is null
            ? Problems.IncidentNotFound(id)
            : Results.Ok(await session.LoadAsync<EvidenceHold>(IncidentStreams.EvidenceHold(id), ct)
                         ?? new EvidenceHold { Id = IncidentStreams.EvidenceHold(id), IncidentId = id });
}
