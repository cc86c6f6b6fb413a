using CaseManagement.Rules.Exercises;
using Marten;

namespace CaseManagement.Readiness.Exercises.Reviewing;

/// <summary>The exercise's clock as people read it: exercise time now, how fast it runs, and every setting made.</summary>
public sealed record ExerciseClockView(DateTimeOffset Now, double Rate, string State, IReadOnlyList<ClockSetting> Settings);

/// <summary>An exercise as people see it; <paramref name="Header"/> and <paramref name="HeaderValue"/> act inside it.</summary>
public sealed record ExerciseView(
    Guid Id,
    string Title,
    string Status,
    string Scenario,
    int ScenarioVersion,
    string ScenarioSha256,
    bool ScenarioPublishedByOrganisation,
    IReadOnlyList<ExerciseParticipant> Participants,
    string Sandbox,
    Guid IncidentId,
    string Header,
    string HeaderValue,
    bool NoticesToParticipants,
    bool PagesOnCall,
    DateTimeOffset StartsAt,
    ExerciseClockView Clock,
    IReadOnlyList<DeliveredInject> Injects,
    DateTimeOffset? ChannelFailingUntil,
    DateTimeOffset StartedAt,
    string? StartedBy,
    DateTimeOffset? EndedAt,
    string? Outcome,
    string? Summary,
    long Version)
{
    public static ExerciseView Of(Exercise e, DateTimeOffset realNow)
    {
        var rate = e.Clock.InForceAt(realNow)?.Rate ?? 0;
        return new ExerciseView(e.Id, e.Title, ApiJson.WireName(e.Status), e.Scenario, e.ScenarioVersion, e.ScenarioSha256, e.ScenarioPublishedByOrganisation,
            e.Participants, e.Sandbox, e.IncidentId, ExerciseTenants.Header, e.Id.ToString(), e.NoticesToParticipants, e.PagesOnCall, e.StartsAt,
            new ExerciseClockView(e.Clock.CaseTimeAt(realNow), rate, e.Status == ExerciseStatus.Ended ? "stopped" : rate > 0 ? "running" : "paused", e.Clock.Settings),
            e.Injects, e.ChannelFailingUntil, e.StartedAt, e.StartedBy, e.EndedAt, e.Outcome is { } o ? ApiJson.WireName(o) : null, e.Summary, e.Version);
    }
}

public static class GetExerciseEndpoint
{
    [WolverineGet("/api/exercises/{id}", OperationId = "GetExercise", Summary = "The exercise: scenario, participants, clock, injects delivered so far, outcome")]
    [Authorize(Policies.ReadIncidents)]
    public static ExerciseView Get([ReadAggregate] Exercise exercise, TimeProvider real) => ExerciseView.Of(exercise, real.GetUtcNow());
}

public static class ListExercisesEndpoint
{
    [WolverineGet("/api/exercises", OperationId = "ListExercises", Summary = "The organisation's exercises, newest first")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<List<ExerciseView>> Get(IQuerySession session, TimeProvider real, CancellationToken ct)
    {
        var now = real.GetUtcNow();
        return [.. (await session.Query<Exercise>().OrderByDescending(e => e.StartedAt).ToListAsync(ct)).Select(e => ExerciseView.Of(e, now))];
    }
}
