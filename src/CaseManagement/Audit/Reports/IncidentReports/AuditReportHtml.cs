using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Rendering;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.IncidentReports;

/// <summary>The audit report as a printable page (and the source of the PDF): summary, phases, deadlines, timeline, chain.</summary>
public static class AuditReportHtml
{
    public const string Heading = "Incident audit report";

    public static byte[] Write(AuditReport report)
    {
        var incident = report.Incident;
        return HtmlPage.Write($"{Heading}: {incident.Title}", page => page
            .Heading(1, $"{Heading}: {incident.Title}")
            .Paragraph($"Incident {incident.Id} as of {Instant(report.AsOf)} (version {incident.Version}); generated {Instant(report.GeneratedAt)} " +
                       $"for {report.GeneratedBy}.", "small")
            .Section("Summary", s => s.Facts(
            [
                ("Shop", incident.Shop),
                ("Kind", incident.Kind),
                ("Status", incident.Status),
                ("Severity", incident.Severity),
                ("Detected", Instant(incident.DetectedAt)),
                ("Aware", When(incident.AwareAt)),
                ("Contained", When(incident.ContainedAt)),
                ("Scoped", When(incident.ScopedAt)),
                ("First notified", When(incident.NotifiedAt)),
                ("Closed", When(incident.ClosedAt)),
                ("People affected (estimate)", incident.EstimatedAffectedPeople?.ToString("N0")),
                ("Data involved", List(incident.DataCategories)),
                ("Responders", List(incident.Responders)),
                ("Notified", List(incident.NotifiedRecipients)),
                ("Containment runs", incident.ContainmentRuns.ToString()),
                ("Reopened", $"{incident.ReopenCount} time(s)"),
                ("Recorded", $"{Instant(incident.FirstRecordedAt)} to {Instant(incident.LastRecordedAt)}"),
            ]))
            .Section("Phases and response times", s => s
                .Paragraph("From the business times the events state (when something happened), not when it was typed in.", "small")
                .Table([("Measure", 35), ("Time", 35), ("From", 15), ("To", 15)], report.Phases.Measures.Select(m => (IReadOnlyList<Cell>)
                    [Cell.Of(m.Label), Cell.Of(m.Text), Cell.Of(When(m.Start)), Cell.Of(When(m.End))]))
                .Heading(3, "Phases")
                .Table([("Phase", 30), ("Time", 35), ("Reached", 15), ("By", 20)], report.Phases.Phases.Select(p => (IReadOnlyList<Cell>)
                    [Cell.Of(p.Label), Cell.Of(p.Text), Cell.Of(When(p.End)), Cell.Of(p.By?.Name ?? "—")]))
                .Heading(3, "Milestones")
                .Table([("Milestone", 15), ("At", 20), ("Recorded", 20), ("By", 25), ("Event", 20)], report.Phases.Milestones.Select(Milestone)))
            .Section("Regulator deadlines", s => s
                .Paragraph($"As of {Instant(report.Deadlines.EvaluatedAt)}, catalogue version {report.Deadlines.CatalogueVersion}: " +
                           $"{report.Deadlines.Counts.MetOnTime + report.Deadlines.Counts.Met} met, {report.Deadlines.Counts.Missed} missed " +
                           $"({report.Deadlines.Counts.MetLate} met late, {report.Deadlines.Counts.Overdue} overdue), {report.Deadlines.Counts.Pending} pending, " +
                           $"{report.Deadlines.Counts.Suspended} suspended.")
                .Table([("Obligation", 20), ("Recipient", 10), ("Due", 15), ("Status", 10), ("Met", 15), ("Why", 30)], report.Deadlines.Obligations.Select(o => (IReadOnlyList<Cell>)
                [
                    Cell.Of(o.RuleId).Then($"{o.Jurisdiction}, {o.Citation}", "small"), Cell.Of(o.Recipient),
                    Cell.Of(When(o.DueAt)).Then(o.DeadlineText, "small"), Cell.Of(o.Status, "status"), Cell.Of(When(o.SatisfiedAt)), Cell.Of(o.Reason, "small"),
                ])))
            .Section("Timeline", s => s
                .Paragraph($"Every one of the {report.Timeline.Count} events of the incident's record (its own stream and those of its runs, evidence, " +
                           "campaigns, escalations and access log), in the order recorded.", "small")
                .Table([("#", 10), ("When", 15), ("Who", 15), ("What", 30), ("Why", 15), ("Evidence", 15)], report.Timeline.Select(e => (IReadOnlyList<Cell>)
                [
                    Cell.Of($"{e.Stream} v{e.Version}").Then($"seq {e.Sequence}", "small").Then(e.Type, "small"),
                    Cell.Of(e.When),
                    Cell.Of(e.Actor.Name).Then(e.Actor.Kind, "small"),
                    Cell.Of(e.What).Then(e.StatusChange is { } c ? $"Status: {c.From ?? "none"} → {c.To}" : null, "status").Then(e.Details, "small"),
                    Cell.Of(e.Why ?? ""),
                    e.Evidence.Aggregate(Cell.Of(""), (cell, ev) => cell.Then(AuditReportCsv.Evidence(ev), "code")),
                ])))
            .Section("Hash chain and verification", s =>
            {
                s.Paragraph(report.Chain.Note);
                foreach (var stream in report.Chain.Streams)
                {
                    s.Heading(3, $"{stream.Stream} {stream.StreamId}");
                    s.Paragraph(stream.Note);
                    s.Paragraph(AuditReport.VerificationSentence(stream.Verification));
                    if (stream.Links.Count > 0)
                    {
                        s.Table([("Version", 10), ("Event", 20), ("Hash", 35), ("Previous hash", 35)], stream.Links.Select(l => (IReadOnlyList<Cell>)
                            [Cell.Of(l.Version.ToString()), Cell.Of(l.EventType), Cell.Of(l.Hash, "code"), Cell.Of(l.PreviousHash, "code")]));
                    }
                }

                s.Heading(3, $"How to verify ({report.Verification.Document})");
                foreach (var step in report.Verification.Steps)
                {
                    s.Paragraph(step);
                }
            }));
    }

    private static IReadOnlyList<Cell> Milestone(Milestone m) =>
        [Cell.Of(m.Name), Cell.Of(When(m.At)), Cell.Of(When(m.RecordedAt)), Cell.Of(m.By?.Name ?? "—"), Cell.Of(m.Source ?? "—", "small")];

    private static string When(DateTimeOffset? at) => at is { } value ? Instant(value) : "—";
}
