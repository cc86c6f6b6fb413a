using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Justifying;
using CaseManagement.Notifications.RegulatorSubmissions;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>Notification campaigns to affected people and submissions to regulators.</summary>
internal static class NotificationSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<NotificationCampaignStarted>((e, n) => new Told(
            $"{n.Subject} started the {e.Channel} campaign “{e.Name}” once two people had approved it: {Approvers(e.Approvers)}."))
        .On<NotificationCampaignCompleted>((e, n) => new Told(
            $"{n.Subject} completed the {e.Channel} campaign “{e.Name}”: {e.Sent:N0} sent, {e.Failed:N0} failed, {e.Suppressed:N0} suppressed " +
            $"in {Count(e.Batches, "batch", "batches")}, delivered from {Instant(e.FirstDeliveryAt)} to {Instant(e.LastDeliveryAt)}." +
            (e.NotCounted is { Count: > 0 } notCounted
                ? $" It did not meet {List(notCounted.Select(c => c.RuleId).Distinct())} for the residents it reached: " +
                  string.Join("; ", notCounted.Select(c => $"{c.RuleId} ({c.Residence}): {c.Reason}")) + "."
                : ""),
            Details: $"approved by {Approvers(e.Approvers)}", At: new BusinessTime(e.LastDeliveryAt, "last delivered"),
            Evidence: [new EvidenceReference("Merkle root over the campaign's delivery records", e.CampaignId.ToString(), e.MerkleRoot)]))
        .On<RegulatorSubmissionRecorded>((e, n) => new Told(
            $"{n.Subject} recorded a {e.Kind} submission to the {e.Recipient} for {e.RuleId} by {e.Channel}" +
            $"{(e.Reference is null ? "" : $", reference {e.Reference}")}.",
            At: new BusinessTime(e.SubmittedAt, "submitted"),
            Evidence: e.DocumentSha256 is null ? null : [new EvidenceReference("submitted document", e.RuleId, e.DocumentSha256)]))
        .On<GenericContentJustified>((e, n) => new Told(
            $"{n.Subject} recorded why the generic content of a catch-all notice suffices for residents of {e.Jurisdiction}; " +
            "such a notice now meets their duties to tell individuals.", Why: e.Justification))
        .On<CampaignDrafted>((e, n) => new Told(
            $"{n.Subject} drafted the {e.Channel} {n.Campaign(e.CampaignId)} for the people scoping run {Short(e.ScopingRunId)} found" +
            $"{(e.Jurisdictions is { Count: > 0 } only ? $" in {List(only)}" : "")}{(e.Renotify ? ", including people already notified" : "")}, " +
            $"sending at most {e.RatePerMinute:N0} a minute.",
            Details: $"templates: {List(e.Templates.Select(t => $"{t.Jurisdiction} {t.TemplateId} v{t.Version}"))}",
            Evidence: [.. e.Templates.Select(t => new EvidenceReference($"template {t.TemplateId} v{t.Version}", t.Jurisdiction, t.Sha256))]))
        .On<CampaignApproved>((e, n) => new Told($"{n.Subject} approved {n.Campaign(e.CampaignId)}.", Why: e.Comment))
        .On<CampaignStarted>((e, n) => new Told($"{n.Subject} started {n.Campaign(e.CampaignId)}: approved by {Approvers(e.Approvers)}."))
        .On<CampaignPaused>((e, n) => new Told($"{n.Subject} paused {n.Campaign(e.CampaignId)}; no further notice goes out until it is resumed.", Why: e.Reason))
        .On<CampaignResumed>((e, n) => new Told($"{n.Subject} resumed {n.Campaign(e.CampaignId)}."))
        .On<CampaignCancelled>((e, n) => new Told($"{n.Subject} cancelled {n.Campaign(e.CampaignId)}; what was sent stays recorded.", Why: e.Reason))
        .On<CampaignPlanned>((e, n) => new Told(
            $"{n.Subject} planned {n.Campaign(e.CampaignId)}: {Count(e.Recipients, "person", "people")} in {Count(e.Batches, "batch", "batches")}."))
        .On<CampaignBatchRecorded>((e, n) => new Told(
            $"{n.Subject} recorded batch {e.Batch + 1} of {n.Campaign(e.CampaignId)}: {e.Sent:N0} sent, {e.Failed:N0} failed, {e.Suppressed:N0} suppressed.",
            At: new BusinessTime(e.LastFinishedAt, "last delivered"),
            Evidence: [new EvidenceReference($"Merkle root over batch {e.Batch + 1}'s delivery records", e.CampaignId.ToString(), e.Root)]))
        .On<CampaignCompleted>((e, n) => new Told(
            $"{n.Subject} completed {n.Campaign(e.CampaignId)}: {e.Sent:N0} sent, {e.Failed:N0} failed, {e.Suppressed:N0} suppressed in {Count(e.Batches, "batch", "batches")}.",
            At: new BusinessTime(e.LastDeliveryAt, "last delivered"),
            Evidence: [new EvidenceReference("Merkle root over the campaign's delivery records", e.CampaignId.ToString(), e.MerkleRoot)]));

    private static string Approvers(IEnumerable<string> approvers) => List(approvers.Select(a => Actor.Of(a).Name));
}
