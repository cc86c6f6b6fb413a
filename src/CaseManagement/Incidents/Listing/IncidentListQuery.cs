using CaseManagement.Api;
using Marten;
using CaseManagement.Obligations.Timeline;

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
/// <param name="DueWithinHours">Only open incidents with an unmet duty due (or at its internal target) within this many hours,
/// overdue ones included: the deadline board's rows (GET /api/deadlines), so the list and the board agree.</param>
public sealed record IncidentListQuery(string? Status, string? Shop, string? Sort, int? Page, int? PageSize,
    string? Severity = null, string? Kind = null, int? DueWithinHours = null)
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

        if (Severity is not null)
        {
            validation.OneOf<Severity>("severity", Severity);
        }

        if (Kind is not null)
        {
            validation.OneOf<IncidentKind>("kind", Kind);
        }

        if (DueWithinHours is < 1 or > DeadlineBoardEndpoint.MaxHours)
        {
            validation.Add("dueWithinHours", $"must be between 1 and {DeadlineBoardEndpoint.MaxHours}");
        }

        return validation.Pages(Page, PageSize, MaxPageSize);
    }

    /// <summary>Runs a query that <see cref="Validate"/> accepted; <paramref name="now"/> (the service clock) anchors the due-within window.</summary>
    public async Task<IncidentPage> RunAsync(IQuerySession session, DateTimeOffset now, CancellationToken cancellation)
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

        if (ApiJson.TryParseWire<Severity>(Severity, out var severity))
        {
            query = query.Where(x => x.Severity == severity);
        }

        if (ApiJson.TryParseWire<IncidentKind>(Kind, out var kind))
        {
            query = query.Where(x => x.Kind == kind);
        }

        if (DueWithinHours is { } hours)
        {
            var until = now.AddHours(hours);
            var due = (await session.Query<DeadlineBoardEntry>().Where(x => !x.Closed && x.NextDueAt != null && x.NextDueAt <= until)
                .Select(x => x.Id).ToListAsync(cancellation)).ToArray();
            query = query.Where(x => x.Id.IsOneOf(due));
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
        // The total is counted on its own: Marten's paged list counts with a window over the page's query, which makes the
        // database fetch every matching summary before it can stop at the page (137 ms at 100,000 incidents; docs/benchmarks.md).
        var items = await ordered.ThenBy(x => x.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellation);
        var total = await query.LongCountAsync(cancellation);
        return new IncidentPage([.. items], page, size, total, (total + size - 1) / size);
    }
}
