using CaseManagement.Security;
using CaseManagement.Incidents.Listing;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>The incident list: the API's own query (IncidentListQuery), with its filters, orders and paging.</summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class IncidentListModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(string Wire, string Label)> Orders =
    [
        (Api.ApiJson.WireName(IncidentListSort.DetectedNewest), "newest detection first"),
        (Api.ApiJson.WireName(IncidentListSort.DetectedOldest), "oldest detection first"),
        (Api.ApiJson.WireName(IncidentListSort.RecentlyRecorded), "most recently changed first"),
        (Api.ApiJson.WireName(IncidentListSort.Title), "by title"),
    ];

    public IncidentListQuery Query { get; private set; } = new(null, null, null, null, null);
    public IncidentPage? Results { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool IsFiltered => Query.Status is not null || Query.Shop is not null || Query.Severity is not null || Query.Kind is not null
                              || Query.DueWithinHours is not null;

    /// <summary>The due-within choices offered; the API takes any whole number of hours up to its maximum (typed into the URL, refused alike).</summary>
    public static readonly IReadOnlyList<(int Hours, string Label)> DueWithin =
        [(24, "24 hours"), (72, "72 hours"), (24 * 7, "7 days"), (24 * 30, "30 days")];

    // "page" is a route value of Razor Pages itself, so the page number is read from the query string by name.
    public async Task OnGetAsync(string? status, string? shop, string? sort, [FromQuery(Name = "page")] int? pageNumber, int? pageSize,
        string? severity, string? kind, int? dueWithinHours, CancellationToken cancellation)
    {
        Query = new IncidentListQuery(Blank(status), Blank(shop), Blank(sort), pageNumber, pageSize, Blank(severity), Blank(kind), dueWithinHours);
        var validation = Query.Validate().Unreadable(ModelState);

        if (!validation.IsValid)
        {
            Errors = validation.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        Results = await Query.RunAsync(session, clock.GetUtcNow(), cancellation);
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? $"{Words.Of(field)} {string.Join("; ", messages)}" : null;

    public string LinkTo(int page) => QueryHelpers.AddQueryString("/incidents", new Dictionary<string, string?>
    {
        ["status"] = Query.Status,
        ["shop"] = Query.Shop,
        ["sort"] = Query.Sort,
        ["severity"] = Query.Severity,
        ["kind"] = Query.Kind,
        ["dueWithinHours"] = Query.DueWithinHours?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pageSize"] = Query.PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
