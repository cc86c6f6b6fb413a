using CaseManagement.Api.Conventions;
using CaseManagement.Notifications.Campaigns.Delivering;
using System.Security.Claims;
using Wolverine;

namespace CaseManagement.Notifications.Campaigns.Deciding;

public sealed record ApproveCampaign(string? Comment, long? ExpectedVersion) : IExpectVersion;

/// <summary>
/// One of the two people the two-person rule needs says yes; the second, different person's approval starts sending:
/// the plan is handed out and the incident told, in the same transaction as the approval.
/// </summary>
public static class ApproveCampaignEndpoint
{
    public static ProblemDetails Validate(ApproveCampaign command, Campaign campaign, ClaimsPrincipal user) =>
        CampaignCommands.Refused(campaign, CampaignAction.Approve, CaseManagementClaims.ActorOf(user)) ?? new Validation().Optional("comment", command.Comment).ToProblem();

    [WolverinePost("/api/campaigns/{campaignId}/approve", OperationId = nameof(ApproveCampaign),
        Summary = "Approve a campaign; the second approval by a different person starts it")]
    [Authorize(Policies.Approve)]
    public static (UpdatedAggregate, Events, OutgoingMessages) Post(ApproveCampaign command, [WriteAggregate("campaignId")] Campaign campaign, ClaimsPrincipal user)
    {
        var events = CampaignDecisions.Approve(campaign, CaseManagementClaims.ActorOf(user), command.Comment?.Trim());
        var outgoing = new OutgoingMessages();
        if (events.OfType<CampaignStarted>().SingleOrDefault() is { } started)
        {
            outgoing.Add(new PlanCampaign(campaign.Id));
            outgoing.Add(new RecordCampaignStarted(campaign.IncidentId, campaign.Id, campaign.Name, campaign.Channel, started.Approvers));
        }

        return (new UpdatedAggregate(), [.. events], outgoing);
    }
}
