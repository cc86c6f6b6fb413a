using CaseManagement.Monitoring;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>A shop's monitoring baseline: what was taken as normal, what changed, and what people accepted.</summary>
internal static class MonitoringSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<ShopBaselineRecorded>((e, n) => new Told(
            $"{n.Subject} recorded the monitoring baseline of {e.Shop}: {Count(e.Items.Count, "item", "items")} taken as normal.",
            Details: $"baseline {e.BaselineId}"))
        .On<ShopMonitoringFindingRaised>((e, n) => new Told(
            $"{n.Subject} raised a {Word(e.Severity)} alert on {e.Shop} ({e.Change} {Word(e.Category)}): {e.Description}.",
            Why: e.Why, Details: $"alert {e.AlertId}, key {e.Key}"))
        .On<ShopMonitoringFindingCleared>((e, n) => new Told($"{n.Subject} found the change {e.Key} on {e.Shop} gone.", Why: e.Why))
        .On<ShopBaselineChangeAccepted>((e, n) => new Told($"{n.Subject} accepted the change {e.Key} on {e.Shop} into the monitoring baseline.", Why: e.Reason));
}
