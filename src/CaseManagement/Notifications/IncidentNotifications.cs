using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Obligations.Timeline;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Incidents;

// Campaign outcomes and regulator submissions on the incident: facts for the history and the deadline timeline; the
// lifecycle's own "notified" is a separate event (IncidentNotified), recorded beside them.
public sealed partial record Incident
{
    /// <summary>Campaigns whose outcome the incident recorded, so an outcome is never recorded twice.</summary>
    public IReadOnlyList<Guid> CompletedCampaigns { get; init; } = [];

    public Incident Apply(IEvent<NotificationCampaignStarted> e) => Touch(e);

    public Incident Apply(IEvent<NotificationCampaignCompleted> e) => Touch(e) with { CompletedCampaigns = [.. CompletedCampaigns, e.Data.CampaignId] };

    public Incident Apply(IEvent<Notifications.RegulatorSubmissions.RegulatorSubmissionRecorded> e) => Touch(e);
}

/// <summary>
/// A campaign's milestones on the incident: it started, and what it achieved once complete. Written by Wolverine aggregate
/// handlers, so another writer on the incident only delays them (the concurrency policy retries against the fresh stream).
/// </summary>
public static class IncidentNotificationHandler
{
    public static void Before(IDocumentSession session) => session.LastModifiedBy = SendCampaignBatchHandler.Actor;

    public static NotificationCampaignStarted Handle(RecordCampaignStarted message, [WriteAggregate] Incident incident) =>
        new(incident.Id, message.CampaignId, message.Name, message.Channel, message.Approvers);

    public static IEnumerable<object> Handle(RecordCampaignOutcome message, [WriteAggregate] Incident incident, [ReadAggregate("CampaignId")] Campaign campaign,
        [Entity("IncidentId")] IncidentFactSheet facts, [Entity("CampaignId")] CampaignBatchLedger ledger, DateTimeOffset now)
    {
        if (incident.CompletedCampaigns.Contains(campaign.Id) || campaign.CompletedAt is null)
        {
            yield break;
        }

        var lastDelivery = campaign.LastDeliveryAt ?? now;
        yield return new NotificationCampaignCompleted(incident.Id, campaign.Id, campaign.Name, campaign.Channel, campaign.Sent, campaign.Failed, campaign.Suppressed,
            ledger.Batches.Count, campaign.MerkleRoot!, campaign.FirstDeliveryAt ?? lastDelivery, lastDelivery, [.. campaign.Approvals.Select(a => a.Approver)]);
        if (campaign.Sent == 0)
        {
            yield break;
        }

        var summary = $"campaign '{campaign.Name}' ({campaign.Id}): {campaign.Sent} sent, {campaign.Failed} failed, {campaign.Suppressed} already notified";
        foreach (var met in CompleteCampaignHandler.ObligationsMet(facts.State, ledger.SentByJurisdiction(), lastDelivery, campaign, summary, now))
        {
            yield return met;
        }

        if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is null)
        {
            yield return new IncidentNotified(incident.Id, lastDelivery, ["individuals"], summary);
        }
    }
}
