using CaseManagement.Api;
using Marten;
using Marten.Pagination;

namespace CaseManagement.Incidents.Listing;

/// <summary>How the incident list is ordered; every order ends with the id so pages never overlap.</summary>
public enum IncidentListSort
{
    /// <summary>Newest detection first (the default).</summary>
    DetectedNewest,
    DetectedOldest,

    /// <summary>The incident whose history grew last comes first.</summary>
    RecentlyRecorded,
    Title,
}

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, long TotalItems, long TotalPages);

/// <summary>
/// The incident list as both the API (GET /api/incidents) and the incident list page ask for it: one set of filters,
/// checks and orders, so the two cannot disagree.
/// </summary>
public sealed record IncidentListQuery(string? Status, string? Shop, string? Sort, int? Page, int? PageSize)
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    public Validation Validate()
    {
        var validation = new Validation();
        if (Status is not null)
        {
            validation.OneOf<IncidentStatus>("status", Status);
        }

        if (Sort is not null)
        {
            validation.OneOf<IncidentListSort>("sort", Sort);
        }

        if (Page < 1)
        {
            validation.Add("page", "starts at 1");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            validation.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        }

        return validation;
    }

    /// <summary>Runs a query that <see cref="Validate"/> accepted.</summary>
    public async Task<IncidentPage> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        IQueryable<IncidentSummary> query = session.Query<IncidentSummary>();
        if (ApiJson.TryParseWire<IncidentStatus>(Status, out var wanted))
        {
            query = query.Where(x => x.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(Shop))
        {
            query = query.Where(x => x.Shop == Shop);
        }

        ApiJson.TryParseWire<IncidentListSort>(Sort, out var sort);
        var ordered = sort switch
        {
            IncidentListSort.DetectedOldest => query.OrderBy(x => x.DetectedAt),
            IncidentListSort.RecentlyRecorded => query.OrderByDescending(x => x.LastRecordedAt),
            IncidentListSort.Title => query.OrderBy(x => x.Title),
            _ => query.OrderByDescending(x => x.DetectedAt),
        };
        var page = Page ?? 1;
        var size = PageSize ?? DefaultPageSize;
        var results = await ordered.ThenBy(x => x.Id).ToPagedListAsync(page, size, cancellation);
        return new IncidentPage([.. results], page, size, results.TotalItemCount, results.PageCount);
    }
}
