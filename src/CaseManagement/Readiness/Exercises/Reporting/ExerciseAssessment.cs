using System.Text.Json.Nodes;
using CaseManagement.Rules.Scenarios;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Readiness.Exercises.Reporting;

/// <summary>One event of the exercise's incident record as the assessment reads it: its store name, its data as the API writes it, its exercise time.</summary>
public sealed record RecordedAct(long Sequence, string Type, JsonObject? Data, DateTimeOffset CaseAt, string Actor);

/// <summary>How an expectation or a target stood at the report's instant.</summary>
public enum Verdict
{
    /// <summary>Shown by the record within the target time.</summary>
    Met,

    /// <summary>Shown by the record, after the target time.</summary>
    Late,

    /// <summary>The target time passed (or the exercise ended) without the record showing it.</summary>
    NotReached,

    /// <summary>Not shown yet, and the target time is still ahead on the exercise clock.</summary>
    Pending,

    /// <summary>The inject it follows never reached the team (or the incident was not opened), so it was not tested.</summary>
    NotExercised,
}

/// <param name="TargetAt">Exercise time by which the decision was expected; null while the inject it follows has not come.</param>
/// <param name="SeenAt">Exercise time the first event showing it was recorded.</param>
/// <param name="Sequence">That event's sequence number in the store.</param>
public sealed record DecisionResult(string Id, string Title, string Shows, string After, TimeSpan Within, DateTimeOffset? TargetAt, DateTimeOffset? SeenAt,
    string? By, long? Sequence, string Verdict, string Text);

/// <param name="ReachedAt">Exercise time the incident records for the milestone.</param>
/// <param name="Hours">From the opening alert to the milestone; null when it was not reached.</param>
public sealed record MilestoneResult(string Milestone, TimeSpan Within, DateTimeOffset? TargetAt, DateTimeOffset? ReachedAt, double? Hours, string Verdict, string Text);

public sealed record Assessment(IReadOnlyList<DecisionResult> Decisions, IReadOnlyList<MilestoneResult> Milestones, IReadOnlyList<string> Gaps);

/// <summary>
/// Pure: the team's record against the scenario's expectations and milestone targets at one exercise instant. A verdict is
/// given only when the record proves it; a decision nobody recorded is "not reached" once its time has passed, never "met".
/// </summary>
public static class ExerciseAssessment
{
    /// <param name="injects">The injects delivered by <paramref name="asOf"/>, with their exercise times.</param>
    /// <param name="acts">The incident record's events by <paramref name="asOf"/>, in the order stored.</param>
    /// <param name="openedAt">Exercise time of the opening alert; null when the incident was not opened by then.</param>
    /// <param name="reached">Exercise time the incident records for each milestone it reached (aware, contained, scoped, notified, closed).</param>
    /// <param name="ended">The exercise ended by <paramref name="asOf"/>: what was not shown by then never will be.</param>
    public static Assessment Of(Scenario scenario, IReadOnlyList<DeliveredInject> injects, IReadOnlyList<RecordedAct> acts, DateTimeOffset? openedAt,
        IReadOnlyDictionary<string, DateTimeOffset> reached, DateTimeOffset asOf, bool ended)
    {
        var decisions = scenario.Expectations.Select(x => Decide(x, injects.FirstOrDefault(i => i.Id == x.After), acts, asOf, ended)).ToList();
        var milestones = scenario.Targets.Select(t => Measure(t, openedAt, reached.TryGetValue(t.Milestone, out var at) ? at : null, asOf, ended)).ToList();
        var gaps = decisions.Where(d => d.Verdict is "late" or "not-reached").Select(d => $"Expected decision “{d.Title}”: {d.Text}")
            .Concat(milestones.Where(m => m.Verdict is "late" or "not-reached").Select(m => $"Milestone {m.Milestone}: {m.Text}"))
            .ToList();
        return new Assessment(decisions, milestones, gaps);
    }

    /// <summary>Whether an event is the one an expectation names: its store name, and each field the expectation names holding one of its values.</summary>
    public static bool Shows(Expectation expectation, RecordedAct act) =>
        act.Type == expectation.Shows && expectation.Where.All(w => ValuesOf(act.Data?[w.Key]).Any(v => w.Value.Contains(v, StringComparer.Ordinal)));

    private static DecisionResult Decide(Expectation x, DeliveredInject? inject, IReadOnlyList<RecordedAct> acts, DateTimeOffset asOf, bool ended)
    {
        var seen = acts.FirstOrDefault(a => Shows(x, a));
        var target = inject is null ? (DateTimeOffset?)null : inject.CaseAt + x.Within;
        var (verdict, text) = Judge(target, seen?.CaseAt, asOf, ended,
            $"within {Span(x.Within)} of inject {x.After}", $"shown by {x.Shows}", $"inject {x.After}");
        return new DecisionResult(x.Id, x.Title, x.Shows, x.After, x.Within, target, seen?.CaseAt, seen?.Actor, seen?.Sequence, verdict, text);
    }

    private static MilestoneResult Measure(MilestoneTarget t, DateTimeOffset? openedAt, DateTimeOffset? reachedAt, DateTimeOffset asOf, bool ended)
    {
        var target = openedAt + t.Within;
        var (verdict, text) = Judge(target, reachedAt, asOf, ended, $"within {Span(t.Within)} of the opening alert", $"recorded {t.Milestone}",
            "the opening alert");
        var hours = openedAt is { } start && reachedAt is { } end ? Math.Round((end - start).TotalHours, 2) : (double?)null;
        return new MilestoneResult(t.Milestone, t.Within, target, reachedAt, hours, verdict, text);
    }

    private static (string Verdict, string Text) Judge(DateTimeOffset? target, DateTimeOffset? seen, DateTimeOffset asOf, bool ended, string expected, string shownBy,
        string waitingFor)
    {
        var verdict = (target, seen) switch
        {
            (_, { } s) when target is null || s <= target => Verdict.Met,
            (_, not null) => Verdict.Late,
            (null, null) => ended ? Verdict.NotExercised : Verdict.Pending,
            ({ } t, null) => ended || asOf > t ? Verdict.NotReached : Verdict.Pending,
        };
        var (at, due) = (seen.GetValueOrDefault(), target.GetValueOrDefault());
        var text = verdict switch
        {
            Verdict.Met => $"met: {shownBy} at {Instant(at)} (expected {expected}{(target is null ? "" : $", by {Instant(due)}")})",
            Verdict.Late => $"late: {shownBy} at {Instant(at)}, {Span(at - due)} after the target {Instant(due)} ({expected})",
            Verdict.NotReached => $"not reached: nothing in the record shows it by {Instant(ended && asOf < due ? asOf : due)} ({expected}{(ended ? "; the exercise ended" : "")})",
            Verdict.Pending => target is null ? $"pending: {waitingFor} has not come yet ({expected})" : $"pending: not shown yet, the target {Instant(due)} is still ahead ({expected})",
            _ => $"not exercised: {waitingFor} had not come when the exercise ended ({expected})",
        };
        return (ApiJson.WireName(verdict), text);
    }

    private static IEnumerable<string> ValuesOf(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.SelectMany(ValuesOf),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [node.ToJsonString()],
    };
}
