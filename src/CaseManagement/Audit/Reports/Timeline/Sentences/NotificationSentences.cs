using CaseManagement.Notifications.Campaigns;
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
            $"in {Count(e.Batches, "batch", "batches")}, delivered from {Instant(e.FirstDeliveryAt)} to {Instant(e.LastDeliveryAt)}.",
            Details: $"approved by {Approvers(e.Approvers)}", At: new BusinessTime(e.LastDeliveryAt, "last delivered"),
            Evidence: [new EvidenceReference("Merkle root over the campaign's delivery records", e.CampaignId.ToString(), e.MerkleRoot)]))
        .On<RegulatorSubmissionRecorded>((e, n) => new Told(
            $"{n.Subject} recorded a {e.Kind} submission to the {e.Recipient} for {e.RuleId} by {e.Channel}" +
            $"{(e.Reference is null ? "" : $", reference {e.Reference}")}.",
            At: new BusinessTime(e.SubmittedAt, "submitted"),
            Evidence: e.DocumentSha256 is null ? null : [new EvidenceReference("submitted document", e.RuleId, e.DocumentSha256)]));

    private static string Approvers(IEnumerable<string> approvers) => List(approvers.Select(a => Actor.Of(a).Name));
}
