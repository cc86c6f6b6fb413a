using System.Security.Claims;
using CaseManagement.Notifications.Templates;
using Marten;

namespace CaseManagement.Notifications.NoticeTemplates;

/// <summary>
/// Approve a template version once it renders and meets its jurisdiction's content requirements; it never changes afterwards.
/// Someone other than its author approves it (four eyes).
/// </summary>
public static class ApproveNoticeTemplateEndpoint
{
    public static async Task<NotificationTemplateVersion?> LoadAsync(string templateId, int version, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(templateId, version), ct);

    public static ProblemDetails Validate(string templateId, int version, NotificationTemplateVersion? found, ClaimsPrincipal user)
    {
        if (found is null)
        {
            return NoticeTemplates.NotFound(templateId, version);
        }

        if (Forbidden.UnlessSecondPerson(user, $"its version {found.Id}", Policies.DecideNotification, [(found.CreatedBy, $"drafted {found.Id}")]) is { } sameAuthor)
        {
            return sameAuthor;
        }

        if (found.IsApproved)
        {
            return new ProblemDetails
            {
                Title = "Already approved",
                Detail = $"{found.Id} was approved by {found.ApprovedBy} at {found.ApprovedAt:O}; an approved version never changes. Draft a new version instead.",
                Status = StatusCodes.Status409Conflict,
            };
        }

        return TemplateApproval.Problems(found.ToTemplate()) is { Count: > 0 } problems
            ? Problems.InvalidDetails(problems.GroupBy(p => p.Field)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Line is { } line ? $"{p.Message} (line {line}, column {p.Column})" : p.Message).ToArray()))
            : WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/notice-templates/{templateId}/versions/{version}/approve", OperationId = "ApproveNoticeTemplate",
        Summary = "Approve a template version once it meets its jurisdiction's content requirements; it is immutable from then on")]
    [Authorize(Policies.DecideNotification), Tags("Notice templates")]
    public static (NoticeTemplateView, Store<NotificationTemplateVersion>) Post(NotificationTemplateVersion found, ClaimsPrincipal user, DateTimeOffset now)
    {
        found.ApprovedBy = CaseManagementClaims.ActorOf(user);
        found.ApprovedAt = now;
        return (new NoticeTemplateView(found, []), Storage.Store(found));
    }
}
