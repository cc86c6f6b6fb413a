using System.Globalization;
using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Rendering;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.PeriodReports;

/// <summary>The period report as a spreadsheet (one row per incident) and as a printable page.</summary>
public static class PeriodReportDocuments
{
    public const string Heading = "Incident response report";

    public static readonly IReadOnlyList<string> Columns =
    [
        "incident_id", "report", "title", "shop", "kind", "status", "severity", "detected_at", "contained_at", "notified_at", "closed_at",
        "mttd_hours", "mttc_hours", "mttn_hours", "time_to_close_hours", "deadlines_met", "deadlines_missed", "deadlines_met_late", "deadlines_overdue",
        "deadlines_pending", "deadlines_suspended", "containment_runs", "campaigns", "notices_sent", "submissions",
    ];

    public static byte[] Csv(PeriodReport report) => Rendering.Csv.Write(Columns, report.Incidents.Select(i => (IReadOnlyList<string?>)
    [
        i.Incident.Id.ToString(), i.Report, i.Incident.Title, i.Incident.Shop, i.Incident.Kind, i.Incident.Status, i.Incident.Severity,
        AuditReportCsv.Iso(i.Incident.DetectedAt), Iso(i.Incident.ContainedAt), Iso(i.Incident.NotifiedAt), Iso(i.Incident.ClosedAt),
        Hours(i, "mttd"), Hours(i, "mttc"), Hours(i, "mttn"), Hours(i, "time-to-close"),
        Number(i.Deadlines.MetOnTime + i.Deadlines.Met), Number(i.Deadlines.Missed), Number(i.Deadlines.MetLate), Number(i.Deadlines.Overdue),
        Number(i.Deadlines.Pending), Number(i.Deadlines.Suspended), Number(i.Incident.ContainmentRuns), Number(i.Campaigns), Number(i.NoticesSent),
        Number(i.Submissions),
    ]));

    public static byte[] Html(PeriodReport report)
    {
        var t = report.Totals;
        var title = $"{Heading}: {Instant(report.From)} to {Instant(report.To)}";
        return HtmlPage.Write(title, page => page
            .Heading(1, title)
            .Paragraph($"Organisation {report.Organisation}; as recorded by {Instant(report.AsOf)}; generated {Instant(report.GeneratedAt)} for {report.GeneratedBy}.",
                "small")
            .Section("Totals and medians", s => s
                .Paragraph(report.Selection)
                .Facts(
                [
                    ("Incidents", Number(t.Incidents)),
                    ("Contained", Number(t.Contained)),
                    ("Notified", Number(t.Notified)),
                    ("Closed", Number(t.Closed)),
                    ("Deadlines met", Number(t.Deadlines.MetOnTime + t.Deadlines.Met)),
                    ("Deadlines missed", $"{t.Deadlines.Missed} ({t.Deadlines.MetLate} met late, {t.Deadlines.Overdue} overdue)"),
                    ("Deadlines pending / suspended", $"{t.Deadlines.Pending} / {t.Deadlines.Suspended}"),
                    ("Containment runs", Number(t.ContainmentRuns)),
                    ("Notification campaigns", Number(t.Campaigns)),
                    ("Notices sent", Number(t.NoticesSent)),
                    ("Regulator submissions", Number(t.Submissions)),
                ])
                .Table([("Median", 50), ("Time", 30), ("Incidents measured", 20)], report.Medians.Select(m => (IReadOnlyList<Cell>)
                    [Cell.Of(m.Label), Cell.Of(m.Text), Cell.Of(Number(m.Incidents))])))
            .Section("Incidents", s => s.Table([("Incident", 25), ("Detected", 10), ("Status", 10), ("MTTC", 10), ("MTTN", 10), ("Time to close", 10), ("Deadlines met / missed", 10), ("Done", 15)],
                report.Incidents.Select(i => (IReadOnlyList<Cell>)
                [
                    Cell.Of(i.Incident.Title).Then($"{i.Incident.Shop}, {i.Incident.Kind}{(i.Incident.Severity is null ? "" : $", {i.Incident.Severity}")}", "small")
                        .Then(i.Incident.Id.ToString(), "code").Then(i.Report, "code"),
                    Cell.Of(Instant(i.Incident.DetectedAt)),
                    Cell.Of(i.Incident.Status, "status"),
                    Cell.Of(i.Measures.Named("mttc").Text),
                    Cell.Of(i.Measures.Named("mttn").Text),
                    Cell.Of(i.Measures.Named("time-to-close").Text),
                    Cell.Of($"{i.Deadlines.MetOnTime + i.Deadlines.Met} / {i.Deadlines.Missed}").Then($"{i.Deadlines.Pending} pending", "small"),
                    Cell.Of($"{i.Incident.ContainmentRuns} containment run(s)").Then($"{i.Campaigns} campaign(s), {i.NoticesSent} notices")
                        .Then($"{i.Submissions} submission(s)"),
                ]))));
    }

    private static string? Hours(PeriodIncident incident, string name) => incident.Measures.Named(name).Hours?.ToString(CultureInfo.InvariantCulture);

    private static string? Iso(DateTimeOffset? at) => at is { } value ? AuditReportCsv.Iso(value) : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
