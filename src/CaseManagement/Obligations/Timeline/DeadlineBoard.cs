using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;

namespace CaseManagement.Obligations.Timeline;

/// <param name="DueAt">The deadline, or for a duty with no fixed instant ("without undue delay", "before consumers") our internal target.</param>
/// <param name="Basis">"deadline", or "internal-target" when <paramref name="DueAt"/> is our own goal, not the law's.</param>
/// <param name="Standing">The headline: partly-met, needs-facts, or the deadline status it had when the facts last changed.</param>
/// <param name="Owed">The recipients still owed a notice.</param>
public sealed record BoardDeadline(string RuleId, string Jurisdiction, string Recipient, string Citation, DateTimeOffset DueAt, string DeadlineText, string Applicability,
    string Basis = "deadline", string? Standing = null, IReadOnlyList<string>? Owed = null);

/// <summary>
/// Per open incident, the duties not yet met that have an instant to count down to: their deadline, or, for a duty with no
/// fixed instant ("immediately", "without undue delay", "before consumers"), our internal target.
/// </summary>
public sealed class DeadlineBoardEntry
{
    public const string InternalTarget = "internal-target";

    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string Shop { get; set; } = "";
    public bool Closed { get; set; }
    public FactsState Facts { get; set; } = new();
    public List<BoardDeadline> Open { get; set; } = [];

    /// <summary>The earliest of <see cref="Open"/>; null while the incident is closed.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary>The incident stream's version and last event time, as the incident list shows them.</summary>
    public long Version { get; set; }
    public DateTimeOffset LastRecordedAt { get; set; }
}

/// <summary>
/// Keeps the board rows current under the async daemon, with the same facts fold and evaluator as the
/// incident's timeline, so the board and the timeline cannot disagree about a deadline.
/// </summary>
public sealed class DeadlineBoardProjection : SingleStreamProjection<DeadlineBoardEntry, Guid>
{
    public DeadlineBoardProjection() => FilterIncomingEventsOnStreamType(typeof(Incident));

    public override (DeadlineBoardEntry?, ActionType) DetermineAction(DeadlineBoardEntry? snapshot, Guid identity, IReadOnlyList<IEvent> events)
    {
        var (entry, action) = EvaluatedOncePerBatch.Fold(snapshot, events, () => new DeadlineBoardEntry { Id = identity }, Fold, Evaluate);
        if (entry is not null)
        {
            // A closed incident has no next duty on the board: its row leaves the NextDueAt index's range, so the board reads
            // the open incidents' rows only instead of filtering every closed one the organisation ever had.
            entry.NextDueAt = entry.Closed || entry.Open.Count == 0 ? null : entry.Open.Min(o => o.DueAt);
        }

        return (entry, action);
    }

    private static void Evaluate(DeadlineBoardEntry entry, DateTimeOffset at) => entry.Open =
    [
        .. entry.Facts.EvaluateAt(at).Obligations
            .Where(o => o.Applicability != Applicability.NotApplicable && o.SatisfiedAt is null && (o.DueAt ?? o.InternalTarget) is not null)
            .Select(o => new BoardDeadline(o.RuleId, o.Jurisdiction, string.Join(", ", o.Recipients.Select(CatalogueWords.Of)), o.Citation,
                (o.DueAt ?? o.InternalTarget)!.Value, o.DeadlineText, ApiJson.WireName(o.Applicability),
                o.DueAt is null ? DeadlineBoardEntry.InternalTarget : "deadline", ApiJson.WireName(o.Status), [.. o.Owed.Select(ApiJson.WireName)])),
    ];

    /// <returns>Whether the event changed the facts the deadlines are worked out from.</returns>
    private static bool Fold(DeadlineBoardEntry entry, IEvent e)
    {
        switch (e.Data)
        {
            case IncidentDetected d:
                entry.Title = d.Title;
                entry.Shop = d.Shop;
                break;
            case IncidentShopCorrected corrected:
                entry.Shop = corrected.Shop;
                break;
            case IncidentClosed:
                entry.Closed = true;
                break;
            case IncidentReopened:
                entry.Closed = false;
                break;
        }

        entry.Version = e.Version;
        entry.LastRecordedAt = e.Timestamp;
        return entry.Facts.Apply(e.Data);
    }
}

/// <param name="IncidentVersion">The incident stream's version, for an <c>If-Match</c> taken from the board.</param>
/// <param name="Basis">"deadline", or "internal-target" when <paramref name="DueAt"/> is our own goal for a duty the law gives no fixed instant.</param>
/// <param name="Standing">partly-met or needs-facts when that is the duty's headline, else null.</param>
public sealed record BoardItem(Guid IncidentId, string Title, string Shop, string RuleId, string Jurisdiction, string Recipient, string Citation,
    DateTimeOffset DueAt, string DeadlineText, string Applicability, string Status, long IncidentVersion, DateTimeOffset LastRecordedAt,
    string Basis, string? Standing, IReadOnlyList<string> Owed);

/// <summary>One page of the board. The board pages by incident, in order of each incident's most urgent duty shown, so an
/// incident's duties never straddle two pages; <see cref="Items"/> are that page's duties, most urgent first.</summary>
/// <param name="TotalIncidents">Open incidents with at least one duty on the board under these filters, on every page.</param>
public sealed record DeadlineBoardView(DateTimeOffset GeneratedAt, int DueWithinHours, IReadOnlyList<BoardItem> Items, int Page, int PageSize,
    long TotalIncidents, long TotalPages);

public static class DeadlineBoardEndpoint
{
    public const int MaxHours = 24 * 90;

    /// <summary>Every jurisdiction some catalogue version has a rule for, as the board's filter takes them.</summary>
    private static readonly Lazy<IReadOnlyList<string>> Jurisdictions = new(() =>
        [.. CatalogueStore.Embedded.Versions.SelectMany(v => v.Rules).Select(r => r.Jurisdiction).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)]);

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static ProblemDetails Validate(int? dueWithinHours, string? jurisdiction, int? page, int? pageSize) =>
        Check(dueWithinHours, jurisdiction, page, pageSize).ToProblem();

    /// <summary>The board's filters and paging checked, for the API (<see cref="Validate"/>) and the board page alike.</summary>
    public static Validation Check(int? dueWithinHours, string? jurisdiction, int? page, int? pageSize)
    {
        var validation = new Validation();
        if (dueWithinHours is < 1 or > MaxHours)
        {
            validation.Add("dueWithinHours", $"must be between 1 and {MaxHours}");
        }

        validation.Pages(page, pageSize, MaxPageSize, " incidents");
        if (jurisdiction is not null && !Jurisdictions.Value.Any(j => InJurisdiction(j, jurisdiction)))
        {
            validation.Add("jurisdiction", $"no obligation is for '{jurisdiction}'; the catalogue's jurisdictions are: {string.Join(", ", Jurisdictions.Value)}");
        }

        return validation;
    }

    [WolverineGet("/api/deadlines", OperationId = "DeadlineBoard",
        Summary = "Every unmet duty due (or at its internal target) within ?dueWithinHours=N (default 24) across open incidents, most urgent first, " +
                  "paged by incident (?page=, ?pageSize= incidents, default 50, at most 200); " +
                  "?incidentId= for one incident, " +
                  "?jurisdiction= for one jurisdiction (\"US\" takes every US-xx)")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<DeadlineBoardView> Get(int? dueWithinHours, Guid? incidentId, string? jurisdiction, int? page, int? pageSize, IQuerySession session,
        DateTimeOffset now, CancellationToken ct)
    {
        var hours = dueWithinHours ?? 24;
        var until = now.AddHours(hours);
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var query = session.Query<DeadlineBoardEntry>().Where(x => !x.Closed && x.NextDueAt != null && x.NextDueAt <= until);
        if (incidentId is { } one)
        {
            query = query.Where(x => x.Id == one);
        }

        IReadOnlyList<IReadOnlyList<BoardItem>> incidents;
        long total;
        if (jurisdiction is null)
        {
            // An incident's next duty is its earliest open one, so on the NextDueAt index the database orders, pages and counts
            // the incidents itself, and only one page of rows is read and deserialized, however many incidents are open.
            var rows = await query.OrderBy(x => x.NextDueAt).ThenBy(x => x.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
            incidents = [.. rows.Select(r => ItemsOf(r, until, null, now))];
            total = await query.LongCountAsync(ct);
        }
        else
        {
            // An incident's next duty may lie in another jurisdiction, so which incidents are on the board, and in what order,
            // is only known after reading every open incident's duties in the window: the unpaged board's cost, paged afterwards.
            var matching = (await query.ToListAsync(ct)).Select(r => ItemsOf(r, until, jurisdiction, now)).Where(items => items.Count > 0)
                .OrderBy(items => items[0].DueAt).ThenBy(items => items[0].IncidentId).ToList();
            incidents = [.. matching.Skip((number - 1) * size).Take(size)];
            total = matching.Count;
        }

        var items = incidents.SelectMany(i => i).OrderBy(i => i.DueAt).ThenBy(i => i.IncidentId).ThenBy(i => i.RuleId).ToList();
        return new DeadlineBoardView(now, hours, items, number, size, total, (total + size - 1) / size);
    }

    /// <summary>The incident's duties on the board under these filters, most urgent first.</summary>
    private static IReadOnlyList<BoardItem> ItemsOf(DeadlineBoardEntry r, DateTimeOffset until, string? jurisdiction, DateTimeOffset now) =>
    [
        .. r.Open.Where(o => o.DueAt <= until && (jurisdiction is null || InJurisdiction(o.Jurisdiction, jurisdiction)))
            .Select(o => new BoardItem(r.Id, r.Title, r.Shop, o.RuleId, o.Jurisdiction, o.Recipient, o.Citation, o.DueAt, o.DeadlineText, o.Applicability,
                BoardStatus(o, now), r.Version, r.LastRecordedAt, o.Basis, o.Standing is "partly-met" or "needs-facts" ? o.Standing : null, o.Owed ?? []))
            .OrderBy(i => i.DueAt).ThenBy(i => i.RuleId),
    ];

    // Passing our own target is not a legal miss, so it is never called overdue.
    private static string BoardStatus(BoardDeadline o, DateTimeOffset now) => (o.DueAt < now, o.Basis == DeadlineBoardEntry.InternalTarget) switch
    {
        (true, false) => "overdue",
        (false, false) => "due-soon",
        (true, true) => "past-internal-target",
        (false, true) => "internal-target-soon",
    };

    /// <summary>The rule's jurisdiction is the one asked for, or lies within it ("US" holds "US-CA").</summary>
    private static bool InJurisdiction(string rule, string asked) =>
        rule.Equals(asked, StringComparison.OrdinalIgnoreCase) || rule.StartsWith(asked + "-", StringComparison.OrdinalIgnoreCase);
}
