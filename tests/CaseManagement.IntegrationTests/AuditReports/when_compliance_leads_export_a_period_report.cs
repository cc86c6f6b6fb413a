using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.AuditReports;

/// <summary>
/// The period report for SOC 2 and ISO 27001 evidence: every incident of the organisation detected or open in the period,
/// with totals and medians; each export is recorded on the organisation's audit log.
/// </summary>
public sealed class when_compliance_leads_export_a_period_report(AppFixture fixture) : ServiceScenario(fixture)
{
    private const string Period = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";

    // An organisation of its own, so the totals count only this scenario's incidents.
    private readonly string _organisation = $"period-{Guid.NewGuid():N}";

    private IncidentApi Lead => ApiAs("pat.lead@shop.test", _organisation, Roles.Responder, Roles.ComplianceLead);

    private IncidentApi Auditor => ApiAs("audrey.auditor@shop.test", _organisation, Roles.Auditor);

    [Fact]
    public async Task the_period_totals_and_medians_cover_the_incidents_detected_in_it()
    {
        var notified = await DetectAsync("2026-10-05T08:00:00Z");
        await Lead.ActAsync(notified, "record-awareness", new { awareAt = "2026-10-05T09:00:00Z", reason = "confirmed" });
        await Lead.ActAsync(notified, "contain", new { containedAt = "2026-10-05T10:00:00Z", summary = "script removed" });
        await Lead.ActAsync(notified, "scope/manual", new { summary = "orders of one day", estimatedAffectedPeople = 40 });
        await Lead.ActAsync(notified, "facts/affected-counts", new { counts = new[] { new { residence = "US-TX", count = 40 } }, basis = "orders of one day" });
        await Lead.ActAsync(notified, "notify", new { recipients = new[] { "individuals" }, notifiedAt = "2026-10-06T09:00:00Z", summary = "letters sent" });
        await Lead.WaiveOpenDutiesAsync(notified, "report scenario: each duty was handled outside the service");
        await Lead.ActAsync(notified, "close", new { summary = "done" });
        var contained = await DetectAsync("2026-10-10T08:00:00Z");
        await Lead.ActAsync(contained, "contain", new { containedAt = "2026-10-10T14:00:00Z", summary = "plugin removed" });
        var open = await DetectAsync("2026-10-20T08:00:00Z");
        await DetectAsync("2026-11-05T08:00:00Z");

        var report = (await ReportDownload.GetAsync(Host, Auditor, $"/api/audit-reports?{Period}")).Json;

        report["incidents"]!.AsArray().Select(i => i!["incident"]!["id"]!.GetValue<Guid>()).Should().Equal([notified, contained, open],
            "the incident detected after the period is not in it; the others in the order detected");
        report["incidents"]![0]!["report"]!.GetValue<string>().Should().Be($"/api/incidents/{notified}/audit-report");
        var totals = report["totals"]!;
        new[] { "incidents", "contained", "notified", "closed" }.Select(t => totals[t]!.GetValue<int>()).Should().Equal(3, 2, 1, 1);
        Median(report, "mttc").Should().BeEquivalentTo(new { Incidents = 2, Hours = 4.0 }, "2 h and 6 h to contain");
        Median(report, "mttn").Should().BeEquivalentTo(new { Incidents = 1, Hours = 24.0 });
        report["totals"]!["deadlines"]!["missed"]!.GetValue<int>().Should().Be(
            report["incidents"]!.AsArray().Sum(i => i!["deadlines"]!["missed"]!.GetValue<int>()), "totals add up the incidents");
    }

    [Fact]
    public async Task it_exports_as_csv_and_html_and_each_export_is_on_the_audit_log()
    {
        await DetectAsync("2026-10-07T08:00:00Z");

        var csv = await ReportDownload.GetAsync(Host, Auditor, $"/api/audit-reports?{Period}&format=csv");
        var html = await ReportDownload.GetAsync(Host, Auditor, $"/api/audit-reports?{Period}&format=html");
        var log = (await Auditor.GetAsync("/api/audit-log")).AsArray();

        csv.Text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "a header and the one incident");
        html.Text.Should().Contain("<h1>Incident response report: 2026-10-01 00:00 UTC to 2026-11-01 00:00 UTC</h1>");
        log.Should().HaveCount(2);
        log[1]!["actor"]!["id"]!.GetValue<string>().Should().Be("user:audrey.auditor@shop.test");
        log[1]!["what"]!.GetValue<string>().Should().StartWith(
            "audrey.auditor@shop.test (auditor) exported the incident response report for 2026-10-01 00:00 UTC to 2026-11-01 00:00 UTC as HTML, " +
            "covering 1 incident as recorded by ");
        log[1]!["evidence"]![0]!["sha256"]!.GetValue<string>().Should().Be(html.Sha256);
        (await ApiAs("other@shop.test", Organisation, Roles.Auditor).GetAsync("/api/audit-log")).AsArray()
            .Should().NotContain(e => e!["actor"]!["id"]!.GetValue<string>() == "user:audrey.auditor@shop.test", "each organisation has its own log");
    }

    [Theory]
    [InlineData("to=2026-11-01T00:00:00Z", 422, "from: is required")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z", 422, "must be later than from")]
    [InlineData(Period + "&format=pdf", 422, "'pdf' is not one of: json, csv, html")]
    [InlineData("from=2026-10-01&to=2026-11-01T00:00:00Z", 400, "offset")]
    public async Task an_unclear_period_is_refused(string query, int status, string hint)
    {
        var problem = (await ReportDownload.GetAsync(Host, Auditor, $"/api/audit-reports?{query}", status)).Json;

        problem["detail"]!.GetValue<string>().Should().Contain(hint);
    }

    private async Task<Guid> DetectAsync(string detectedAt)
    {
        var created = await Lead.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = $"Skimmer found {detectedAt}",
            shop = "period-shop",
            kind = "checkout-skimmer",
            detectedAt,
            dataCategories = new[] { "payment-card" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    private static object Median(JsonNode report, string name)
    {
        var median = report["medians"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == name)!;
        return new { Incidents = median["incidents"]!.GetValue<int>(), Hours = median["hours"]?.GetValue<double>() };
    }
}
