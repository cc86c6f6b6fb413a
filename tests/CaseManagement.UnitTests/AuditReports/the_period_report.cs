using CaseManagement.Audit.Reports.PeriodReports;
using CaseManagement.Incidents;
using FluentAssertions;
using static CaseManagement.UnitTests.AuditReports.RecordedHistory;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>The period report: which incidents a period covers, and the totals and medians over them.</summary>
public class the_period_report
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static RecordedHistory ContainedAfter(int hours, DateTimeOffset? detectedAt = null)
    {
        var detected = detectedAt ?? Detected;
        return Detection(id: Guid.CreateVersion7(), detectedAt: detected)
            .Then(Sam, detected.AddHours(hours), new IncidentContained(Id, detected.AddHours(hours), "done"));
    }

    [Fact]
    public async Task a_period_covers_incidents_detected_in_it_or_still_open_in_it()
    {
        var openSinceFebruary = Detection(id: Guid.CreateVersion7(), detectedAt: From.AddDays(-20));
        var closedInFebruary = Detection(id: Guid.CreateVersion7(), detectedAt: From.AddDays(-20))
            .Then(Sam, From.AddDays(-10), new MarkedFalsePositive(Id, "test"))
            .Then(Sam, From.AddDays(-9), new IncidentClosed(Id, null));
        var detectedInApril = Detection(id: Guid.CreateVersion7(), detectedAt: To.AddDays(1));

        var report = await PeriodReport.BuildAsync("acme", From, To, To, To, Sam,
            [new(ContainedAfter(3).Events, null), new(openSinceFebruary.Events, null), new(closedInFebruary.Events, null), new(detectedInApril.Events, null)]);

        report.Incidents.Select(i => i.Incident.DetectedAt).Should().Equal(From.AddDays(-20), Detected);
        report.Incidents.Should().OnlyContain(i => i.Report == $"/api/incidents/{i.Incident.Id}/audit-report");
    }

    [Fact]
    public async Task totals_add_up_and_medians_use_only_incidents_where_the_measure_is_known()
    {
        var report = await PeriodReport.BuildAsync("acme", From, To, To, To, Sam,
        [
            new(ContainedAfter(2).Events, null), new(ContainedAfter(4).Events, null), new(ContainedAfter(9).Events, null),
            new(Detection(id: Guid.CreateVersion7()).Events, null),
        ]);

        report.Totals.Should().BeEquivalentTo(new { Incidents = 4, Contained = 3, Notified = 0, Closed = 0 });
        report.Medians.Single(m => m.Name == "mttc").Should().BeEquivalentTo(new { Incidents = 3, Hours = (double?)4, Text = "4 h" });
        report.Medians.Single(m => m.Name == "mttn").Should().BeEquivalentTo(new { Incidents = 0, Hours = (double?)null });
    }

    [Fact]
    public async Task an_even_number_of_measures_has_the_middle_two_averaged()
    {
        var report = await PeriodReport.BuildAsync("acme", From, To, To, To, Sam, [new(ContainedAfter(2).Events, null), new(ContainedAfter(5).Events, null)]);

        report.Medians.Single(m => m.Name == "mttc").Hours.Should().Be(3.5);
    }

    [Fact]
    public void the_audit_log_of_an_organisation_is_one_stream_that_never_moves()
    {
        AuditLog.StreamFor("acme").Should().Be(AuditLog.StreamFor("acme")).And.NotBe(AuditLog.StreamFor("acme2"));
        AuditLog.StreamFor("acme").Version.Should().Be(8);
    }
}
