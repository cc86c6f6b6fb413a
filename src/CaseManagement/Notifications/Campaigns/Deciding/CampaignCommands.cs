namespace CaseManagement.Notifications.Campaigns.Deciding;

/// <summary>What every decision on a campaign checks first, after the client's expected version: that the rules allow it now.</summary>
public static class CampaignCommands
{
    public static ProblemDetails? Refused(Campaign campaign, CampaignAction action, string actor) =>
        CampaignDecisions.Refuse(campaign, action, actor) is { } refusal
            ? new ProblemDetails
            {
                Title = "Not allowed now",
                Detail = $"Cannot {ApiJson.WireName(action)}: {refusal}.",
                Status = StatusCodes.Status409Conflict,
                Extensions = { ["campaignStatus"] = ApiJson.WireName(campaign.Status) },
            }
            : null;
}
