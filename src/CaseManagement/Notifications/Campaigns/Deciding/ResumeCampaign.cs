using CaseManagement.Api.Conventions;

namespace CaseManagement.Notifications.Campaigns.Deciding;

public sealed record ResumeCampaign(long? ExpectedVersion) : IExpectVersion;

public static class ResumeCampaignEndpoint
{
    public static ProblemDetails Validate(Campaign campaign) => CampaignCommands.Refused(campaign, CampaignAction.Resume, "") ?? WolverineContinue.NoProblems;

    [WolverinePost("/api/campaigns/{campaignId}/resume", OperationId = nameof(ResumeCampaign), Summary = "Resume a paused campaign")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, CampaignResumed) Post(ResumeCampaign command, [WriteAggregate("campaignId")] Campaign campaign) =>
        (new UpdatedAggregate(), new CampaignResumed(campaign.Id));
}
