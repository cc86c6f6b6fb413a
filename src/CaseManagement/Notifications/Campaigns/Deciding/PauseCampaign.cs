using CaseManagement.Api.Conventions;

namespace CaseManagement.Notifications.Campaigns.Deciding;

public sealed record PauseCampaign(string? Reason, long? ExpectedVersion) : IExpectVersion;

/// <summary>Batches stop within their next few sends and carry on where they stood when the campaign is resumed.</summary>
public static class PauseCampaignEndpoint
{
    public static ProblemDetails Validate(PauseCampaign command, Campaign campaign) =>
        CampaignCommands.Refused(campaign, CampaignAction.Pause, "") ?? new Validation().Required("reason", command.Reason, 4000).ToProblem();

    [WolverinePost("/api/campaigns/{campaignId}/pause", OperationId = nameof(PauseCampaign),
        Summary = "Pause sending; batches wait and carry on where they stood when resumed")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, CampaignPaused) Post(PauseCampaign command, [WriteAggregate("campaignId")] Campaign campaign) =>
        (new UpdatedAggregate(), new CampaignPaused(campaign.Id, command.Reason!.Trim()));
}
