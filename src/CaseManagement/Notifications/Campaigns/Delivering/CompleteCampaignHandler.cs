using Marten;
using Wolverine;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// Closes a campaign whose batches are all recorded: the Merkle root over the batch roots on the campaign, and the message
/// that records the outcome on the incident, in one transaction; the incident's handler retries until it is recorded.
/// </summary>
public static class CompleteCampaignHandler
{
    public static (Events, OutgoingMessages) Handle(CompleteCampaign message, [WriteAggregate] Campaign campaign,
        [Entity("CampaignId", Required = false)] CampaignBatchLedger? ledger, IDocumentSession session, DateTimeOffset now, ILogger<CompleteCampaign> logger)
    {
        if (campaign is not { CompletedAt: null, AllBatchesRecorded: true })
        {
            return ([], []);
        }

        session.LastModifiedBy = SendCampaignBatchHandler.Actor;
        ledger ??= new CampaignBatchLedger { Id = campaign.Id };
        var root = ledger.MerkleRoot();
        logger.LogInformation("Campaign {CampaignId} completed: {Sent} sent, {Failed} failed, root {Root}", campaign.Id, campaign.Sent, campaign.Failed, root);
        return ([new CampaignCompleted(campaign.Id, campaign.Sent, campaign.Failed, campaign.Suppressed, ledger.Batches.Count, root, campaign.LastDeliveryAt ?? now)],
            [new RecordCampaignOutcome(campaign.IncidentId, campaign.Id)]);
    }
}
