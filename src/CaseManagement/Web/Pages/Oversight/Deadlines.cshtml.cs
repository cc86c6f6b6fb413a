using System.Globalization;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

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
    public int PageNumber { get; private set; } = 1;
    public DeadlineBoardView? Board { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    // "page" is a route value of Razor Pages itself, so the page number is read from the query string by name.
    public async Task OnGetAsync(int? dueWithinHours, string? jurisdiction, Guid? incidentId, [FromQuery(Name = "page")] int? pageNumber,
        CancellationToken cancellation)
    {
        DueWithinHours = dueWithinHours ?? 72;
        Jurisdiction = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim();
        IncidentId = incidentId;
        PageNumber = pageNumber ?? 1;
        var validation = DeadlineBoardEndpoint.Check(DueWithinHours, Jurisdiction, PageNumber, null).Unreadable(ModelState);
        if (!validation.IsValid)
        {
            Errors = validation.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        Board = await DeadlineBoardEndpoint.Get(DueWithinHours, IncidentId, Jurisdiction, PageNumber, null, session, clock.GetUtcNow(), cancellation);
    }

    /// <summary>Another page of the board with the same filters.</summary>
    public string LinkTo(long page) => QueryHelpers.AddQueryString("/deadlines", new Dictionary<string, string?>
    {
        ["dueWithinHours"] = DueWithinHours.ToString(CultureInfo.InvariantCulture),
        ["jurisdiction"] = Jurisdiction,
        ["incidentId"] = IncidentId?.ToString(),
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null));

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
