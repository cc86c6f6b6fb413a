using CaseManagement.Incidents;
using CaseManagement.Notifications.Proofs;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;
using Wolverine;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// Closes a campaign whose batches are all recorded: the Merkle root over the batch roots, the outcome on the incident
/// (with the obligations to notify individuals it met and the lifecycle's "notified"), then the campaign's own
/// completion. The incident is written first, so a crash in between is redone rather than lost.
/// </summary>
public static class CompleteCampaignHandler
{
    public static async Task Handle(CompleteCampaign message, IDocumentStore store, IMessageContext context, TimeProvider clock,
        ILogger<CompleteCampaign> logger, CancellationToken ct)
    {
        var tenant = context.TenantId ?? throw new InvalidOperationException("A campaign message must carry its organisation.");
        await using var query = store.QuerySession(tenant);
        if (await query.LoadAsync<Campaign>(message.CampaignId, ct) is not { CompletedAt: null, AllBatchesRecorded: true } campaign)
        {
            return;
        }

        var batches = (await query.Events.FetchStreamAsync(campaign.Id, token: ct)).Select(e => e.Data).OfType<CampaignBatchRecorded>()
            .DistinctBy(b => b.Batch).OrderBy(b => b.Batch).ToList();
        var root = Convert.ToHexStringLower(MerkleTree.Root([.. batches.Select(b => Convert.FromHexString(b.Root))]));
        var reached = batches.SelectMany(b => b.SentByJurisdiction).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var approvers = campaign.Approvals.Select(a => a.Approver).ToList();
        var lastDelivery = campaign.LastDeliveryAt ?? clock.GetUtcNow();
        var completed = new NotificationCampaignCompleted(campaign.IncidentId, campaign.Id, campaign.Name, campaign.Channel, campaign.Sent, campaign.Failed,
            campaign.Suppressed, batches.Count, root, campaign.FirstDeliveryAt ?? lastDelivery, lastDelivery, approvers);

        await StreamRecorder.AppendAsync<Incident>(store, tenant, campaign.IncidentId, SendCampaignBatchHandler.Actor, async (session, incident) =>
        {
            var events = await session.Events.FetchStreamAsync(campaign.IncidentId, token: ct);
            if (events.Any(e => e.Data is NotificationCampaignCompleted done && done.CampaignId == campaign.Id))
            {
                return [];
            }

            var outcome = new List<object> { completed };
            if (campaign.Sent > 0)
            {
                var summary = $"campaign '{campaign.Name}' ({campaign.Id}): {campaign.Sent} sent, {campaign.Failed} failed, {campaign.Suppressed} already notified";
                outcome.AddRange(ObligationsMet(FactsState.From(events.Select(e => e.Data)), reached, lastDelivery, campaign, summary, clock.GetUtcNow()));
                if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is null)
                {
                    outcome.Add(new IncidentNotified(incident.Id, lastDelivery, ["individuals"], summary));
                }
            }

            return outcome;
        }, ct);

        await StreamRecorder.AppendAsync<Campaign>(store, tenant, campaign.Id, SendCampaignBatchHandler.Actor, current =>
            current.CompletedAt is null
                ? [new CampaignCompleted(campaign.Id, current.Sent, current.Failed, current.Suppressed, batches.Count, root, lastDelivery)]
                : [], ct);
        logger.LogInformation("Campaign {CampaignId} completed: {Sent} sent, {Failed} failed, root {Root}", campaign.Id, campaign.Sent, campaign.Failed, root);
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
