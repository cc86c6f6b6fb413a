using System.Globalization;
using CaseManagement.Audit.Reports.Rendering;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Readiness.Exercises.Reporting;

/// <summary>The exercise report as a printable page (the source of the PDF) and its timeline as CSV.</summary>
public static class ExerciseReportDocuments
{
    public const string Heading = "Tabletop exercise report";

    public static byte[] Html(ExerciseReport report)
    {
        var x = report.Exercise;
        return HtmlPage.Write($"{Heading}: {x.Title}", page => page
            .Heading(1, $"{Heading}: {x.Title}")
            .Paragraph($"Exercise {x.Id} as of exercise time {Instant(report.AsOf)} (exercise version {x.Version}); generated {Instant(report.GeneratedAt)} " +
                       $"for {report.GeneratedBy}.", "small")
            .Paragraph(report.Statement)
            .Section("The exercise", s => s.Facts(
            [
                ("Scenario", $"{x.ScenarioTitle} ({x.Scenario} version {x.ScenarioVersion}{(x.ScenarioPublishedByOrganisation ? ", the organisation's own version" : "")})"),
                ("Scenario SHA-256", x.ScenarioSha256),
                ("Purpose", x.ScenarioPurpose),
                ("Sandbox shop", x.Sandbox),
                ("Status", x.Outcome is { } outcome ? $"{x.Status} ({outcome})" : x.Status),
                ("Started", $"{Instant(x.StartedAt)} by {x.StartedBy ?? "—"}; exercise clock from {Instant(x.StartsAt)}"),
                ("Ended", x.EndedAt is { } ended ? $"{Instant(ended)} (exercise time {When(x.EndedAtExerciseTime)})" : "—"),
                ("Summary", x.Summary),
                ("Exercise incident", x.IncidentId.ToString()),
                ("Record", $"{Count(report.Counts.Injects, "inject", "injects")}, {Count(report.Counts.Responses, "response", "responses")} of the team, " +
                           $"{Count(report.Counts.ServiceEvents, "event", "events")} of the service's own work; " +
                           $"{report.Counts.ExpectationsMet} of {report.Counts.Expectations} expected decisions met, " +
                           $"{report.Counts.TargetsMet} of {report.Counts.Targets} milestone targets met, {Count(report.Counts.Gaps, "gap", "gaps")}."),
            ]))
            .Section("Participants and roles", s => s.Table([("Name", 35), ("Role in the exercise", 35), ("E-mail", 30)],
                report.Participants.Select(p => (IReadOnlyList<Cell>)[Cell.Of(p.Name), Cell.Of(p.Role), Cell.Of(p.Email ?? "—")])))
            .Section("Decisions against the scenario's expectations", s => s
                .Paragraph("Each expected decision is judged by the first event of the record that shows it, on the exercise clock.", "small")
                .Table([("Expected decision", 25), ("Target", 20), ("Shown", 20), ("Verdict", 35)], report.Decisions.Select(d => (IReadOnlyList<Cell>)
                [
                    Cell.Of(d.Title).Then($"{d.Shows}, within {Span(d.Within)} of inject {d.After}", "small"), Cell.Of(When(d.TargetAt)),
                    Cell.Of(When(d.SeenAt)).Then(d.By, "small"), Cell.Of(d.Verdict, "status").Then(d.Text, "small"),
                ])))
            .Section("Time to each milestone against its target", s => s
                .Paragraph("From the opening alert, on the exercise clock, as the incident records each milestone.", "small")
                .Table([("Milestone", 15), ("Target", 25), ("Reached", 20), ("Verdict", 40)], report.Milestones.Select(m => (IReadOnlyList<Cell>)
                [
                    Cell.Of(m.Milestone), Cell.Of($"within {Span(m.Within)}").Then(When(m.TargetAt), "small"),
                    Cell.Of(When(m.ReachedAt)).Then(m.Hours is { } h ? $"{h.ToString("0.##", CultureInfo.InvariantCulture)} h" : null, "small"),
                    Cell.Of(m.Verdict, "status").Then(m.Text, "small"),
                ])))
            .Section("Gaps found", s =>
            {
                if (report.Gaps.Count == 0)
                {
                    s.Paragraph("No expected decision or milestone target was late or not reached by this instant.");
                }

                foreach (var gap in report.Gaps)
                {
                    s.Paragraph(gap);
                }
            })
            .Section("Post-incident review and follow-up actions", s =>
            {
                if (report.Review is not { } review)
                {
                    s.Paragraph("No post-incident review of the exercise was started by this instant.");
                    return;
                }

                s.Facts(
                [
                    ("Review", $"{review.Id} ({review.Status})"),
                    ("Root cause", review.RootCause ?? "not recorded"),
                    ("Contributing factors", List(review.ContributingFactors)),
                    ("What went well", List(review.WentWell)),
                    ("What went badly", List(review.WentBadly)),
                    ("Summary", review.Summary),
                ]);
                s.Table([("Action", 35), ("Owner", 20), ("Due", 15), ("State", 30)], review.Actions.Select(a => (IReadOnlyList<Cell>)
                [
                    Cell.Of(a.Title).Then(a.Id, "small"), Cell.Of(a.Owner), Cell.Of(Instant(a.DueAt)),
                    Cell.Of(a.State, "status").Then(a.DoneAt is { } done ? $"done {Instant(done)}" : null, "small").Then(a.Note, "small"),
                ]));
            })
            .Section("Injects and responses", s => s
                .Paragraph($"Every one of the {report.Timeline.Count} entries of the exercise's record by this instant, in exercise time: the injects the team " +
                           "received, what the team recorded in response, the service's own work and the facilitator's hand on the clock.", "small")
                .Table([("Exercise time", 15), ("Recorded", 15), ("Kind", 10), ("Who", 20), ("What", 40)], report.Timeline.Select(t => (IReadOnlyList<Cell>)
                [
                    Cell.Of(Instant(t.ExerciseTime)), Cell.Of(Instant(t.RecordedAt)), Cell.Of(t.Kind), Cell.Of(t.Who),
                    Cell.Of(t.What).Then(t.Why, "small").Then($"{t.Stream}, {t.Type}, seq {t.Sequence}", "small"),
                ]))));
    }

    public static byte[] Csv(ExerciseReport report) => Audit.Reports.Rendering.Csv.Write(
        ["exercise_time", "recorded_at", "kind", "who", "what", "why", "stream", "type", "sequence", "inject"],
        report.Timeline.Select(t => (IReadOnlyList<string?>)
        [
            t.ExerciseTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), t.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), t.Kind, t.Who,
            t.What, t.Why, t.Stream, t.Type, t.Sequence.ToString(CultureInfo.InvariantCulture), t.InjectId,
        ]));

    private static string When(DateTimeOffset? at) => at is { } value ? Instant(value) : "—";
}
