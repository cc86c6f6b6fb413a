using CaseManagement.Obligations.Timeline;
using CaseManagement.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Oversight;

/// <summary>The deadline board across incidents: the API's own board (DeadlineBoardEndpoint), with its filters and validation.</summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class DeadlinesModel(IQuerySession session, TimeProvider clock, PageLinks pages) : PageModel
{
    public static readonly IReadOnlyList<(int Hours, string Label)> Windows =
    [
        (24, "the next 24 hours"), (72, "the next 72 hours"), (24 * 7, "the next 7 days"), (24 * 30, "the next 30 days"), (DeadlineBoardEndpoint.MaxHours, "the next 90 days"),
    ];

    public int DueWithinHours { get; private set; } = 72;
    public string? Jurisdiction { get; private set; }
    public Guid? IncidentId { get; private set; }
    public DeadlineBoardView? Board { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(int? dueWithinHours, string? jurisdiction, Guid? incidentId, CancellationToken cancellation)
    {
        DueWithinHours = dueWithinHours ?? 72;
        Jurisdiction = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim();
        IncidentId = incidentId;
        if (DeadlineBoardEndpoint.Validate(DueWithinHours, Jurisdiction) is HttpValidationProblemDetails invalid)
        {
            Errors = invalid.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        Board = await DeadlineBoardEndpoint.Get(DueWithinHours, IncidentId, Jurisdiction, session, clock.GetUtcNow(), cancellation);
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("; ", messages) : null;

    public string? IncidentLink(Guid id) => pages.To("/incidents/{id:guid}", $"/incidents/{id}");

    /// <summary>The row's state in words and the class that colours it (never colour alone: the words say it too).</summary>
    public static (string Words, string Css) StateOf(BoardItem item) => item.Status switch
    {
        "overdue" => ("overdue", "state-bad"),
        "due-soon" => ("due soon", "state-warn"),
        "past-internal-target" => ("past our internal target (no legal deadline missed)", "state-warn"),
        _ => ("internal target soon", "state-info"),
    };
}
