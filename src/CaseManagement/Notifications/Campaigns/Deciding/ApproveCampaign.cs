using CaseManagement.Api.Conventions;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Campaigns.Ordering;
using CaseManagement.Rules.Evaluation;
using Marten;
using System.Security.Claims;
using Wolverine;

namespace CaseManagement.Notifications.Campaigns.Deciding;

public sealed record ApproveCampaign(string? Comment, long? ExpectedVersion) : IExpectVersion;

/// <summary>
/// One of the two people the two-person rule needs says yes; the second, different person's approval starts sending:
/// the plan is handed out and the incident told, in the same transaction as the approval. No approval is taken while a duty
/// that must precede the notice (an attorney general or the police first) is neither met, waived nor acknowledged.
/// </summary>
public static class ApproveCampaignEndpoint
{
    public static async Task<CampaignOrderingCheck> LoadAsync(Campaign campaign, IDocumentSession session, DateTimeOffset now, CancellationToken ct) =>
        await CampaignOrderingGate.CheckAsync(campaign, session, now, ct);

    public static ProblemDetails Validate(ApproveCampaign command, Campaign campaign, ClaimsPrincipal user, CampaignOrderingCheck ordering) =>
        CampaignCommands.Refused(campaign, CampaignAction.Approve, CaseManagementClaims.ActorOf(user))
        ?? (new Validation().Optional("comment", command.Comment) is { IsValid: false } invalid ? invalid.ToProblem() : CampaignOrderingGate.Refusal(campaign.Id, ordering));

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
