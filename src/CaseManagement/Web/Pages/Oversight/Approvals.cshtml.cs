using CaseManagement.Oversight;
using CaseManagement.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Oversight;

/// <summary>
/// The approvals inbox: what waits for this person's yes, as GET /api/approvals lists it (the same query, so the same
/// four-eyes and state rules as the endpoints that take the decisions), each linking to the page where it is decided.
/// </summary>
[Authorize(Policy = Policies.Approve)]
public sealed class ApprovalsModel(IQuerySession session, IAuthorizationService authorization, PageLinks pages) : PageModel
{
    public ApprovalInbox Inbox { get; private set; } = new("", []);

    public async Task OnGetAsync(CancellationToken cancellation) => Inbox = await PendingApprovals.ForAsync(User, authorization, session, cancellation);

    /// <summary>The page where the approval is decided, when that page exists: the incident's containment or notification page.</summary>
    public string? DecidedAt(PendingApproval item) => DecidedAt(pages, item);

    /// <summary>The page where the approval is decided, when that page exists (shared with the start page's list).</summary>
    public static string? DecidedAt(PageLinks pages, PendingApproval item) => item switch
    {
        { Kind: "containment-step", IncidentId: { } id } => pages.To("/incidents/{id:guid}/containment", $"/incidents/{id}/containment")
                                                            ?? pages.To("/incidents/{id:guid}", $"/incidents/{id}"),
        { Kind: "campaign", IncidentId: { } id } => pages.To("/incidents/{id:guid}/notifications", $"/incidents/{id}/notifications")
                                                    ?? pages.To("/incidents/{id:guid}", $"/incidents/{id}"),
        _ => null,
    };

    public static string KindWords(string kind) => kind switch
    {
        "containment-step" => "containment step",
        "campaign" => "notification campaign",
        _ => "notice template",
    };
}
