using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Awareness;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Phases;

/// <summary>
/// A breach start stated outside the incident's facts (a notification campaign's breach dates), and where: shown beside a
/// missing fact for what it is, never used as the fact.
/// </summary>
public sealed record BreachStart(DateTimeOffset At, string Source);

/// <summary>A point the response reached: its business time, when that was recorded, by whom, and by which event.</summary>
public sealed record Milestone(string Name, DateTimeOffset? At, DateTimeOffset? RecordedAt, Actor? By, string? Source);

/// <summary>The time between two milestones; <paramref name="Hours"/> only when both are known.</summary>
/// <param name="By">Who recorded the milestone that ends it: the person (or worker) who acted in this phase.</param>
public sealed record Span(string Name, string Label, string From, string To, DateTimeOffset? Start, DateTimeOffset? End, double? Hours, string Text, Actor? By);

/// <param name="Phases">Consecutive: detection, containment, scoping, notification, closure.</param>
/// <param name="Measures">Each from its own starting point: MTTD, MTTC, MTTN, time to close.</param>
public sealed record PhaseReport(IReadOnlyList<Milestone> Milestones, IReadOnlyList<Span> Phases, IReadOnlyList<Span> Measures);

public static class Spans
{
    /// <summary>The measure or phase of that name (mttd, mttc, mttn, time-to-close; detection … closure).</summary>
    public static Span Named(this IReadOnlyList<Span> spans, string name) => spans.Single(s => s.Name == name);
}

/// <summary>
/// Phase durations from the milestones' business times (when something happened, not when someone typed it), as the
/// incident stood at an instant: a missing milestone is said to be missing or not reached yet, never guessed.
/// </summary>
public static class IncidentPhases
{
    public const string BreachStarted = "breach-start";

    /// <summary>What time to detect and the detection phase say while nobody has recorded when the breach began.</summary>
    public const string NeedsBreachStart = "needs facts: breach start (record when the breach began, on the earliest evidence)";

    /// <summary>The measures every incident gets, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> MeasureLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mttd"] = "Time to detect (breach start to detection)",
        ["mttc"] = "Time to contain (detection to containment)",
        ["mttn"] = "Time to notify (awareness to first notification)",
        ["time-to-close"] = "Time to close (detection to closure)",
    };

    private static readonly (string Name, Func<Incident, DateTimeOffset?> At)[] Recorded =
    [
        ("detected", i => i.DetectedAt),
        ("aware", i => i.AwareAt),
        ("contained", i => i.ContainedAt),
        ("scoped", i => i.ScopedAt),
        ("notified", i => i.NotifiedAt),
        ("closed", i => i.ClosedAt),
    ];

    // The phases in the order a response goes through them, each named by the milestone that ends it.
    private static readonly (string Name, string To)[] Sequence =
        [("detection", "detected"), ("containment", "contained"), ("scoping", "scoped"), ("notification", "notified"), ("closure", "closed")];

    private static readonly IReadOnlyDictionary<string, string> Nouns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [BreachStarted] = "breach start", ["detected"] = "detection", ["contained"] = "containment", ["scoped"] = "scope",
        ["notified"] = "first notification", ["closed"] = "closure",
    };

    /// <param name="stated">A breach start stated elsewhere (a campaign's): named beside a missing fact, never measured from.</param>
    public static PhaseReport Of(IncidentHistory history, BreachStart? stated, DateTimeOffset asOf)
    {
        var milestones = new List<Milestone> { BreachStartOf(history, stated) };
        milestones.AddRange(Recorded.Select(m => Reached(history, m.Name, m.At)));
        var at = milestones.ToDictionary(m => m.Name);
        var closed = history.Incident.Status == IncidentStatus.Closed;

        var phases = new List<Span>();
        string[] order = [BreachStarted, .. Sequence.Select(s => s.To)];
        for (var i = 0; i < Sequence.Length; i++)
        {
            // A reached phase starts where the response last got to (closing a false positive follows its detection); one
            // not reached yet waits for the phase before it.
            var to = Sequence[i].To;
            var from = i == 0 || at[to].At is null ? order[i] : order[1..(i + 1)].Last(name => at[name].At is not null);
            var label = $"{char.ToUpperInvariant(Nouns[from][0])}{Nouns[from][1..]} to {Nouns[to]}";
            phases.Add(Between(Sequence[i].Name, label, at[from], at[to], asOf, closed));
        }

        var awareness = at["aware"].At is null ? at["detected"] : at["aware"];
        Span[] measures =
        [
            Between("mttd", MeasureLabels["mttd"], at[BreachStarted], at["detected"], asOf, closed),
            Between("mttc", MeasureLabels["mttc"], at["detected"], at["contained"], asOf, closed),
            Between("mttn", awareness.Name == "aware" ? MeasureLabels["mttn"] : "Time to notify (from detection: no awareness is recorded)", awareness,
                at["notified"], asOf, closed),
            Between("time-to-close", MeasureLabels["time-to-close"], at["detected"], at["closed"], asOf, closed),
        ];
        return new PhaseReport(milestones, phases, measures);
    }

    // The breach-start fact as last stated in the history, with who stated it and on what evidence; without it the milestone
    // says the fact is needed, and a start stated elsewhere is named as what it is.
    private static Milestone BreachStartOf(IncidentHistory history, BreachStart? stated)
    {
        if (history.Steps.LastOrDefault(s => s.Event.Data is BreachStartRecorded) is { Event: { Data: BreachStartRecorded fact } e })
        {
            var restated = fact.PreviousStartedAt is { } previous ? $", restating {Instant(previous)}" : "";
            return new Milestone(BreachStarted, fact.StartedAt, e.Timestamp, Actor.Of(e.UserName),
                $"{e.EventTypeName} (version {e.Version}{restated}): {fact.Basis}");
        }

        return new Milestone(BreachStarted, null, null, null, stated is null
            ? NeedsBreachStart
            : $"{NeedsBreachStart}; {stated.Source} gives {Instant(stated.At)}, which is what recipients were told, not a recorded fact, and is not measured from");
    }

    // The milestone's value as of the end of the history, and the event that last set it to that value.
    private static Milestone Reached(IncidentHistory history, string name, Func<Incident, DateTimeOffset?> at)
    {
        var value = at(history.Incident);
        var setBy = value is null ? null : history.Steps.LastOrDefault(s => at(s.After) == value && (s.Before is null || at(s.Before) != value));
        return new Milestone(name, value, setBy?.Event.Timestamp, setBy is null ? null : Actor.Of(setBy.Event.UserName), setBy?.Event.EventTypeName);
    }

    private static Span Between(string name, string label, Milestone from, Milestone to, DateTimeOffset asOf, bool closed)
    {
        if (from.At is { } start && to.At is { } end)
        {
            var span = end - start;
            var text = span < TimeSpan.Zero ? $"{Span(span)} ({to.Name} is dated before {from.Name})" : Span(span);
            return new Span(name, label, from.Name, to.Name, start, end, Math.Round(span.TotalHours, 2), text, to.By);
        }

        var why = (from.At, to.At) switch
        {
            (null, _) when from.Name == BreachStarted => from.Source!,
            _ when closed => $"not reached: closed without being {to.Name}",
            (null, _) => $"not started: not {from.Name} yet",
            ({ } since, _) => $"not {to.Name} as of {Instant(asOf)}: {Span(asOf - since)} so far",
        };
        return new Span(name, label, from.Name, to.Name, from.At, null, null, why, to.By);
    }
}
