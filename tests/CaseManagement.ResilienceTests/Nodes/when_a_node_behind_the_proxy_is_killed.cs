using System.Collections.Concurrent;
using System.Diagnostics;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// Clients talk to three nodes through Debian's HAProxy (as build/run-nodes.sh runs them) while one node is killed with SIGKILL.
/// Requests caught in flight on the killed node fail; new requests meet a refused connection, which HAProxy sends to another
/// node, until its health checks drop the dead one. Recorded: every request's outcome and time, the errors clients saw, and the
/// time from the kill to the last error (docs/operations.md).
/// </summary>
public sealed class when_a_node_behind_the_proxy_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Database = "casemanagement_proxy_kill_tests";
    private const int Clients = 6;
    private static readonly TimeSpan KillAt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(30);
    private static readonly string Logs = Path.Combine(Tools.RepositoryRoot, "artifacts", "proxy-kill");

    private ClusterOfProcesses _cluster = null!;
    private LocalProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestHosts.EnsureDatabaseAsync(Database);
        await TestHosts.DropSchemasAsync(connection);
        _cluster = new ClusterOfProcesses(connection, new Dictionary<string, string> { ["Escalation:Enabled"] = "false" }, Logs);
        await _cluster.StartAsync(3);
        _proxy = await LocalProxy.StartAsync(_cluster.Nodes.Select(n => n!.BaseUri), Logs);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private sealed record Outcome(TimeSpan At, TimeSpan Took, string Request, int? Status, string? Error)
    {
        public bool Ok => Status is >= 200 and < 300;
    }

    [OutageFact]
    public async Task clients_see_errors_only_for_a_moment_and_every_request_succeeds_once_the_proxy_has_dropped_the_node()
    {
        var admin = await _cluster.ClientAsync(_proxy.BaseUri, "ada.admin@shop.test", Roles.Admin);
        await ClusterOfProcesses.SendAsync(admin, HttpMethod.Post, "/api/shops", await TestShops.RegistrationAsync("proxy-shop"));
        var responder = await _cluster.ClientAsync(_proxy.BaseUri, "rita.responder@shop.test", Roles.Responder);
        var incidents = new List<Guid>();
        for (var i = 0; i < Clients; i++)
        {
            incidents.Add((await ClusterOfProcesses.SendAsync(responder, HttpMethod.Post, "/api/incidents", new
            {
                title = $"Proxy drill {i}", shop = "proxy-shop", kind = "account-takeover", detectedAt = DateTimeOffset.UtcNow.AddHours(-1),
                dataCategories = new[] { "email" },
            }))["id"]!.GetValue<Guid>());
        }

        var outcomes = new ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;
        var clients = incidents.Select(async (incident, client) =>
        {
            for (var n = 0; killedAt is null || clock.Elapsed < killedAt + After; n++)
            {
                // A mix of a command and reads, each client on its own incident so no two commands race for one version.
                var (method, url, body) = (n % 3) switch
                {
                    0 => (HttpMethod.Post, $"/api/incidents/{incident}/add-note", (object?)new { text = $"note {n} of client {client}" }),
                    1 => (HttpMethod.Get, $"/api/incidents/{incident}", null),
                    _ => (HttpMethod.Get, "/api/incidents?pageSize=20", null),
                };
                var started = clock.Elapsed;
                try
                {
                    using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
                    using var response = await responder.SendAsync(request);
                    outcomes.Add(new Outcome(started, clock.Elapsed - started, $"{method} {url}", (int)response.StatusCode,
                        response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync()));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    outcomes.Add(new Outcome(started, clock.Elapsed - started, $"{method} {url}", null, ex.Message));
                }
            }
        }).ToList();

        while (clock.Elapsed < KillAt)
        {
            await Task.Delay(100);
        }

        // The kill is when the signal goes, not when the wait for the process to end returns.
        var killing = clock.Elapsed;
        await _cluster.KillAsync(1);
        killedAt = killing;
        await Task.WhenAll(clients);

        // Requests still in flight at the kill belong to the kill, not to the time before it.
        var before = outcomes.Where(o => o.At + o.Took < killedAt).ToList();
        var afterKill = outcomes.Where(o => o.At + o.Took >= killedAt).ToList();
        var failures = afterKill.Where(o => !o.Ok).OrderBy(o => o.At).ToList();
        var recovered = failures.Count == 0 ? TimeSpan.Zero : failures.Max(o => o.At + o.Took) - killedAt.Value;
        var settled = outcomes.Where(o => o.At >= killedAt + TimeSpan.FromSeconds(15)).ToList();
        output.WriteLine($"{Clients} clients through HAProxy, node 2 of 3 killed at {killedAt.Value.TotalSeconds:F1} s: " +
                         $"{before.Count} requests before the kill ({before.Count(o => !o.Ok)} failed), {afterKill.Count} from the kill on, " +
                         $"{failures.Count} failed; last failure ended {recovered.TotalSeconds:F1} s after the kill; " +
                         $"slowest request across the kill {afterKill.Where(o => o.At < killedAt + TimeSpan.FromSeconds(10)).Select(o => o.Took).DefaultIfEmpty().Max().TotalSeconds:F1} s");
        foreach (var failure in failures)
        {
            output.WriteLine($"  {failure.At.TotalSeconds:F1} s ({failure.Took.TotalMilliseconds:F0} ms): {failure.Request} -> {failure.Status?.ToString() ?? "no answer"} {failure.Error}");
        }

        before.Should().OnlyContain(o => o.Ok, "with every node up, every request succeeds");
        failures.Should().HaveCountLessThanOrEqualTo(Clients,
            "only requests in flight on the killed node can fail: HAProxy sends a refused connection to another node, then stops choosing the dead one");
        recovered.Should().BeLessThan(TimeSpan.FromSeconds(10), "two missed health checks 2 s apart drop the node; after that no client meets it");
        settled.Should().NotBeEmpty().And.OnlyContain(o => o.Ok, "from 15 s after the kill on, the two nodes left answer everything");
    }
}
