using System.Text;
using CaseManagement.IntegrationTests.AuditReports;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// GET /api/metrics over a fixed set of incidents in an organisation of its own: the figures equal the ones worked out by hand
/// from the instants the scenario records, with the false positive counted apart (ADR 24).
/// </summary>
public sealed class when_measuring_incidents(AppFixture fixture) : ServiceScenario(fixture)
{
    private const string Period = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
    private readonly string _organisation = $"mx-{Guid.NewGuid():N}"[..16];

    private IncidentApi Lead => ApiAs("lee.lead@shop.test", _organisation, Roles.ComplianceLead, Roles.Responder);

    [Fact]
    public async Task the_figures_are_the_ones_worked_out_by_hand_and_the_false_positive_is_apart()
    {
        // Began 48 h before detection, contained 3 h after it and notified 24 h after it (no awareness recorded).
        var first = await DetectAsync("2026-11-20T08:00:00Z");
        await Lead.ActAsync(first, "facts/breach-start", new { startedAt = "2026-11-18T08:00:00Z", basis = "skimmer file first served then (host log)" });
        await Lead.ActAsync(first, "contain", new { containedAt = "2026-11-20T11:00:00Z", summary = "script removed" });
        await Lead.ActAsync(first, "scope/manual", new { summary = "orders of two days", estimatedAffectedPeople = 10, dataCategories = new[] { "payment-card" } });
        await Lead.ActAsync(first, "notify", new { recipients = new[] { "regulator" }, notifiedAt = "2026-11-21T08:00:00Z", summary = "SA notified" });
        // No breach start recorded; contained 24 h after detection.
        var second = await DetectAsync("2026-11-20T10:00:00Z");
        await Lead.ActAsync(second, "contain", new { containedAt = "2026-11-21T10:00:00Z", summary = "plugin removed" });
        // Contained within the hour, then found to be nothing: never in a duration.
        var falseAlarm = await DetectAsync("2026-11-22T10:00:00Z");
        await Lead.ActAsync(falseAlarm, "contain", new { containedAt = "2026-11-22T10:30:00Z", summary = "blocked the IP" });
        await Lead.ActAsync(falseAlarm, "mark-false-positive", new { reason = "our own load test" });

        var metrics = await Lead.WaitForAsync($"/api/metrics?{Period}&groupBy=shop", m => m["groups"]![0]!["falsePositives"]!.GetValue<int>() == 1
                                                                                        && m["groups"]![0]!["incidents"]!.GetValue<int>() == 2);

        var all = metrics["groups"]![0]!;
        all["key"]!.GetValue<string>().Should().Be("all");
        var contain = all["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "contain")!;
        contain["incidents"]!.GetValue<int>().Should().Be(2);
        contain["medianHours"]!.GetValue<double>().Should().Be(13.5, "(3 + 24) / 2; the false positive's half hour is not a containment time");
        var detect = all["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "detect")!;
        detect["incidents"]!.GetValue<int>().Should().Be(1, "only the first has a recorded breach start");
        detect["medianHours"]!.GetValue<double>().Should().Be(48);
        detect["needsFacts"]!.GetValue<int>().Should().Be(1, "the second needs its breach start; it is counted apart, not as zero hours");
        var notify = all["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "notify")!;
        notify["medianHours"]!.GetValue<double>().Should().Be(24, "from detection, as no awareness was recorded");
        all["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "close")!["medianHours"].Should().BeNull("nothing is closed");
        metrics["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()).Should().Equal("all", "metrics-shop");
        metrics["exercises"]!["started"]!.GetValue<int>().Should().Be(0);

        var csv = Encoding.UTF8.GetString((await ReportDownload.GetAsync(Host, Lead, $"/api/metrics?{Period}&format=csv")).Bytes).TrimStart('\uFEFF');
        csv.Split("\r\n")[0].Should().StartWith("group,incidents,false_positives,duplicates,detect_incidents,detect_median_hours");
        csv.Split("\r\n")[1].Should().StartWith("all,2,1,0,");
    }

    [Fact]
    public async Task a_period_or_grouping_that_makes_no_sense_is_refused_with_every_problem()
    {
        var problem = await Lead.GetAsync("/api/metrics?to=2026-01-01T00:00:00Z&groupBy=colour", 422);

        problem["errors"]!["from"].Should().NotBeNull("the period needs its start");
        problem["errors"]!["groupBy"]![0]!.GetValue<string>().Should().Contain("kind, shop, severity, month");
    }

    private async Task<Guid> DetectAsync(string detectedAt) =>
        (await Lead.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Skimmer in checkout footer", shop = "metrics-shop", kind = "checkout-skimmer", detectedAt, source = "customer complaint",
            dataCategories = new[] { "payment-card" },
        }, 201))["id"]!.GetValue<Guid>();
}
