using CaseManagement.Incidents;
using CaseManagement.Containment.Deciding;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Oversight;
using CaseManagement.Web.Actions;
using CaseManagement.Security;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages;

/// <summary>
/// The start page: who is signed in, where they may go, and for those who read incidents the deadlines due within 72 hours
/// across incidents (the first page of the API's own board, GET /api/deadlines) and the open incidents assigned to them with the facts still missing.
/// </summary>
public sealed class StartModel(Navigation navigation, IAuthorizationService authorization, IQuerySession session, TimeProvider clock, Slices slices,
    PageLinks pages) : PageModel
{
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Organisation { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<NavigationLink> Sections { get; private set; } = [];
    public const int DueWithinHours = 72;

    /// <summary>Null when the person may not read incidents.</summary>
    public DeadlineBoardView? Deadlines { get; private set; }
    public IReadOnlyList<Incident> Assigned { get; private set; } = [];

    /// <summary>What waits for this person's yes: GET /api/approvals's own query (<see cref="PendingApprovals"/>).</summary>
    public IReadOnlyList<PendingApproval> Approvals { get; private set; } = [];

    /// <summary>Manual containment steps waiting, when this person's roles may record them done (the complete endpoint's policy).</summary>
    public IReadOnlyList<WaitingStep> ManualSteps { get; private set; } = [];

    /// <summary>Whether the person may open the approvals inbox (its page's policy).</summary>
    public bool MayApprove { get; private set; }

    public async Task OnGetAsync()
    {
        Subject = User.FindFirst(CaseManagementClaims.Subject)!.Value;
        Name = User.FindFirst(CaseManagementClaims.Name)?.Value ?? Subject;
        Organisation = CaseManagementClaims.OrganisationOf(User)!;
        Actor = CaseManagementClaims.ActorOf(User);
        Roles = [.. User.FindAll(CaseManagementClaims.Role).Select(c => c.Value).Order(StringComparer.Ordinal)];
        Sections = [.. (await navigation.ForAsync(User)).Where(l => l.Path != "/")];
        if ((await authorization.AuthorizeAsync(User, Policies.ReadIncidents)).Succeeded)
        {
            Deadlines = await DeadlineBoardEndpoint.Get(DueWithinHours, null, null, 1, null, session, clock.GetUtcNow(), HttpContext.RequestAborted);
            var assigned = await session.Query<Incident>().Where(i => i.Responders.Contains(Subject))
                .OrderByDescending(i => i.LastRecordedAt).Take(50).ToListAsync(HttpContext.RequestAborted);
            Assigned = [.. assigned.Where(i => i.Status != IncidentStatus.Closed)];
            Approvals = (await PendingApprovals.ForAsync(User, authorization, session, HttpContext.RequestAborted)).Items;
            MayApprove = (await authorization.AuthorizeAsync(User, Policies.Approve)).Succeeded;
            if (await slices.MayAsync(User, nameof(CompleteContainmentStep)))
            {
                ManualSteps = await WaitingSteps.ManualAsync(session, HttpContext.RequestAborted);
            }
        }
    }

    /// <summary>The page where an approval is decided, as the inbox links it.</summary>
    public string? DecidedAt(PendingApproval item) => Oversight.ApprovalsModel.DecidedAt(pages, item);

    public string? StepPage(WaitingStep step) => pages.To("/incidents/{id:guid}/containment", $"/incidents/{step.IncidentId}/containment");
}
