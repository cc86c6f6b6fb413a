using System.Globalization;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>How instants, counts and catalogue words read in reasons: invariant, UTC, unambiguous.</summary>
internal static class Text
{
    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"10 days", "30 h", "1 day 2 h 30 min"; spans with seconds in them as fractional hours.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerMinute != 0 || span <= TimeSpan.Zero)
            return Hours(span);
        var parts = new List<string>();
        if (span.Days != 0) parts.Add(span.Days == 1 ? "1 day" : $"{span.Days} days");
        if (span.Hours != 0) parts.Add($"{span.Hours} h");
        if (span.Minutes != 0) parts.Add($"{span.Minutes} min");
        return string.Join(" ", parts);
    }

    public static string Hours(TimeSpan span) => $"{span.TotalHours.ToString("0.####", CultureInfo.InvariantCulture)} h";

    public static string List(IEnumerable<string> words) => string.Join(", ", words.Order(StringComparer.Ordinal));

    /// <summary>"the attorney general notice", "this record duty": what a threshold is for.</summary>
    public static string Duty(ObligationRule rule) => rule.Kind == RuleKind.Notification
        ? $"the {string.Join(" and ", rule.Recipients.Select(RecipientName))} notice"
        : $"this {CatalogueWords.Of(rule.Kind)} duty";

    public static string RecipientName(Recipient recipient) => CatalogueWords.Of(recipient).Replace('-', ' ');

    public static string Description(ObligationRule rule) => $"see the rule's description: \"{rule.Trigger.Description}\"";

    /// <summary>The clock-start event as the object of "record ...": "the determination time".</summary>
    public static string Event(ClockStart clock) => clock switch
    {
        ClockStart.AwareAndScopeIdentified => "when the breach and its scope were known",
        ClockStart.ConfirmationAndInfoAscertained => "when the breach was confirmed and the notice facts ascertained",
        ClockStart.ClassificationAsMajor => "the classification-as-major time",
        ClockStart.AssessmentNotifiable => "when the assessment found the breach notifiable",
        ClockStart.AwarenessReasonableGrounds => "when there were reasonable grounds to believe a breach occurred",
        ClockStart.KnowledgePersonalDataAffected => "when it was known that personal data was affected",
        ClockStart.StatementPrepared => "when the statement to the regulator was prepared",
        ClockStart.ConsumerNoticeOfViolation => "when a consumer gave notice of the violation",
        _ => $"the {CatalogueWords.Of(clock).Replace('-', ' ')} time",
    };

    /// <summary>The clock-start event as a noun phrase: "72 h after awareness".</summary>
    public static string Occurrence(ClockStart clock) => clock switch
    {
        ClockStart.Determination => "the breach determination",
        ClockStart.AwareAndScopeIdentified => "knowing of the breach and its scope",
        ClockStart.ConfirmationAndInfoAscertained => "confirming the breach and its notice facts",
        ClockStart.ClassificationAsMajor => "classification as major",
        ClockStart.MaterialityDetermination => "the materiality determination",
        ClockStart.AssessmentNotifiable => "the assessment that the breach is notifiable",
        ClockStart.AwarenessReasonableGrounds => "reasonable grounds to believe a breach occurred",
        ClockStart.KnowledgePersonalDataAffected => "knowing that personal data was affected",
        ClockStart.ExtortionPayment => "the extortion payment",
        ClockStart.StatementPrepared => "the statement being prepared",
        ClockStart.ConsumerNoticeOfViolation => "a consumer's notice of violation",
        ClockStart.IndividualNotice => "the notice to individuals",
        ClockStart.InitialNotificationSubmitted or ClockStart.LatestIntermediateReportSubmitted
            or ClockStart.IncidentNotificationSubmitted or ClockStart.PdpcNotified => "the earlier report",
        _ => CatalogueWords.Of(clock).Replace('-', ' '),
    };
}
