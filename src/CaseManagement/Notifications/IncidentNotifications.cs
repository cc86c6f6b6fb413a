using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Justifying;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.RegulatorSubmissions;
using CaseManagement.Notifications.Submissions;
using CaseManagement.Notifications.Templates;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Evaluation;
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

    /// <summary>Regulator submissions recorded, so one posted twice is recognised.</summary>
    public IReadOnlyList<RecordedSubmission> Submissions { get; init; } = [];

    public Incident Apply(IEvent<RegulatorSubmissionRecorded> e) => Touch(e) with { Submissions = [.. Submissions, e.Data.AsRecorded()] };

    public Incident Apply(IEvent<GenericContentJustified> e) => Touch(e);
}

/// <summary>
/// A campaign's start on the incident. Written by a Wolverine aggregate handler, so another writer on the incident only delays
/// it (the concurrency policy retries against the fresh stream). A class of its own: Wolverine applies a class's Load and
/// Before methods to every message it handles, and the outcome's Load reads only an outcome.
/// </summary>
public static class IncidentCampaignStartHandler
{
    public static void Before(IDocumentSession session) => session.LastModifiedBy = SendCampaignBatchHandler.Actor;

    public static NotificationCampaignStarted Handle(RecordCampaignStarted message, [WriteAggregate] Incident incident) =>
        new(incident.Id, message.CampaignId, message.Name, message.Channel, message.Approvers);
}

/// <summary>What a completed campaign achieved, on the incident; written like its start (<see cref="IncidentCampaignStartHandler"/>).</summary>
public static class IncidentNotificationHandler
{
    public static void Before(IDocumentSession session) => session.LastModifiedBy = SendCampaignBatchHandler.Actor;

    /// <summary>The jurisdiction each of the campaign's template versions was approved for, by version id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(RecordCampaignOutcome message, IDocumentSession session, CancellationToken ct)
    {
        var campaign = await session.LoadAsync<Campaign>(message.CampaignId, ct);
        var versions = await session.LoadManyAsync<NotificationTemplateVersion>(ct,
            (campaign?.Templates ?? []).Select(t => NotificationTemplateVersion.IdFor(t.TemplateId, t.Version)));
        return versions.ToDictionary(v => v.Id, v => v.Jurisdiction, StringComparer.Ordinal);
    }

    /// <summary>
    /// The outcome, and the duties to tell individuals the campaign met: only where its notice was approved (or justified) for
    /// the residents and reached every one the facts record (<see cref="IndividualNoticeCredit"/>). Never a regulator's or attorney
    /// general's duty: those need their own act. What it reached people for but could not meet is listed on the outcome.
    /// </summary>
    public static IEnumerable<object> Handle(RecordCampaignOutcome message, [WriteAggregate] Incident incident, [ReadAggregate("CampaignId")] Campaign campaign,
        [Entity("IncidentId")] IncidentFactSheet facts, [Entity("CampaignId")] CampaignBatchLedger ledger, IReadOnlyDictionary<string, string> approvedFor,
        DateTimeOffset now)
    {
        if (incident.CompletedCampaigns.Contains(campaign.Id) || campaign.CompletedAt is null)
        {
            yield break;
        }

        var lastDelivery = campaign.LastDeliveryAt ?? now;
        var credit = IndividualNoticeCredit.Credit(facts.State.EvaluateAt(now), Reached(campaign, ledger, approvedFor), facts.State.Affected,
            facts.State.Justifications, lastDelivery, $"campaign {campaign.Id}");
        yield return new NotificationCampaignCompleted(incident.Id, campaign.Id, campaign.Name, campaign.Channel, campaign.Sent, campaign.Failed, campaign.Suppressed,
            ledger.Batches.Count, campaign.MerkleRoot!, campaign.FirstDeliveryAt ?? lastDelivery, lastDelivery, [.. campaign.Approvals.Select(a => a.Approver)],
            [.. credit.NotCounted.SelectMany(n => n.Unsatisfied.Select(v => new NoticeNotCounted(n.RuleId, v.Residence, ApiJson.WireName(v.Basis), v.Reason)))]);
        if (campaign.Sent == 0)
        {
            yield break;
        }

        var summary = $"campaign '{campaign.Name}' ({campaign.Id}): {campaign.Sent} sent, {campaign.Failed} failed, {campaign.Suppressed} already notified";
        foreach (var told in credit.Told)
        {
            yield return new ObligationSatisfied(incident.Id, told.RuleId, told.At, summary, campaign.Channel, [told.Recipient], NoticeAct.Campaign);
        }

        if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is null)
        {
            yield return new IncidentNotified(incident.Id, lastDelivery, ["individuals"], summary);
        }
    }

    /// <summary>What a residence is credited with when the template its people got cannot be found: nothing checked it for them.</summary>
    private const string NoApprovedTemplate = "none";

    // Per residence the campaign reached, the jurisdiction of the template those people got and how their deliveries went.
    private static Dictionary<string, ReachedResidence> Reached(Campaign campaign, CampaignBatchLedger ledger, IReadOnlyDictionary<string, string> approvedFor) =>
        ledger.Outcomes().ToDictionary(o => o.Key, o => new ReachedResidence(
            CampaignDecisions.TemplateFor(campaign.Templates, o.Key) is { } choice
            && approvedFor.TryGetValue(NotificationTemplateVersion.IdFor(choice.TemplateId, choice.Version), out var jurisdiction)
                ? jurisdiction
                : NoApprovedTemplate,
            o.Value.Sent, o.Value.Failed, o.Value.Suppressed), StringComparer.Ordinal);
}
