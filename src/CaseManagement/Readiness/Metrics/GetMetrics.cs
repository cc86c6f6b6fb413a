using System.Globalization;
using CaseManagement.Alerts;
using CaseManagement.Alerts.Triage;
using CaseManagement.Audit.Reports;
using CaseManagement.Audit.Reports.Rendering;
using CaseManagement.Readiness.Exercises;
using CaseManagement.Readiness.Reviews;
using Marten;

namespace CaseManagement.Readiness.Metrics;

/// <summary>Alerts received in the period: every delivery, the alerts they were folded into, the triage items those became.</summary>
/// <param name="DedupRatio">The share of deliveries that repeated an alert already received (0 when every delivery was new).</param>
public sealed record AlertFigures(int Deliveries, int Alerts, int TriageItems, double? DedupRatio);

/// <summary>Exercises started in the period and the follow-up actions their reviews raised and closed.</summary>
public sealed record ExerciseFigures(int Started, int Completed, int Abandoned, DateTimeOffset? LastStartedAt, int FindingsRaised, int FindingsClosed);

public sealed record MetricsReport(string Report, string Organisation, DateTimeOffset From, DateTimeOffset To, DateTimeOffset GeneratedAt, string GroupBy,
    string Selection, IReadOnlyList<MetricGroup> Groups, AlertFigures Alerts, ExerciseFigures Exercises)
{
    public const string Kind = "incident-metrics/1";
}

/// <summary>
/// Figures across the organisation's incidents for the compliance lead's own dashboard (ADR 24), from the IncidentMeasures
/// projection: JSON (everything) or CSV (one row per group).
/// </summary>
public static class GetMetricsEndpoint
{
    private static readonly ReportFormat[] Formats = [ReportFormat.Json, ReportFormat.Csv];

    [WolverineGet("/api/metrics", OperationId = "GetMetrics",
        Summary = "Incident response metrics for incidents detected in ?from=…&to=…: times to detect (from a recorded breach start), acknowledge, contain, notify and close, deadline compliance, " +
                  "false positives and duplicates apart, ?groupBy=kind|shop|severity|month; alert volumes and dedup ratio; exercise cadence and findings closed " +
                  "(?format=json|csv)")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(string? from, string? to, string? groupBy, string? format, HttpContext http, IQuerySession session, IDocumentStore store,
        DateTimeOffset now, CancellationToken ct)
    {
        var grouping = MetricGrouping.None;
        if (ReportExports.Read(format, Formats, [("from", from), ("to", to)], (validation, instants) =>
                {
                    foreach (var name in new[] { "from", "to" }.Where(n => !instants.ContainsKey(n)))
                    {
                        validation.Add(name, "is required: incidents detected from 'from' (included) to 'to' (excluded), e.g. from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z");
                    }

                    if (instants.TryGetValue("from", out var start) && instants.TryGetValue("to", out var end) && end <= start)
                    {
                        validation.Add("to", $"must be later than from ({start.UtcDateTime:O})");
                    }

                    if (groupBy is not null && (!ApiJson.TryParseWire(groupBy, out grouping) || grouping == MetricGrouping.None))
                    {
                        validation.Add("groupBy", $"'{groupBy}' is not one of: kind, shop, severity, month");
                    }
                },
                out var chosen, out var instants) is { } invalid)
        {
            return invalid;
        }

        var (start, end) = (instants["from"], instants["to"]);
        var measures = await session.Query<IncidentMeasures>().Where(m => m.DetectedAt >= start && m.DetectedAt < end).ToListAsync(ct);
        var alerts = await session.Query<Alert>().Where(a => a.ReceivedAt >= start && a.ReceivedAt < end).ToListAsync(ct);
        var triage = await session.Query<TriageItem>().Where(t => t.OpenedAt >= start && t.OpenedAt < end).CountAsync(ct);
        var deliveries = alerts.Sum(a => a.Sightings.Count);
        var organisation = CaseManagementClaims.OrganisationOf(http.User)!;
        var report = new MetricsReport(MetricsReport.Kind, organisation, start, end, now, ApiJson.WireName(grouping),
            $"Incidents of {organisation} detected from {start.UtcDateTime:O} to {end.UtcDateTime:O}; false positives and merged duplicates counted apart and in " +
            "no duration; exercises only in the exercise figures.",
            MetricFigures.Compute(measures, start, end, grouping, now),
            new AlertFigures(deliveries, alerts.Count, triage, deliveries == 0 ? null : Math.Round(1 - (double)alerts.Count / deliveries, 4)),
            await ExercisesAsync(session, store, start, end, ct));
        return chosen == ReportFormat.Csv
            ? ReportExports.Serve(http, new RenderedReport(ReportFormat.Csv, WriteCsv(report)), $"incident-metrics-{ReportExports.Stamp(start)}-{ReportExports.Stamp(end)}")
            : Results.Ok(report);
    }

    /// <summary>Exercises are other tenants: each one's review is read in its own tenant.</summary>
    private static async Task<ExerciseFigures> ExercisesAsync(IQuerySession session, IDocumentStore store, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var exercises = await session.Query<Exercise>().Where(e => e.StartedAt >= from && e.StartedAt < to).ToListAsync(ct);
        var (raised, closed) = (0, 0);
        foreach (var exercise in exercises)
        {
            await using var inside = store.QuerySession(exercise.Tenant);
            if (await inside.LoadAsync<Review>(ReviewStreams.For(exercise.IncidentId), ct) is { } review)
            {
                raised += review.Actions.Count;
                closed += review.Actions.Count(a => a.IsDone);
            }
        }

        return new ExerciseFigures(exercises.Count, exercises.Count(e => e.Outcome == ExerciseOutcome.Completed), exercises.Count(e => e.Outcome == ExerciseOutcome.Abandoned),
            exercises.Count == 0 ? null : exercises.Max(e => e.StartedAt), raised, closed);
    }

    public static byte[] WriteCsv(MetricsReport report)
    {
        string[] header =
        [
            "group", "incidents", "false_positives", "duplicates",
            .. MetricFigures.Measures.SelectMany(m => new[] { $"{m.Name}_incidents", $"{m.Name}_median_hours", $"{m.Name}_mean_hours" }),
            "detect_needs_facts",
            "deadlines_met_on_time", "deadlines_met_late", "deadlines_missed", "deadlines_pending", "duties_without_deadline", "deadline_compliance",
        ];
        return Csv.Write(header, report.Groups.Select(g => (IReadOnlyList<string?>)
        [
            g.Key, Number(g.Incidents), Number(g.FalsePositives), Number(g.Duplicates),
            .. g.Measures.SelectMany(m => new[] { Number(m.Incidents), Number(m.MedianHours), Number(m.MeanHours) }),
            Number(g.Measures.Single(m => m.Name == "detect").NeedsFacts),
            Number(g.Deadlines.MetOnTime), Number(g.Deadlines.MetLate), Number(g.Deadlines.Missed), Number(g.Deadlines.Pending), Number(g.Deadlines.WithoutDeadline),
            Number(g.Deadlines.Ratio),
        ]));
    }

    private static string? Number(double? value) => value?.ToString(CultureInfo.InvariantCulture);
}
