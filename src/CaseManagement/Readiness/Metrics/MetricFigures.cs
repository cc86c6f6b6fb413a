using CaseManagement.Incidents;

namespace CaseManagement.Readiness.Metrics;

/// <summary>A duration measure over a group: how many incidents have both ends, and the median and mean in hours.</summary>
/// <param name="NeedsFacts">Incidents left out because a fact the measure starts from is missing (time to detect: the breach start); null for measures whose start every incident has.</param>
public sealed record MeasureFigure(string Name, string Label, int Incidents, double? MedianHours, double? MeanHours, int? NeedsFacts = null);

/// <summary>
/// Deadline compliance: duties met by their deadline over the duties whose deadline has passed or that were met against one.
/// Duties still inside their deadline, and those without one, are counted apart and not in the ratio.
/// </summary>
public sealed record DeadlineCompliance(int MetOnTime, int MetLate, int Missed, int Pending, int WithoutDeadline, double? Ratio);

/// <summary>The figures of one group of incidents (all of them, one kind, one shop, one severity or one month).</summary>
/// <param name="Incidents">Real incidents counted in the measures: neither false positives nor merged duplicates.</param>
public sealed record MetricGroup(string Key, int Incidents, int FalsePositives, int Duplicates, IReadOnlyList<MeasureFigure> Measures, DeadlineCompliance Deadlines);

public enum MetricGrouping
{
    None,
    Kind,
    Shop,
    Severity,
    Month,
}

/// <summary>
/// Pure: figures from the incidents' measures. Exercises never count (their incidents live in other tenants, and one that got
/// here would be left out too); false positives and merged duplicates are counted apart and never in a duration.
/// </summary>
public static class MetricFigures
{
    public static readonly IReadOnlyList<(string Name, string Label)> Measures =
    [
        ("detect", "Time to detect (the breach's recorded start to detection; incidents without a recorded start need facts and are counted apart)"),
        ("acknowledge", "Time to acknowledge (detection to a person's first act)"),
        ("contain", "Time to contain (detection to containment)"),
        ("notify", "Time to notify (awareness, or detection when none is recorded, to first notification)"),
        ("close", "Time to close (detection to closure)"),
    ];

    /// <summary>Incidents detected in [<paramref name="from"/>, <paramref name="to"/>), grouped; the first group is always "all".</summary>
    public static IReadOnlyList<MetricGroup> Compute(IEnumerable<IncidentMeasures> measures, DateTimeOffset from, DateTimeOffset to, MetricGrouping grouping,
        DateTimeOffset now)
    {
        var inPeriod = measures.Where(m => !m.Exercise && m.DetectedAt >= from && m.DetectedAt < to).ToList();
        var groups = new List<MetricGroup> { Group("all", inPeriod, now) };
        if (grouping != MetricGrouping.None)
        {
            groups.AddRange(inPeriod.GroupBy(m => KeyOf(m, grouping)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g], now)));
        }

        return groups;
    }

    public static string KeyOf(IncidentMeasures m, MetricGrouping grouping) => grouping switch
    {
        MetricGrouping.Kind => ApiJson.WireName(m.Kind),
        MetricGrouping.Shop => m.Shop,
        MetricGrouping.Severity => m.Severity is { } s ? ApiJson.WireName(s) : "unclassified",
        MetricGrouping.Month => m.DetectedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        _ => "all",
    };

    /// <summary>The hours a measure took for one incident, or null while either end is unknown.</summary>
    public static double? Hours(IncidentMeasures m, string measure) => measure switch
    {
        "detect" => m.BreachStartedAt is { } began ? Between(began, m.DetectedAt) : null,
        "acknowledge" => Between(m.DetectedAt, m.AcknowledgedAt),
        "contain" => Between(m.DetectedAt, m.ContainedAt),
        "notify" => Between(m.AwareAt ?? m.DetectedAt, m.NotifiedAt),
        "close" => Between(m.DetectedAt, m.ClosedAt),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "no such measure"),
    };

    private static MetricGroup Group(string key, IReadOnlyList<IncidentMeasures> incidents, DateTimeOffset now)
    {
        var real = incidents.Where(m => !m.FalsePositive && m.DuplicateOf is null).ToList();
        return new MetricGroup(key, real.Count, incidents.Count(m => m.FalsePositive), incidents.Count(m => m.DuplicateOf is not null && !m.FalsePositive),
            [.. Measures.Select(measure => Figure(measure.Name, measure.Label, real))], Compliance(real, now));
    }

    private static MeasureFigure Figure(string name, string label, IReadOnlyList<IncidentMeasures> incidents)
    {
        var hours = incidents.Select(m => Hours(m, name)).OfType<double>().Order().ToList();
        // Without its start the duration is unknown, not zero: such incidents are named as needing the fact.
        int? needsFacts = name == "detect" ? incidents.Count(m => m.BreachStartedAt is null) : null;
        return new MeasureFigure(name, label, hours.Count, Median(hours), hours.Count == 0 ? null : Math.Round(hours.Average(), 2), needsFacts);
    }

    private static DeadlineCompliance Compliance(IReadOnlyList<IncidentMeasures> incidents, DateTimeOffset now)
    {
        var duties = incidents.SelectMany(m => m.Duties).ToList();
        var onTime = duties.Count(d => d is { DueAt: { } due, SatisfiedAt: { } met } && met <= due);
        var late = duties.Count(d => d is { DueAt: { } due, SatisfiedAt: { } met } && met > due);
        var missed = duties.Count(d => d is { DueAt: { } due, SatisfiedAt: null } && due < now);
        var pending = duties.Count(d => d is { DueAt: { } due, SatisfiedAt: null } && due >= now);
        var counted = onTime + late + missed;
        return new DeadlineCompliance(onTime, late, missed, pending, duties.Count(d => d.DueAt is null),
            counted == 0 ? null : Math.Round((double)onTime / counted, 4));
    }

    private static double? Between(DateTimeOffset start, DateTimeOffset? end) => end is { } e ? Math.Round((e - start).TotalHours, 2) : null;

    private static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 2);
}
