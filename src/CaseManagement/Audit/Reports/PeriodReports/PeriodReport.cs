using CaseManagement.Audit.Reports.Deadlines;
using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.RegulatorSubmissions;
using JasperFx.Events;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.PeriodReports;

/// <summary>One incident of the period: how long each phase took, how its deadlines stood, what was done.</summary>
/// <param name="Report">Where its own audit report is.</param>
public sealed record PeriodIncident(
    ReportedIncident Incident,
    string Report,
    IReadOnlyList<Span> Measures,
    DeadlineCounts Deadlines,
    int Campaigns,
    long NoticesSent,
    int Submissions);

public sealed record PeriodTotals(int Incidents, int Contained, int Notified, int Closed, DeadlineCounts Deadlines, int ContainmentRuns, int Campaigns,
    long NoticesSent, int Submissions);

/// <summary>The median of one measure over the incidents where it is known (<paramref name="Incidents"/> of them).</summary>
public sealed record MedianMeasure(string Name, string Label, int Incidents, double? Hours, string Text);

/// <summary>One incident's events recorded by the report's instant, and the breach start stated beside them.</summary>
public sealed record PeriodIncidentInput(IReadOnlyList<IEvent> Events, BreachStart? BreachStart);

/// <summary>
/// Evidence for a period (SOC 2, ISO 27001): every incident of the organisation detected in the period or still open
/// in it, measured from what was recorded by <see cref="AsOf"/>; the same instant gives the same report again later.
/// </summary>
public sealed record PeriodReport(
    string Report,
    string Organisation,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    string Selection,
    PeriodTotals Totals,
    IReadOnlyList<MedianMeasure> Medians,
    IReadOnlyList<PeriodIncident> Incidents)
{
    public const string Kind = "period-audit-report/1";

    /// <summary>Detected before the period ended and not closed before it began: detected in it, or active during it.</summary>
    public static bool Covers(Incident incident, DateTimeOffset from, DateTimeOffset to) =>
        incident.DetectedAt < to && !(incident.ClosedAt < from);

    public static async Task<PeriodReport> BuildAsync(string organisation, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf,
        DateTimeOffset generatedAt, string generatedBy, IEnumerable<PeriodIncidentInput> inputs, CancellationToken ct = default)
    {
        var replayed = new List<(IncidentHistory History, IReadOnlyList<IEvent> Events, BreachStart? BreachStart)>();
        foreach (var input in inputs.Where(i => i.Events.Count > 0))
        {
            replayed.Add((await IncidentHistory.ReplayAsync(input.Events, ct), input.Events, input.BreachStart));
        }

        var incidents = replayed
            .Where(i => Covers(i.History.Incident, from, to))
            .Select(i => Measure(i.History, i.Events, i.BreachStart, asOf))
            .OrderBy(i => i.Incident.DetectedAt)
            .ToList();
        var totals = new PeriodTotals(incidents.Count, incidents.Count(i => i.Incident.ContainedAt is not null),
            incidents.Count(i => i.Incident.NotifiedAt is not null), incidents.Count(i => i.Incident.ClosedAt is not null),
            incidents.Aggregate(DeadlineCounts.None, (sum, i) => sum + i.Deadlines), incidents.Sum(i => i.Incident.ContainmentRuns),
            incidents.Sum(i => i.Campaigns), incidents.Sum(i => i.NoticesSent), incidents.Sum(i => i.Submissions));
        return new PeriodReport(Kind, organisation, from, to, asOf, generatedAt, generatedBy,
            $"Incidents detected before {Instant(to)} and not closed before {Instant(from)}, as recorded by {Instant(asOf)}.",
            totals, [.. IncidentPhases.MeasureLabels.Select(m => Median(m.Key, m.Value, incidents))], incidents);
    }

    private static PeriodIncident Measure(IncidentHistory history, IReadOnlyList<IEvent> events, BreachStart? breachStart, DateTimeOffset asOf)
    {
        var incident = history.Incident;
        var data = events.Select(e => e.Data).ToList();
        return new PeriodIncident(ReportedIncident.Of(incident), $"/api/incidents/{incident.Id}/audit-report",
            IncidentPhases.Of(history, breachStart, asOf).Measures, DeadlineStanding.Of(incident.Id, events, asOf).Counts,
            data.OfType<NotificationCampaignStarted>().Select(c => c.CampaignId).Distinct().Count(),
            data.OfType<NotificationCampaignCompleted>().Sum(c => c.Sent), data.OfType<RegulatorSubmissionRecorded>().Count());
    }

    private static MedianMeasure Median(string name, string label, IReadOnlyList<PeriodIncident> incidents)
    {
        var hours = incidents.Select(i => i.Measures.Named(name).Hours).OfType<double>().Order().ToList();
        double? median = hours.Count == 0 ? null : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
        return new MedianMeasure(name, label, hours.Count, median,
            median is { } h ? Span(TimeSpan.FromHours(h)) : "no incident of the period has both ends of this measure");
    }
}
