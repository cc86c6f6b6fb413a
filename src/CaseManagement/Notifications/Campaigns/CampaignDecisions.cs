using CaseManagement.Api;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Notifications.Campaigns;

public enum CampaignAction
{
    Approve,
    Pause,
    Resume,
    Cancel,
}

/// <summary>
/// The campaign rules as pure functions: the two-person rule, which transitions are allowed, who is in the audience and
/// which template a person gets. Handlers load, ask, and append what these return.
/// </summary>
public static class CampaignDecisions
{
    public const int RequiredApprovals = 2;

    /// <summary>Null when allowed; otherwise why not, in words that say what would be.</summary>
    public static string? Refuse(Campaign campaign, CampaignAction action, string actor) => (campaign.Status, action) switch
    {
        (CampaignStatus.AwaitingApprovals, CampaignAction.Approve) when campaign.Approvals.Any(a => a.Approver == actor) =>
            $"{actor} already approved this campaign; the two-person rule needs a second, different person",
        (not CampaignStatus.AwaitingApprovals, CampaignAction.Approve) =>
            $"the campaign is {ApiJson.WireName(campaign.Status)}; approvals are taken only before it starts",
        (not CampaignStatus.Sending, CampaignAction.Pause) => $"the campaign is {ApiJson.WireName(campaign.Status)}; only a sending campaign can be paused",
        (not CampaignStatus.Paused, CampaignAction.Resume) => $"the campaign is {ApiJson.WireName(campaign.Status)}; only a paused campaign can be resumed",
        (CampaignStatus.Completed or CampaignStatus.Cancelled, CampaignAction.Cancel) =>
            $"the campaign is already {ApiJson.WireName(campaign.Status)}",
        _ => null,
    };

    /// <summary>What an approval records: the approval, and the start once two different people have approved.</summary>
    public static IReadOnlyList<object> Approve(Campaign campaign, string actor, string? comment)
    {
        var approvers = campaign.Approvals.Select(a => a.Approver).Append(actor).Distinct().ToList();
        return approvers.Count >= RequiredApprovals
            ? [new CampaignApproved(campaign.Id, actor, comment), new CampaignStarted(campaign.Id, approvers)]
            : [new CampaignApproved(campaign.Id, actor, comment)];
    }

    /// <summary>
    /// Whether a person of <paramref name="jurisdiction"/> is in an audience limited to <paramref name="filter"/>: an entry
    /// names a jurisdiction ("US-CA"), a whole country ("US", also its states), or "EU" (the EEA states).
    /// </summary>
    public static bool InAudience(IReadOnlyList<string>? filter, string? jurisdiction) =>
        filter is null || jurisdiction is not null && Candidates(jurisdiction).Any(filter.Contains);

    /// <summary>The template for a person: their jurisdiction's, else their country's, else the EU one for the EEA, else "*".</summary>
    public static TemplateChoice? TemplateFor(IReadOnlyList<TemplateChoice> choices, string? jurisdiction) =>
        (jurisdiction is null ? [] : Candidates(jurisdiction)).Append("*")
            .Select(code => choices.FirstOrDefault(c => c.Jurisdiction == code))
            .FirstOrDefault(c => c is not null);

    /// <summary>Whether an obligation of <paramref name="ruleJurisdiction"/> concerns a person of <paramref name="jurisdiction"/>.</summary>
    public static bool Covers(string ruleJurisdiction, string jurisdiction) =>
        Candidates(jurisdiction).Contains(ruleJurisdiction) || ruleJurisdiction.StartsWith("EU-", StringComparison.Ordinal) && Candidates(jurisdiction).Contains("EU");

    private static IEnumerable<string> Candidates(string jurisdiction)
    {
        yield return jurisdiction;
        var country = ResidenceCodes.CountryOf(jurisdiction);
        if (country != jurisdiction)
        {
            yield return country;
        }

        if (ResidenceCodes.EuropeanEconomicArea.Contains(country))
        {
            yield return "EU";
        }
    }
}
