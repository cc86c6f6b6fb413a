using CaseManagement.Api.Conventions;

namespace CaseManagement.Notifications.Campaigns.Deciding;

public sealed record CancelCampaign(string? Reason, long? ExpectedVersion) : IExpectVersion;

/// <summary>No further notice is sent; what was sent stays recorded.</summary>
public static class CancelCampaignEndpoint
{
    public static ProblemDetails Validate(CancelCampaign command, Campaign campaign) =>
        CampaignCommands.Refused(campaign, CampaignAction.Cancel, "") ?? new Validation().Required("reason", command.Reason, 4000).ToProblem();

    [WolverinePost("/api/campaigns/{campaignId}/cancel", OperationId = nameof(CancelCampaign), Summary = "Stop sending for good; what was sent stays recorded")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, CampaignCancelled) Post(CancelCampaign command, [WriteAggregate("campaignId")] Campaign campaign) =>
        (new UpdatedAggregate(), new CampaignCancelled(campaign.Id, command.Reason!.Trim()));
}
