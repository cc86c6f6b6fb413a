using System.Security.Claims;
using CaseManagement.Containment;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.NoticeTemplates;
using Marten;

namespace CaseManagement.Oversight;

/// <summary>
/// One decision waiting for the caller's yes. <paramref name="Decide"/> is the API call that takes it; <paramref name="IncidentId"/>
/// names the incident whose pages show it (null for a template, which belongs to no incident).
/// </summary>
/// <param name="Kind">"containment-step", "campaign" or "notice-template".</param>
public sealed record PendingApproval(string Kind, string What, string Why, Guid? IncidentId, string? IncidentTitle, string? RequestedBy, DateTimeOffset RequestedAt,
    string Decide);

public sealed record ApprovalInbox(string Approver, IReadOnlyList<PendingApproval> Items);

/// <summary>
/// What waits for this person's approval: risky containment steps, campaigns short of their two approvals, notice template
/// versions not yet approved. An item is listed only when the endpoint that takes the decision would accept this person: the
/// policy it names, the same four-eyes rule (never one's own request or draft) and the same state rules.
/// </summary>
public static class PendingApprovals
{
    public static async Task<ApprovalInbox> ForAsync(ClaimsPrincipal user, IAuthorizationService authorization, IQuerySession session, CancellationToken ct)
    {
        var actor = CaseManagementClaims.ActorOf(user);
        var items = new List<PendingApproval>();
        if ((await authorization.AuthorizeAsync(user, Policies.Approve)).Succeeded)
        {
            items.AddRange(await ContainmentStepsAsync(user, session, ct));
            items.AddRange(await CampaignsAsync(actor, session, ct));
        }

        if ((await authorization.AuthorizeAsync(user, Policies.DecideNotification)).Succeeded)
        {
            items.AddRange(await TemplatesAsync(user, session, ct));
        }

        return new ApprovalInbox(actor, [.. items.OrderBy(i => i.RequestedAt)]);
    }

    private static async Task<IEnumerable<PendingApproval>> ContainmentStepsAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var runs = (await session.Query<ContainmentRun>().Where(r => r.CompletedAt == null && r.SupersededAt == null).ToListAsync(ct))
            .Where(r => r.Steps.Any(s => s.Status == ContainmentStepStatus.AwaitingApproval))
            .ToList();
        var incidents = await IncidentsAsync(session, runs.Select(r => r.IncidentId), ct);
        return runs
            .Where(r => incidents.TryGetValue(r.IncidentId, out var incident) && IncidentLifecycle.Check(incident, IncidentAction.ApproveContainmentStep) is null)
            .SelectMany(r => r.Steps
                .Where(s => s.Status == ContainmentStepStatus.AwaitingApproval && ContainmentDecisions.Refuse(r, s.Plan.Id, ContainmentStepOption.Approve) is null)
                .Where(s => Forbidden.UnlessSecondPerson(user, s.Plan.Id, Policies.Approve, ContainmentDecisions.Requesters(r, s.Plan.Id)) is null)
                .Select(s => new PendingApproval("containment-step", $"Containment step “{s.Plan.Title}” ({r.Playbook} v{r.PlaybookVersion}, shop {r.Shop})",
                    s.Plan.Why, r.IncidentId, incidents[r.IncidentId].Title, s.RequestedBy ?? r.RequestedBy, r.RequestedAt,
                    $"POST /api/incidents/{r.IncidentId}/containment/runs/{r.RunId}/steps/{s.Plan.Id}/approve")));
    }

    private static async Task<IEnumerable<PendingApproval>> CampaignsAsync(string actor, IQuerySession session, CancellationToken ct)
    {
        var campaigns = (await session.Query<Campaign>().Where(c => c.StartedAt == null && c.CancelledAt == null).ToListAsync(ct))
            .Where(c => CampaignDecisions.Refuse(c, CampaignAction.Approve, actor) is null)
            .ToList();
        var incidents = await IncidentsAsync(session, campaigns.Select(c => c.IncidentId), ct);
        return campaigns
            .Where(c => incidents.ContainsKey(c.IncidentId))
            .Select(c => new PendingApproval("campaign", $"Notification campaign “{c.Name}” ({c.Channel}, {c.PlannedRecipients?.ToString() ?? "audience not yet counted"})",
                $"{c.ApprovalsNeeded} more approval{(c.ApprovalsNeeded == 1 ? "" : "s")} needed; approved so far by " +
                (c.Approvals.Count == 0 ? "nobody" : string.Join(", ", c.Approvals.Select(a => a.Approver))),
                c.IncidentId, incidents[c.IncidentId].Title, c.DraftedBy, c.DraftedAt, $"POST /api/campaigns/{c.Id}/approve"));
    }

    private static async Task<IEnumerable<PendingApproval>> TemplatesAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        (await session.Query<NotificationTemplateVersion>().Where(t => t.ApprovedAt == null).ToListAsync(ct))
        .Where(t => Forbidden.UnlessSecondPerson(user, t.Id, Policies.DecideNotification, [(t.CreatedBy, $"drafted {t.Id}")]) is null)
        .Select(t => new PendingApproval("notice-template", $"Notice template {t.Id} ({t.Jurisdiction}, {t.Language}, {t.Channel.ToString().ToLowerInvariant()})",
            "a version is used for notices only once someone other than its author approves it", null, null, t.CreatedBy, t.CreatedAt,
            $"POST /api/notice-templates/{t.TemplateId}/versions/{t.Version}/approve"));

    private static async Task<IReadOnlyDictionary<Guid, Incident>> IncidentsAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        return wanted.Length == 0 ? new Dictionary<Guid, Incident>() : (await session.LoadManyAsync<Incident>(ct, wanted)).ToDictionary(i => i.Id);
    }
}

public static class PendingApprovalsEndpoint
{
    [WolverineGet("/api/approvals", OperationId = "PendingApprovals",
        Summary = "What waits for the caller's approval (containment steps, campaigns, notice templates), each with the call that decides it")]
    [Authorize(Policies.ReadIncidents)]
    // The authorization service is the request's own; as a parameter it would be described to OpenAPI as an input.
    public static Task<ApprovalInbox> Get(HttpContext http, IQuerySession session, CancellationToken ct) =>
        PendingApprovals.ForAsync(http.User, http.RequestServices.GetRequiredService<IAuthorizationService>(), session, ct);
}
