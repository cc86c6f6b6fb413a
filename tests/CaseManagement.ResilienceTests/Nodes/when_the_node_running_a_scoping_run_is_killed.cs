using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.IntegrationTests.Notifications;
using CaseManagement.Security;
using FluentAssertions;
using Npgsql;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// The only node of the service (its own process) is killed with SIGKILL while a scoping run stores the people it finds, and
/// started again. The run's message is durable: once Wolverine calls the killed node dead, the new node runs it again from the
/// start, overwriting what the first attempt stored. The run completes with the same counts as an uninterrupted run of the
/// same shop and window, one record per person, and the incident is told once.
/// </summary>
public sealed class when_the_node_running_a_scoping_run_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Drill = "scoping";
    private readonly SetupNode _setup = new("casemanagement_scoping_kill_tests");
    private readonly KillDrill _drill = new(Drill, output);
    private NotifiedShop _shop = null!;
    private ClusterOfProcesses _cluster = null!;

    public async Task InitializeAsync()
    {
        // Big enough that storing its people (encrypted, 500 at a time) takes a while on two cores: the kill must fall inside.
        await _setup.InitializeAsync();
        _shop = await NotifiedShop.CreateAsync(_setup.ApiAs("ada.admin@shop.test", Roles.Admin), Lead, _setup.ApiAs("lou.lead@shop.test", Roles.ComplianceLead),
            customers: 4_000, orders: 10_000);
        await _setup.DisposeAsync();

        _cluster = new ClusterOfProcesses(_setup.Connection, KillDrill.NodeSettings(Drill), KillDrill.LogFolder(Drill));
        await _cluster.StartAsync(1);
    }

    private IncidentApi Lead => _setup.ApiAs("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    public async Task DisposeAsync()
    {
        _drill.Keep();
        await _cluster.DisposeAsync();
        await _shop.DisposeAsync();
    }

    [OutageFact(Skip = "Not deterministic yet: under load the kill can land after the run has stored everyone; it needs a lock to hold the run mid-way, as the containment drill does (issue 15, docs/reliability.md)")]
    public async Task the_run_completes_after_the_restart_with_the_counts_of_an_uninterrupted_run_and_nothing_doubled()
    {
        var lead = await _cluster.ClientAsync("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var scope = $"/api/incidents/{_shop.IncidentId}/scope";
        var uninterrupted = (await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, scope))["latest"]!;
        var people = uninterrupted["peopleFound"]!.GetValue<long>();
        people.Should().BeGreaterThan(1_500, "the shop must hold several batches of people for the kill to fall between them");

        await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/scope",
            new { from = NotifiedShop.From.AddDays(-1), to = NotifiedShop.To.AddDays(1) });
        var running = await _drill.UntilAsync(lead, scope, v => Latest(v) is { } r && r["runId"]!.GetValue<Guid>() != uninterrupted["runId"]!.GetValue<Guid>()
                                                               && r["status"]!.GetValue<string>() == "running" && r["peopleFound"]!.GetValue<long>() >= 600,
            TimeSpan.FromMinutes(3), "the second run has stored its first batch of people");
        var run = Latest(running)!["runId"]!.GetValue<Guid>();
        var foundAtKill = Latest(running)!["peopleFound"]!.GetValue<long>();
        var storedAtKill = await RecordsAsync(run);

        await _cluster.KillAsync(0);
        var killedAt = _drill.Clock.Elapsed;
        _drill.Say($"killed the node (kill -9) with the run at {foundAtKill} of {people} people found, {storedAtKill} stored");
        await _cluster.RestartAsync(0);
        _drill.Say("the node is up again");
        lead = await _cluster.ClientAsync("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var done = Latest(await _drill.UntilAsync(lead, scope, v => Latest(v)?["status"]?.GetValue<string>() is "completed" or "failed",
            TimeSpan.FromMinutes(8), "the run ends after the restart"))!;
        var recovered = _drill.Clock.Elapsed - killedAt;
        var records = await RecordsAsync(run);
        var recordsUninterrupted = await RecordsAsync(uninterrupted["runId"]!.GetValue<Guid>());
        var history = (JsonArray)await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, $"/api/incidents/{_shop.IncidentId}/events");
        var completions = history.Count(e => e!["type"]!.GetValue<string>() == "scoping_run_completed" && e["data"]!["runId"]!.GetValue<Guid>() == run);
        var told = history.Count(e => e!["type"]!.GetValue<string>() == "affected_counts_recorded" && e["data"]!["source"]!.GetValue<string>() == $"scoping-run {run}");
        _drill.Say($"kills 1; run {done["status"]}: {done["peopleFound"]} people (uninterrupted: {people}), {records} records (uninterrupted: {recordsUninterrupted}); " +
                   $"lost {Math.Max(0, recordsUninterrupted - records)}, duplicated {Math.Max(0, records - recordsUninterrupted)}; completions recorded {completions}, counts told to the incident {told}; " +
                   $"time to recover (kill to completed) {recovered.TotalSeconds:F1} s");

        foundAtKill.Should().BeLessThan(people, "the kill falls in the middle of the run");
        done["status"]!.GetValue<string>().Should().Be("completed", "the redelivered run finishes: {0}", done.ToJsonString());
        done["result"]!["people"]!.GetValue<long>().Should().Be(people, "the same shop and window give the same people");
        done["ordersScanned"]!.GetValue<long>().Should().Be(uninterrupted["ordersScanned"]!.GetValue<long>(), "every order is read once more, not twice");
        done["result"]!["peopleByJurisdiction"]!.ToJsonString().Should().Be(uninterrupted["result"]!["peopleByJurisdiction"]!.ToJsonString(),
            "the counts per jurisdiction are those of the uninterrupted run");
        records.Should().Be(recordsUninterrupted, "each person is stored once for the run, as in the uninterrupted one: the second attempt overwrote the first attempt's records");
        completions.Should().Be(1, "the run is recorded completed once");
        told.Should().Be(1, "the incident records the run's counts once");
    }

    private static JsonNode? Latest(JsonNode view) => view["latest"];

    private async Task<long> RecordsAsync(Guid run)
    {
        await using var connection = new NpgsqlConnection(_setup.Connection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM casemanagement.mt_doc_affectedpersonrecord WHERE id LIKE @run", connection);
        count.Parameters.AddWithValue("run", $"{run:N}:%");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
