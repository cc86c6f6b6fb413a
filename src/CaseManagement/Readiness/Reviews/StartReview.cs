using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Notifications.Campaigns;
using Marten;

namespace CaseManagement.Readiness.Reviews;

/// <summary>What starting a review reads: the incident's whole record, the breach start its campaigns state, and whether a review exists.</summary>
public sealed record ReviewSource(IncidentRecord? Record, BreachStart? BreachStart, bool Started);

public sealed record ReviewCreated(Guid Id, Guid IncidentId, long Version) : CreationResponse($"/api/reviews/{Id}");

/// <summary>
/// Start the post-incident review of an incident (or of an exercise's incident, with X-Exercise): its timeline and phase
/// durations are generated from the record now, for the people reviewing to discuss. One review per incident.
/// </summary>
public static class StartReviewEndpoint
{
    public static async Task<ReviewSource> LoadAsync(Guid id, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        if (await IncidentRecord.LoadAsync(session, id, (DateTimeOffset?)null, ct) is not { } record)
        {
            return new ReviewSource(null, null, false);
        }

        var campaigns = await session.Query<Campaign>().Where(c => c.IncidentId == id).ToListAsync(ct);
        return new ReviewSource(record, GetAuditReportEndpoint.BreachStartOf(campaigns, now),
            await session.Events.FetchStreamStateAsync(ReviewStreams.For(id), ct) is not null);
    }

    public static ProblemDetails Validate(Guid id, ReviewSource source) => source switch
    {
        { Record: null } => ReviewProblems.IncidentNotFound(id),
        { Started: true } => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "The incident already has a review",
            Detail = $"Incident {id} is reviewed in review {ReviewStreams.For(id)}: GET /api/reviews/{ReviewStreams.For(id)}.",
        },
        _ => WolverineContinue.NoProblems,
    };

    [WolverinePost("/api/incidents/{id}/review", OperationId = "StartReview",
        Summary = "Start the incident's post-incident review: its timeline and phase durations generated from the record")]
    [Authorize(Policies.RecordFacts)]
    public static async Task<(ReviewCreated, IStartStream)> Post(Guid id, ReviewSource source, DateTimeOffset now, CancellationToken ct)
    {
        var started = await Generate(source.Record!, source.BreachStart, now, ct);
        return (new ReviewCreated(started.ReviewId, id, 1), MartenOps.StartStream<Review>(started.ReviewId, started));
    }

    /// <summary>The review's opening: the incident's own events and escalations as sentences, its phases and measures as of <paramref name="asOf"/>.</summary>
    public static async Task<ReviewStarted> Generate(IncidentRecord record, BreachStart? breachStart, DateTimeOffset asOf, CancellationToken ct)
    {
        var history = await IncidentHistory.ReplayAsync(record.IncidentEvents, ct);
        var phases = IncidentPhases.Of(history, breachStart, asOf);
        var timeline = AuditTimeline.Entries(record, history)
            .Where(e => e.Stream is IncidentRecord.IncidentStream or "escalations")
            .Select(e => $"{e.When}: {e.What}{(e.StatusChange is { } change ? $" (now {change.To})" : "")}");
        var incident = history.Incident;
        return new ReviewStarted(ReviewStreams.For(incident.Id), incident.Id, incident.Title, incident.Severity, asOf, [.. timeline],
            [.. phases.Phases.Select(Span)], [.. phases.Measures.Select(Span)]);
    }

    private static ReviewSpan Span(Span s) => new(s.Name, s.Label, s.Hours, s.Text);
}

public static class ReviewProblems
{
    public static ProblemDetails IncidentNotFound(Guid id) => new()
    {
        Status = StatusCodes.Status404NotFound, Title = "Incident not found", Detail = $"No incident {id} exists here (an exercise's incident needs X-Exercise).",
    };

    /// <summary>A review that cannot take the change: 409 with the reason.</summary>
    public static ProblemDetails Refused(string title, string? reason) => reason is null ? WolverineContinue.NoProblems : new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict, Title = title, Detail = reason,
    };
}
