using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;

namespace CaseManagement.Rules.Evaluation;

/// <summary>When a rule's clock started, or which fact is missing to know: a null instant always comes with a note.</summary>
internal sealed record ClockReading(DateTimeOffset? At, string? NotStarted)
{
    public static ClockReading StartedAt(DateTimeOffset at) => new(at.ToUniversalTime(), null);

    public static ClockReading Missing(string note) => new(null, $"clock not started: {note}");
}

/// <summary>
/// Reads clock-start instants from the facts. Most are recorded facts; a few are other duties' fulfilment, read
/// from the acts that told their recipients (<see cref="RuleSatisfaction"/>), and the end of the calendar year follows from discovery.
/// </summary>
internal sealed class IncidentClocks(IncidentFacts facts, ObligationCatalogue catalogue, Func<string, JurisdictionClock> clockOf)
{
    // A report-submitted clock runs from the jurisdiction's earlier report, found by the catalogue's id convention
    // <jurisdiction>-<provision>-<report>: DORA's intermediate report follows "...-initial", its final report
    // "...-intermediate", NIS2's final report "...-notification", Singapore's notice to individuals "...-pdpc".
    private static readonly Dictionary<ClockStart, string> PreviousReportSuffix = new()
    {
        [ClockStart.InitialNotificationSubmitted] = "-initial",
        [ClockStart.LatestIntermediateReportSubmitted] = "-intermediate",
        [ClockStart.IncidentNotificationSubmitted] = "-notification",
        [ClockStart.PdpcNotified] = "-pdpc",
    };

    /// <summary>Where a clock event that is not a recorded fact comes from; null for recorded facts.</summary>
    public static string? DerivedFrom(ClockStart clock) => clock switch
    {
        ClockStart.IndividualNotice => "read from the notices recorded (the earliest notice to individuals in the rule's jurisdiction)",
        ClockStart.EndOfCalendarYear => "worked out from Discovery",
        _ when PreviousReportSuffix.ContainsKey(clock) => "read from the notices recorded (when the earlier report was submitted)",
        _ => null,
    };

    /// <summary>
    /// The duties to tell individuals in a jurisdiction: notifications to individuals that do not themselves
    /// hinge on such a notice (which would be circular). Remediation offers to individuals are not notices.
    /// </summary>
    public static IEnumerable<ObligationRule> IndividualNoticesIn(ObligationCatalogue catalogue, string jurisdiction) =>
        catalogue.ForJurisdiction(jurisdiction).Where(rule =>
            rule.Kind == RuleKind.Notification
            && rule.Recipients.Contains(Recipient.Individuals)
            && !rule.Trigger.Conditions.Contains(TriggerConditions.IndividualNoticeRequired));

    /// <summary>The earliest recorded fact clock: when the incident began, as far as the facts say.</summary>
    public DateTimeOffset? EarliestFact() =>
        facts.Clocks.Where(c => IsFact(c.Key)).Select(c => (DateTimeOffset?)c.Value).Min();

    public ClockReading Read(ClockStart clock, ObligationRule rule)
    {
        if (clock == ClockStart.None)
            return ClockReading.Missing("the rule names no event to count from");
        if (clock == ClockStart.IndividualNotice)
            return IndividualNotice(rule.Jurisdiction);
        if (clock == ClockStart.EndOfCalendarYear)
            return EndOfDiscoveryYear(rule.Jurisdiction);
        if (PreviousReportSuffix.TryGetValue(clock, out var suffix))
            return PreviousReport(rule, suffix);
        return facts.Clocks.TryGetValue(clock, out var at)
            ? ClockReading.StartedAt(at)
            : ClockReading.Missing($"record {Text.Event(clock)}");
    }

    private static bool IsFact(ClockStart clock) => clock != ClockStart.None && Enum.IsDefined(clock) && DerivedFrom(clock) is null;

    private ClockReading IndividualNotice(string jurisdiction)
    {
        var notices = IndividualNoticesIn(catalogue, jurisdiction).ToList();
        var sent = notices
            .Select(notice => RuleSatisfaction.Of(notice, facts).IndividualsToldAt)
            .OfType<DateTimeOffset>()
            .Order()
            .ToList();
        if (sent.Count > 0)
            return ClockReading.StartedAt(sent[0]);
        return notices.Count == 0
            ? ClockReading.Missing($"it runs from the notice to individuals, and catalogue {catalogue.Version} has no such notice for {jurisdiction}")
            : ClockReading.Missing($"it runs from the notice to individuals in {jurisdiction}, not recorded as sent yet ({string.Join(", ", notices.Select(n => n.Id))})");
    }

    // HIPAA's log of small breaches is due a set time after the end of the calendar year in which they were discovered.
    private ClockReading EndOfDiscoveryYear(string jurisdiction)
    {
        if (!facts.Clocks.TryGetValue(ClockStart.Discovery, out var discovered))
            return ClockReading.Missing($"it starts at the end of the calendar year of discovery; record {Text.Event(ClockStart.Discovery)}");
        var clock = clockOf(jurisdiction);
        return ClockReading.StartedAt(clock.EndOfLocalDay(new DateOnly(clock.LocalDate(discovered).Year, 12, 31)));
    }

    private ClockReading PreviousReport(ObligationRule rule, string suffix)
    {
        var previous = catalogue.ForJurisdiction(rule.Jurisdiction)
            .Where(candidate => candidate.Id != rule.Id && candidate.Id.EndsWith(suffix, StringComparison.Ordinal))
            .ToList();
        if (previous.Count != 1)
            return ClockReading.Missing(
                $"it runs from an earlier report, and catalogue {catalogue.Version} has no single rule ending in '{suffix}' in {rule.Jurisdiction} to read it from");
        return RuleSatisfaction.Of(previous[0], facts).MetAt is { } submitted
            ? ClockReading.StartedAt(submitted)
            : ClockReading.Missing($"it runs from the submission of {previous[0].Id}, not recorded as met yet");
    }
}
