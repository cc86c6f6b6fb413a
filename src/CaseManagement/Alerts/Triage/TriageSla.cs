using CaseManagement.Incidents;

namespace CaseManagement.Alerts.Triage;

public enum SlaTarget
{
    /// <summary>Someone took the item on (acknowledged it, or decided).</summary>
    Acknowledge,

    /// <summary>Someone decided what it is: an incident (promoted or attached) or nothing (dismissed).</summary>
    Classify,

    /// <summary>The incident it became was recorded as contained.</summary>
    Contain,
}

public enum SlaStanding
{
    Pending,
    Met,
    MetLate,
    Breached,
    NotApplicable,
}

/// <summary>The time allowed for each target, after the item opened; null for no target.</summary>
public sealed record SlaTargets(TimeSpan? Acknowledge, TimeSpan? Classify, TimeSpan? Contain)
{
    public TimeSpan? For(SlaTarget target) => target switch
    {
        SlaTarget.Acknowledge => Acknowledge,
        SlaTarget.Classify => Classify,
        _ => Contain,
    };
}

/// <summary>One target of an item: when it is due, when (if) it was met, and how it stands.</summary>
public sealed record SlaCheck(SlaTarget Target, DateTimeOffset DueAt, DateTimeOffset? MetAt, SlaStanding Standing);

/// <summary>
/// Triage SLAs per severity (configuration section Triage:Sla): how long an alert may wait for a person, for a decision, and for
/// containment. Pure: the standing of each target follows from the item, the incident's containment time and the clock.
/// </summary>
public sealed class TriageSlaOptions
{
    public const string Section = "Triage:Sla";

    public SeverityTargets Critical { get; set; } = new() { AcknowledgeMinutes = 15, ClassifyMinutes = 60, ContainMinutes = 4 * 60 };
    public SeverityTargets High { get; set; } = new() { AcknowledgeMinutes = 60, ClassifyMinutes = 4 * 60, ContainMinutes = 24 * 60 };
    public SeverityTargets Medium { get; set; } = new() { AcknowledgeMinutes = 4 * 60, ClassifyMinutes = 24 * 60, ContainMinutes = 3 * 24 * 60 };
    public SeverityTargets Low { get; set; } = new() { AcknowledgeMinutes = 24 * 60, ClassifyMinutes = 3 * 24 * 60, ContainMinutes = null };

    public SlaTargets For(Severity severity) => (severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        _ => Low,
    }).Targets;

    public sealed class SeverityTargets
    {
        public double? AcknowledgeMinutes { get; set; }
        public double? ClassifyMinutes { get; set; }
        public double? ContainMinutes { get; set; }

        public SlaTargets Targets => new(Minutes(AcknowledgeMinutes), Minutes(ClassifyMinutes), Minutes(ContainMinutes));

        private static TimeSpan? Minutes(double? minutes) => minutes is > 0 ? TimeSpan.FromMinutes(minutes.Value) : null;
    }
}

public static class TriageSla
{
    /// <param name="containedAt">When the incident the item became was contained (the time stated), or null.</param>
    public static IReadOnlyList<SlaCheck> Evaluate(TriageItem item, DateTimeOffset? containedAt, SlaTargets targets, DateTimeOffset now) =>
    [
        .. Enum.GetValues<SlaTarget>()
            .Where(t => targets.For(t) is not null)
            .Select(t => Check(t, item.OpenedAt + targets.For(t)!.Value, MetAt(t, item, containedAt), Applies(t, item), now)),
    ];

    private static DateTimeOffset? MetAt(SlaTarget target, TriageItem item, DateTimeOffset? containedAt) => target switch
    {
        SlaTarget.Acknowledge => Earliest(item.AcknowledgedAt, item.DecidedAt),
        SlaTarget.Classify => item.DecidedAt,
        _ => item.Status is TriageStatus.Promoted or TriageStatus.Attached ? containedAt : null,
    };

    // A dismissed item never becomes an incident, so there is nothing to contain.
    private static bool Applies(SlaTarget target, TriageItem item) => !(target == SlaTarget.Contain && item.Status == TriageStatus.Dismissed);

    private static SlaCheck Check(SlaTarget target, DateTimeOffset due, DateTimeOffset? met, bool applies, DateTimeOffset now) =>
        new(target, due, met, !applies ? SlaStanding.NotApplicable
            : met is { } at ? at <= due ? SlaStanding.Met : SlaStanding.MetLate
            : now > due ? SlaStanding.Breached
            : SlaStanding.Pending);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
