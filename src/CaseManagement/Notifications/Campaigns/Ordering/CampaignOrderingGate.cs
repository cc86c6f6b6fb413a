using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using CaseManagement.Scoping;
using Marten;

namespace CaseManagement.Notifications.Campaigns.Ordering;

/// <summary>A duty that must come before, by, or with the campaign's notice, and where it stands.</summary>
public sealed record PrecedingDutyView(
    string RuleId,
    string Jurisdiction,
    string Relation,
    string Wording,
    string? Note,
    string Citation,
    string Applicability,
    IReadOnlyList<string> Owed,
    string State,
    string Reason,
    DateTimeOffset? InternalTarget,
    IReadOnlyList<string> Residences)
{
    public static PrecedingDutyView Of(PrecedingDuty d) => new(d.RuleId, d.Jurisdiction, CatalogueWords.Of(d.Relation), d.Wording, d.Note, d.Citation,
        ApiJson.WireName(d.Applicability), [.. d.Owed.Select(ApiJson.WireName)], ApiJson.WireName(d.State), d.Reason, d.InternalTarget, d.Residences);
}

/// <summary>Which duties must precede the campaign, and whether it may be approved now.</summary>
public sealed record CampaignOrderingView(Guid CampaignId, bool MayStart, IReadOnlyList<PrecedingDutyView> Duties, IReadOnlyList<PrecedingDutyView> Blocking);

/// <summary>
/// The duties ordered before (or with) the notice to individuals that a campaign's audience brings into play (issue 14,
/// item 3): read from the incident's facts, the scoping run's residences and the recorded clearances, as of now.
/// </summary>
public static class CampaignOrderingGate
{
    public static async Task<CampaignOrderingCheck> CheckAsync(Campaign campaign, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var facts = (await session.LoadAsync<IncidentFactSheet>(campaign.IncidentId, ct))?.State ?? new FactsState();
        var run = (await session.LoadAsync<ScopingRun>(campaign.ScopingRunId, ct))?.Result;
        var residences = (run?.PeopleByJurisdiction.Keys ?? []).Where(j => CampaignDecisions.InAudience(campaign.Jurisdictions, j)).Cast<string?>().ToList();
        if (campaign.Jurisdictions is null && run?.ResidenceUnknown > 0)
        {
            // People of unknown residence may live anywhere: every ordering duty in play concerns them.
            residences.Add(null);
        }

        return CampaignOrdering.Check(facts.EvaluateAt(now), facts.CatalogueOf(CatalogueStore.Embedded), residences, facts.Clearances, campaign.DraftedBy);
    }

    public static CampaignOrderingView View(Guid campaignId, CampaignOrderingCheck check) =>
        new(campaignId, check.MayStart, [.. check.Duties.Select(PrecedingDutyView.Of)], [.. check.Blocking.Select(PrecedingDutyView.Of)]);

    /// <summary>A 409 naming each duty that still holds the campaign back, or no problem.</summary>
    public static ProblemDetails Refusal(Guid campaignId, CampaignOrderingCheck check) => check.MayStart
        ? WolverineContinue.NoProblems
        : new ProblemDetails
        {
            Title = "Duties must come first",
            Detail = $"Cannot approve: {string.Join(" ", check.Blocking.Select(d => $"{d.RuleId}: {d.Reason}."))}",
            Status = StatusCodes.Status409Conflict,
            Extensions = { ["mustPrecede"] = View(campaignId, check).Blocking },
        };
}

public static class GetCampaignOrderingEndpoint
{
    [WolverineGet("/api/campaigns/{campaignId}/ordering", OperationId = "GetCampaignOrdering",
        Summary = "The duties that must precede the campaign's notice (met, waived, acknowledged or open); approval waits for the open ones")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<CampaignOrderingView> Get([ReadAggregate("campaignId")] Campaign campaign, IQuerySession session, DateTimeOffset now,
        CancellationToken ct) =>
        CampaignOrderingGate.View(campaign.Id, await CampaignOrderingGate.CheckAsync(campaign, session, now, ct));
}
