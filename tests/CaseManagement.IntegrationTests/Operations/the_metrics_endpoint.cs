using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.IntegrationTests.Notifications;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Operations;

/// <summary>
/// What a Prometheus scraper reads from /metrics (docs/metrics.md): only with the scrape token, and after a scoping run,
/// a campaign and an incident with missed deadlines, every series the operator's dashboards and alerts are built on.
/// </summary>
public sealed class the_metrics_endpoint(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private NotifiedShop _shop = null!;

    private IncidentApi Lead => ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead, Roles.Responder);

    public async Task InitializeAsync() =>
        _shop = await NotifiedShop.CreateAsync(ApiAs("ada.admin@shop.test", Organisation, Roles.Admin), Lead,
            ApiAs("lou.lead@shop.test", Organisation, Roles.ComplianceLead), customers: 12, orders: 30);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task a_scrape_without_the_scrape_token_is_refused_with_a_problem_saying_what_to_send()
    {
        foreach (var token in new[] { null, "not-the-token", TokenFor("ada.admin@shop.test", Organisation, Roles.Admin) })
        {
            var result = await Host.Scenario(x =>
            {
                x.Get.Url("/metrics");
                if (token is not null)
                {
                    x.WithRequestHeader("Authorization", $"Bearer {token}");
                }

                x.StatusCodeShouldBe(401);
            });
            var body = await result.ReadAsTextAsync();
            body.Should().Contain("scrape token", "the problem tells the operator what the scraper must send");
            body.Should().NotContain("casemanagement_", "metrics count every organisation's deadlines, not for a person of one organisation");
        }
    }

    [Fact]
    public async Task the_scrape_carries_http_wolverine_daemon_campaign_scoping_and_deadline_series()
    {
        var campaign = (await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Metrics notice"), 201))["id"]!
            .GetValue<Guid>();
        await NotifiedShop.ClearOrderingAsync(Lead, _shop.IncidentId, campaign);
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { }, 200);
        await ApiAs("anna.approver@shop.test", Organisation, Roles.Approver).SendAsync(HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { }, 200);
        await Lead.WaitForAsync($"/api/campaigns/{campaign}", c => c["status"]?.GetValue<string>() == "completed");

        // The incident became aware 19 days ago: its 72-hour duties are overdue once the board and the sampler caught up.
        var scrape = await ScrapeUntilAsync(s =>
            s.Has("casemanagement_deadlines_overdue", $"organisation=\"{Organisation}\"") && s.Value("casemanagement_deadlines_overdue", $"organisation=\"{Organisation}\"") > 0);

        scrape.Value("casemanagement_campaign_deliveries_total", $"organisation=\"{Organisation}\"", "channel=\"email\"", "status=\"sent\"")
            .Should().BeGreaterThanOrEqualTo(_shop.People, "every notice this campaign sent is counted");
        scrape.Value("casemanagement_scoping_rows_total", "platform=\"woocommerce\"").Should().BeGreaterThan(0, "the scoping run read the shop's orders");
        scrape.Value("casemanagement_scoping_runs_total", "platform=\"woocommerce\"", "outcome=\"completed\"").Should().BeGreaterThan(0);
        scrape.Has("casemanagement_deadlines_due", $"organisation=\"{Organisation}\"").Should().BeTrue("due and overdue are reported side by side");
        scrape.Value("casemanagement_events_head").Should().BeGreaterThan(0);
        scrape.Value("casemanagement_daemon_high_water_mark").Should().BeGreaterThan(0, "the daemon's high water mark moved");
        scrape.Has("casemanagement_daemon_lag", "shard=\"DeadlineBoardEntry:All\"").Should().BeTrue("each async projection reports its lag");
        scrape.Has("casemanagement_daemon_lag", "shard=\"HighWater").Should().BeFalse("Marten's own bookkeeping rows are no projection");
        scrape.Value("casemanagement_dead_letters").Should().BeGreaterThanOrEqualTo(0, "an operator alerts on dead letters, so the series exists before the first one");
        scrape.Value("casemanagement_cluster_nodes").Should().BeGreaterThanOrEqualTo(1);
        scrape.Value("casemanagement_sampler_age_seconds").Should().BeInRange(0, 30, "the gauges are read from PostgreSQL every second here");
        scrape.Has("http_server_request_duration_seconds_count", "http_route=\"/api/incidents/{id}/campaigns\"").Should().BeTrue("ASP.NET Core's request timings");
        scrape.Names.Should().Contain(n => n.StartsWith("wolverine_", StringComparison.Ordinal), "Wolverine's message counters and timings");
        scrape.Names.Should().Contain(n => n.StartsWith("marten_", StringComparison.Ordinal), "Marten's event counters");
        scrape.Names.Should().Contain(n => n.StartsWith("db_client_", StringComparison.Ordinal), "Npgsql's connection and command metrics");
    }

    [Fact]
    public async Task one_approval_is_one_trace_from_the_request_through_every_message_it_causes()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == traceId)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var campaign = (await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Traced notice"), 201))["id"]!
            .GetValue<Guid>();
        await NotifiedShop.ClearOrderingAsync(Lead, _shop.IncidentId, campaign);
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { }, 200);

        // The caller (a proxy, a test, a browser) starts the trace; the service continues it.
        await ApiAs("anna.approver@shop.test", Organisation, Roles.Approver).SendAsync(HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { }, 200,
            x => x.WithRequestHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        await Lead.WaitForAsync($"/api/campaigns/{campaign}", c => c["status"]?.GetValue<string>() == "completed");

        var seen = string.Join("\n", spans.Select(s => $"{s.Source.Name} {s.DisplayName} {string.Join(",", s.Tags.Select(t => $"{t.Key}={t.Value}"))}"));
        spans.Should().Contain(s => s.Source.Name == "Microsoft.AspNetCore", $"the request is the root of the trace; the trace holds:\n{seen}");
        spans.Where(s => s.Source.Name == "Wolverine").Select(s => s.GetTagItem("messaging.message_type") as string).Distinct().Should()
            .HaveCountGreaterThan(1, $"the campaign's messages (batches, sends, the outcome) are handled in the approval's trace; it holds:\n{seen}");
        spans.Should().Contain(s => s.Source.Name == "Npgsql", "every PostgreSQL command is a span of the trace it serves");
    }

    private async Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await Host.Scenario(x =>
            {
                x.Get.Url("/metrics");
                x.WithRequestHeader("Authorization", $"Bearer {AppFixture.MetricsScrapeToken}");
                x.StatusCodeShouldBe(200);
            });
            var scrape = new Scrape(await result.ReadAsTextAsync());
            if (ready(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The Prometheus text format, read line by line: "name{label="value",...} number [timestamp]".</summary>
    private sealed class Scrape(string text)
    {
        private readonly string[] _samples = [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')];

        public IEnumerable<string> Names => _samples.Select(l => l[..l.IndexOfAny(['{', ' '])]).Distinct();

        public bool Has(string name, params string[] labels) => Matching(name, labels).Any();

        /// <summary>The sum over every sample of the series with these labels (other labels, such as the node's, may differ).</summary>
        public double Value(string name, params string[] labels)
        {
            var samples = Matching(name, labels).ToList();
            samples.Should().NotBeEmpty($"/metrics should carry {name} with {string.Join(", ", labels)}; it carries:\n{text}");
            return samples.Sum(SampleValue);
        }

        // The number follows the labels; the exporter may write a timestamp after it.
        private static double SampleValue(string line) =>
            double.Parse(line[((line.Contains('}') ? line.LastIndexOf('}') : line.IndexOf(' ')) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

        private IEnumerable<string> Matching(string name, string[] labels) =>
            _samples.Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                                && labels.All(label => l.Contains(label, StringComparison.Ordinal)));
    }
}
