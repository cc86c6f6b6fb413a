using System.Globalization;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.AuditReports;

/// <summary>
/// An auditor pulls an incident's audit report: the record in words, the phases and deadlines as of an instant, in JSON,
/// CSV, HTML and PDF; every export is itself recorded on the incident.
/// </summary>
public sealed class when_auditors_export_an_incident_report(AppFixture fixture) : ServiceScenario(fixture)
{
    private const string Auditor = "audrey.auditor@shop.test";

    private IncidentApi Audrey => ApiAs(Auditor, Organisation, Roles.Auditor);

    [Fact]
    public async Task an_incident_walked_through_its_lifecycle_exports_in_every_format()
    {
        var id = await WalkedIncidentAsync();
        var history = await Api.HistoryAsync(id);
        var events = history.Count;
        var own = history.Count(e => e!["stream"]!.GetValue<string>() == "incident");
        await Api.WaitForAsync($"/api/incidents/{id}/chain", c => c["eventsChecked"]!.GetValue<long>() == events && c["intact"]!.GetValue<bool>());

        var json = await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report");
        var csv = await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report?format=csv");
        var html = await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report?format=html");
        var pdf = await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report?format=pdf");

        var report = json.Json;
        report["report"]!.GetValue<string>().Should().Be("incident-audit-report/2");
        report["incident"]!["status"]!.GetValue<string>().Should().Be("closed");
        report["generatedBy"]!.GetValue<string>().Should().Be($"user:{Auditor}");
        var timeline = report["timeline"]!.AsArray();
        timeline.Should().HaveCount(events, "every recorded event is an entry");
        timeline.Select(e => e!["what"]!.GetValue<string>()).Should().Contain([
            "sam.responder@shop.test assigned kim.lead@shop.test to the incident as incident lead.",
            "sam.responder@shop.test recorded the breach as contained.",
            "sam.responder@shop.test closed the incident.",
        ]);
        timeline.Single(e => e!["type"]!.GetValue<string>() == "incident_contained")!["when"]!.GetValue<string>()
            .Should().StartWith("contained at 2026-11-20 11:00 UTC, recorded at ");
        Measure(report, "mttc")["hours"]!.GetValue<double>().Should().Be(3);
        Measure(report, "mttn")["hours"]!.GetValue<double>().Should().Be(24, "awareness at 09:00 to notification the next day at 09:00");
        report["chain"]!["status"]!.GetValue<string>().Should().Be("linked", "the chain writer linked every event before the export");
        var incidentChain = report["chain"]!["streams"]!.AsArray().Single(c => c!["streamId"]!.GetValue<string>() == id.ToString())!;
        incidentChain["stream"]!.GetValue<string>().Should().Be("incident");
        incidentChain["links"]!.AsArray().Select(l => l!["version"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, own).Select(v => (long)v),
            "every event of the incident's own stream is linked");
        report["verification"]!["document"]!.GetValue<string>().Should().Be("docs/audit-reports.md (Checking a report offline)");
        json.Headers.ContentType.ToString().Should().StartWith("application/json");
        json.Headers["X-Content-SHA256"].ToString().Should().Be(json.Sha256);

        csv.Headers.ContentType.ToString().Should().StartWith("text/csv");
        csv.Headers.ContentDisposition.ToString().Should().Contain("attachment").And.Contain($"incident-{id}-audit-report-").And.Contain(".csv");
        csv.Bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF });
        csv.Text.Should().Contain("exported the audit report as JSON", "the JSON export before it is in the record it exports");

        html.Headers.ContentType.ToString().Should().StartWith("text/html");
        html.Headers.ContentSecurityPolicy.ToString().Should().StartWith("default-src 'none'; style-src 'sha256-");
        html.Text.Should().Contain("<h1>Incident audit report: Skimmer in checkout footer</h1>");
        html.Text.Should().Contain("&lt;script&gt;alert(&#39;regulator reference 4711&#39;)&lt;/script&gt;").And.NotContain("<script");

        pdf.Headers.ContentType.ToString().Should().Be("application/pdf");
        pdf.Bytes.Take(5).Should().Equal("%PDF-"u8.ToArray(), "Chromium printed the page (build/test.sh installs it)");
        (await PdfTextAsync(pdf.Bytes)).Should().Contain("Incident audit report").And.Contain("Hash chain and verification");
    }

    [Fact]
    public async Task as_of_before_containment_the_report_shows_no_containment_and_the_deadline_still_pending()
    {
        var detectedAt = DateTimeOffset.UtcNow.AddHours(-3);
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Card data read by a script",
            shop = "asof-shop",
            kind = "checkout-skimmer",
            detectedAt = Iso(detectedAt),
            awareAt = Iso(detectedAt),
            dataCategories = new[] { "payment-card", "email" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 300 } }, basis = "orders" });
        await Api.ActAsync(id, "contain", new { containedAt = Iso(detectedAt.AddHours(2)), summary = "script removed" });
        var history = await Api.HistoryAsync(id);
        var between = Recorded(history[1]!) + (Recorded(history[2]!) - Recorded(history[1]!)) / 2;

        var then = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report?asOf={Uri.EscapeDataString(between.ToString("O"))}")).Json;
        var atContainment = (await ReportDownload.GetAsync(Host, Audrey,
            $"/api/incidents/{id}/audit-report?asOf={Uri.EscapeDataString(Recorded(history[2]!).ToString("O"))}")).Json;
        var now = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report")).Json;

        then["incident"]!["status"]!.GetValue<string>().Should().Be("detected");
        then["incident"]!["containedAt"].Should().BeNull();
        then["timeline"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("incident_detected", "affected_counts_recorded");
        Measure(then, "mttc")["text"]!.GetValue<string>().Should().StartWith("not contained as of");
        Gdpr(then)["status"]!.GetValue<string>().Should().Be("pending", "72 hours from awareness had not passed");
        then["deadlines"]!["counts"]!["pending"]!.GetValue<int>().Should().BeGreaterThan(0);

        atContainment["incident"]!["status"]!.GetValue<string>().Should().Be("contained", "an event recorded at the instant itself is included");
        now["incident"]!["status"]!.GetValue<string>().Should().Be("contained");
        Measure(now, "mttc")["hours"]!.GetValue<double>().Should().Be(2);
    }

    [Fact]
    public async Task time_to_detect_runs_from_the_breach_start_last_recorded_and_the_report_names_that_fact_and_who_recorded_it()
    {
        var id = await Api.DetectAsync("report-shop");
        await Api.ActAsync(id, "facts/breach-start", new { startedAt = "2026-11-17T08:00:00Z", basis = "first order with a skimmed card" });
        await ApiAs("kim.lead@shop.test", Organisation, Roles.Responder)
            .ActAsync(id, "facts/breach-start", new { startedAt = "2026-11-16T08:00:00Z", basis = "theme file changed then (host log)" });

        var report = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report")).Json;
        var html = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report?format=html")).Text;

        Measure(report, "mttd")["hours"]!.GetValue<double>().Should().Be(96, "the restated start, 16 Nov 08:00, to the detection on 20 Nov 08:00");
        var began = report["phases"]!["milestones"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "breach-start")!;
        began["by"]!["id"]!.GetValue<string>().Should().Be("user:kim.lead@shop.test", "Kim's statement is the one that stands");
        began["source"]!.GetValue<string>().Should().Be(
            "breach_start_recorded (version 3, restating 2026-11-17 08:00 UTC): theme file changed then (host log)",
            "the report names the fact it measured from, its version and the evidence it rests on");
        html.Should().Contain("breach_start_recorded (version 3, restating 2026-11-17 08:00 UTC)");
    }

    [Fact]
    public async Task without_a_recorded_breach_start_time_to_detect_needs_the_fact_and_shows_no_figure()
    {
        var id = await Api.DetectAsync("report-shop");
        await Api.ActAsync(id, "contain", new { containedAt = "2026-11-20T10:00:00Z", summary = "footer script removed" });

        var report = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report")).Json;

        var mttd = Measure(report, "mttd");
        mttd["hours"].Should().BeNull("nobody recorded when the breach began: the time is unknown, not zero");
        mttd["text"]!.GetValue<string>().Should().StartWith("needs facts: breach start");
        Measure(report, "mttc")["hours"]!.GetValue<double>().Should().Be(2, "the other measures do not wait for the breach start");
    }

    [Fact]
    public async Task the_export_is_recorded_on_the_incident_with_the_caller_as_actor_also_when_it_is_closed()
    {
        var id = await Api.DetectAsync("export-shop");
        await Api.ActAsync(id, "mark-false-positive", new { reason = "our own pen-test" });
        await Api.ActAsync(id, "close", new { });

        var first = await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report?format=html");
        var next = (await ReportDownload.GetAsync(Host, Api, $"/api/incidents/{id}/audit-report")).Json;

        var export = next["timeline"]!.AsArray().Last()!;
        export["type"]!.GetValue<string>().Should().Be("audit_report_exported");
        export["actor"]!["id"]!.GetValue<string>().Should().Be($"user:{Auditor}");
        export["what"]!.GetValue<string>().Should().StartWith($"{Auditor} (auditor) exported the audit report as HTML, showing the incident as of ");
        export["evidence"]![0]!["sha256"]!.GetValue<string>().Should().Be(first.Sha256, "the record names the exact bytes served");
        next["incident"]!["status"]!.GetValue<string>().Should().Be("closed", "reading the record changes nothing about the incident");
    }

    [Theory]
    [InlineData("?format=xml", 422, "'xml' is not one of: json, csv, html, pdf")]
    [InlineData("?asOf=2026-11-20T08:00:00", 400, "offset")]
    [InlineData("?asOf=2150-01-01T00:00:00Z", 422, "is in the future")]
    [InlineData("?asOf=2000-01-01T00:00:00Z", 404, "had not been recorded")]
    public async Task an_unclear_request_is_refused_and_nothing_is_recorded(string query, int status, string hint)
    {
        var id = await Api.DetectAsync("export-shop");

        var problem = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{id}/audit-report{query}", status)).Json;

        problem["detail"]!.GetValue<string>().Should().Contain(hint);
        (await Api.HistoryAsync(id)).Should().HaveCount(1, "a refused export was not served, so it is not recorded");
    }

    [Fact]
    public async Task an_unknown_incident_is_not_found()
    {
        var problem = (await ReportDownload.GetAsync(Host, Audrey, $"/api/incidents/{Guid.NewGuid()}/audit-report", 404)).Json;

        problem["title"]!.GetValue<string>().Should().Be("Incident not found");
    }

    private async Task<Guid> WalkedIncidentAsync()
    {
        var id = await Api.DetectAsync("report-shop");
        foreach (var (action, body) in new (string, object)[]
                 {
                     ("assign-responder", new { responder = "kim.lead@shop.test", role = "incident lead" }),
                     ("classify-severity", new { severity = "critical", reason = "card data exposed while checkout is live" }),
                     ("record-awareness", new { awareAt = "2026-11-20T09:00:00Z", reason = "skimmer confirmed in page source" }),
                     ("contain", new { containedAt = "2026-11-20T11:00:00Z", summary = "footer script removed, admin locked" }),
                     ("scope/manual", new { summary = "orders placed 18-20 Nov", estimatedAffectedPeople = 1200, dataCategories = new[] { "payment-card" } }),
                     ("facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 1200 } }, basis = "orders placed 18-20 Nov" }),
                     ("notify", new { recipients = new[] { "regulator", "individuals" }, notifiedAt = "2026-11-21T09:00:00Z", summary = "SA notified, letters sent" }),
                     ("add-note", new { text = "<script>alert('regulator reference 4711')</script>" }),
                 })
        {
            await Api.ActAsync(id, action, body);
        }

        await Api.WaiveOpenDutiesAsync(id, "report scenario: each duty was handled outside the service");
        await Api.CompleteReviewAsync(id, "an outdated checkout plugin let the skimmer in");
        await Api.ActAsync(id, "close", new { summary = "card brands informed, monitoring in place" });
        return id;
    }

    private static JsonNode Measure(JsonNode report, string name) =>
        report["phases"]!["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == name)!;

    private static JsonNode Gdpr(JsonNode report) =>
        report["deadlines"]!["obligations"]!.AsArray().Single(o => o!["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa")!;

    private static DateTimeOffset Recorded(JsonNode entry) => DateTimeOffset.Parse(entry["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // The PDF's text, as poppler's pdftotext (installed by the scripts) reads it.
    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var (exitCode, text) = await Tools.RunAsync("pdftotext", file, "-");
            exitCode.Should().Be(0, "pdftotext reads a valid PDF: {0}", text);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
