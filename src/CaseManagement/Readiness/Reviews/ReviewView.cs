using Marten;

namespace CaseManagement.Readiness.Reviews;

/// <param name="State">open, overdue (past its due date on the tenant's clock) or done.</param>
public sealed record ReviewActionView(string Id, string Title, string Owner, DateTimeOffset DueAt, string State, DateTimeOffset? DoneAt, string? Note, bool Reminded);

/// <summary>A review as people read it; the state of each action is judged on the tenant's clock now.</summary>
public sealed record ReviewView(
    Guid Id,
    Guid IncidentId,
    string IncidentTitle,
    string? Severity,
    string Status,
    DateTimeOffset AsOf,
    IReadOnlyList<string> Timeline,
    IReadOnlyList<ReviewSpan> Phases,
    IReadOnlyList<ReviewSpan> Measures,
    string? RootCause,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<string> WentWell,
    IReadOnlyList<string> WentBadly,
    IReadOnlyList<ReviewActionView> Actions,
    DateTimeOffset StartedAt,
    string? StartedBy,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    string? Summary,
    long Version)
{
    public static ReviewView Of(Review r, DateTimeOffset now) => new(r.Id, r.IncidentId, r.IncidentTitle, r.Severity is { } s ? ApiJson.WireName(s) : null,
        r.IsCompleted ? "completed" : "open", r.AsOf, r.Timeline, r.Phases, r.Measures, r.RootCause, r.ContributingFactors, r.WentWell, r.WentBadly,
        [.. r.Actions.Select(a => new ReviewActionView(a.Id, a.Title, a.Owner, a.DueAt, a.IsDone ? "done" : a.DueAt <= now ? "overdue" : "open", a.DoneAt, a.Note, a.Reminded))],
        r.StartedAt, r.StartedBy, r.CompletedAt, r.CompletedBy, r.Summary, r.Version);
}

public static class GetReviewEndpoints
{
    [WolverineGet("/api/reviews/{id}", OperationId = "GetReview", Summary = "A post-incident review: timeline, phases, findings, actions and their state")]
    [Authorize(Policies.ReadIncidents)]
    public static ReviewView Get([ReadAggregate] Review review, DateTimeOffset now) => ReviewView.Of(review, now);

    [WolverineGet("/api/incidents/{id}/review", OperationId = "GetIncidentReview", Summary = "The incident's post-incident review, once started")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> GetOfIncident(Guid id, IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        await session.LoadAsync<Review>(ReviewStreams.For(id), ct) is { } review
            ? Results.Ok(ReviewView.Of(review, now))
            : Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Title = "No review yet",
                Detail = $"Incident {id} has no post-incident review; POST /api/incidents/{id}/review starts one.",
            });
}
