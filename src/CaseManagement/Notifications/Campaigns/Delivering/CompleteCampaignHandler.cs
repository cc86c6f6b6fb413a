using CaseManagement.Obligations.Escalation;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
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

    /// <summary>
    /// The individuals' notices this campaign gave: every obligation to tell individuals that applies (or may: its trigger
    /// is not settled yet) and whose jurisdiction covers people it reached, met at the last delivery.
    /// </summary>
    public static IEnumerable<ObligationSatisfied> ObligationsMet(FactsState facts, IReadOnlyDictionary<string, int> sentByJurisdiction,
        DateTimeOffset at, Campaign campaign, string reference, DateTimeOffset now)
    {
        var evaluation = PlanDeadlineEscalationsHandler.Evaluate(facts, now);
        return evaluation.Obligations
            .Where(o => o.Recipients.Contains(Recipient.Individuals) && o.Applicability != Applicability.NotApplicable && o.SatisfiedAt is null)
            .Where(o => sentByJurisdiction.Keys.Any(j => CampaignDecisions.Covers(o.Jurisdiction, j)))
            .Select(o => new ObligationSatisfied(campaign.IncidentId, o.RuleId, at, reference, campaign.Channel));
    }
}
