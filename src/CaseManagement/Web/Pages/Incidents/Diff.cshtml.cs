using System.Globalization;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Obligations.Timeline;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>One line of the comparison: what it was at the earlier version and at the later one.</summary>
public sealed record DiffLine(string What, string Before, string After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// What changed between two versions of an incident: status and facts, each deadline, and the events recorded in between
/// with their reasons. Both sides are the incident page's own dossier at ?version=N, so they read exactly as the as-of pages.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class IncidentDiffModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public Guid Id { get; private set; }
    public IncidentDossier? From { get; private set; }
    public IncidentDossier? To { get; private set; }
    public Microsoft.AspNetCore.Mvc.ProblemDetails? Problem { get; private set; }
    public IReadOnlyList<DiffLine> Facts { get; private set; } = [];
    public IReadOnlyList<DiffLine> Deadlines { get; private set; } = [];
    public IReadOnlyList<TimelineEntry> Between { get; private set; } = [];

    public async Task OnGetAsync(Guid id, long? from, long? to, CancellationToken ct)
    {
        Id = id;
        var now = clock.GetUtcNow();
        var latest = await session.Events.FetchStreamStateAsync(id, ct);
        var (later, laterProblem) = await IncidentDossier.LoadAsync(session, id, null, to ?? latest?.Version ?? 1, now, ct);
        var (earlier, earlierProblem) = await IncidentDossier.LoadAsync(session, id, null, from ?? Math.Max(1, (to ?? latest?.Version ?? 1) - 1), now, ct);
        if ((laterProblem ?? earlierProblem) is { } problem)
        {
            Problem = problem;
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            return;
        }

        if (earlier!.Incident.Version > later!.Incident.Version)
        {
            (earlier, later) = (later, earlier);
        }

        (From, To) = (earlier, later);
        Facts = [.. Lines(earlier).Zip(Lines(later), (b, a) => new DiffLine(b.What, b.Value, a.Value))];
        var before = earlier.Deadlines.Obligations.ToDictionary(o => o.RuleId, StringComparer.Ordinal);
        var after = later.Deadlines.Obligations.ToDictionary(o => o.RuleId, StringComparer.Ordinal);
        Deadlines = [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).Select(rule => new DiffLine(
            Name(before.GetValueOrDefault(rule) ?? after[rule]), Describe(before.GetValueOrDefault(rule)), Describe(after.GetValueOrDefault(rule))))];
        var seen = earlier.Timeline.Select(e => e.Sequence).ToHashSet();
        Between = [.. later.Timeline.Where(e => !seen.Contains(e.Sequence))];
    }

    private static IEnumerable<(string What, string Value)> Lines(IncidentDossier d)
    {
        var f = d.Facts;
        yield return ("Status", Words.Of(ApiJson.WireName(d.Incident.Status)));
        yield return ("Severity", d.Incident.Severity is { } s ? Words.Of(ApiJson.WireName(s)) : "not classified");
        yield return ("Assigned", d.Incident.Responders.Count == 0 ? "nobody" : string.Join(", ", d.Incident.Responders));
        yield return ("Aware", Instant(d.Incident.AwareAt) ?? "not recorded");
        yield return ("Clocks", f.Clocks.Count == 0 ? "none recorded"
            : string.Join("; ", f.Clocks.OrderBy(c => c.Key).Select(c => $"{Words.Of(ApiJson.WireName(c.Key))} {Instant(c.Value)}")));
        yield return ("People affected by residence", f.Affected.Count == 0 ? "not counted"
            : string.Join(", ", f.Affected.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));
        yield return ("Data categories", f.Categories.Count == 0 ? "none" : string.Join(", ", f.Categories.Order(StringComparer.Ordinal)));
        yield return ("Encryption", Words.Of(ApiJson.WireName(f.Encryption)));
        yield return ("Sector flags", f.Flags.Count == 0 ? "none" : string.Join(", ", f.Flags.Order(StringComparer.Ordinal)));
    }

    private static string Name(TimelineObligation o) => $"{o.Recipient} ({o.Jurisdiction})";

    private static string Describe(TimelineObligation? o) => o is null
        ? "does not apply"
        : $"{Words.Of(o.Status)}, due {Instant(o.DueAt) ?? "(needs facts)"}";

    private static string? Instant(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
