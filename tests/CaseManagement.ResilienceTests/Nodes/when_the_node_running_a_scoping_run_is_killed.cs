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
/// same shop and window, one record per person, and the incident is told once. A trigger holds the run's second batch of people
/// until the node is dead, so the kill falls after a first batch was stored and before the run ends however loaded the machine is.
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

    [OutageFact]
    public async Task the_run_completes_after_the_restart_with_the_counts_of_an_uninterrupted_run_and_nothing_doubled()
    {
        var lead = await _cluster.ClientAsync("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var scope = $"/api/incidents/{_shop.IncidentId}/scope";
        var uninterrupted = (await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, scope))["latest"]!;
        var people = uninterrupted["peopleFound"]!.GetValue<long>();
        people.Should().BeGreaterThan(1_500, "the shop must hold several batches of people for the kill to fall between them");

        Guid run;
        long storedAtKill;
        TimeSpan killedAt;
        await using (var hold = await HoldSecondBatchAsync())
        {
            await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/scope",
                new { from = NotifiedShop.From.AddDays(-1), to = NotifiedShop.To.AddDays(1) });
            await UntilHeldAsync(hold);
            var running = Latest(await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, scope))!;
            run = running["runId"]!.GetValue<Guid>();
            run.Should().NotBe(uninterrupted["runId"]!.GetValue<Guid>(), "the view shows the second run");
            storedAtKill = await RecordsAsync(run);

            await _cluster.KillAsync(0);
            killedAt = _drill.Clock.Elapsed;
            _drill.Say($"killed the node (kill -9) with the run {running["status"]} and {storedAtKill} of {people} people stored");
            // The killed node's database session still waits on the hold: end it, so nothing of it commits after the kill.
            await ExecuteAsync(hold, $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = {HoldKey} AND NOT granted");
            await ExecuteAsync(hold, "DROP TRIGGER drill_hold_second_batch ON casemanagement.mt_doc_affectedpersonrecord");
        }

        storedAtKill.Should().BeInRange(1, people - 1, "the kill falls in the middle of the run: its first batch stored, the rest not");
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

    private const long HoldKey = 0x5C0_1E57;

    /// <summary>
    /// From here on, a run that has stored a batch of people (the handler stores 500 per transaction; its own uncommitted rows
    /// count too, so the first batch passes whole) waits before storing the next one: a BEFORE INSERT trigger takes an advisory
    /// lock this connection holds. Held until the connection closes.
    /// </summary>
    private async Task<NpgsqlConnection> HoldSecondBatchAsync()
    {
        var hold = new NpgsqlConnection(_setup.Connection);
        await hold.OpenAsync();
        await ExecuteAsync(hold, $"SELECT pg_advisory_lock({HoldKey})");
        await ExecuteAsync(hold, $"""
            CREATE OR REPLACE FUNCTION casemanagement.drill_hold_second_batch() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              IF (SELECT count(*) FROM casemanagement.mt_doc_affectedpersonrecord WHERE id LIKE split_part(NEW.id, ':', 1) || ':%') >= 500 THEN
                PERFORM pg_advisory_xact_lock_shared({HoldKey});
              END IF;
              RETURN NEW;
            END $fn$;
            CREATE TRIGGER drill_hold_second_batch BEFORE INSERT ON casemanagement.mt_doc_affectedpersonrecord
              FOR EACH ROW EXECUTE FUNCTION casemanagement.drill_hold_second_batch();
            """);
        return hold;
    }

    private async Task UntilHeldAsync(NpgsqlConnection hold)
    {
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var waiting = new NpgsqlCommand($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {HoldKey} AND NOT granted", hold);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException("The second scoping run never reached its second batch of people within 5 minutes; see the node log.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> RecordsAsync(Guid run)
    {
        await using var connection = new NpgsqlConnection(_setup.Connection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM casemanagement.mt_doc_affectedpersonrecord WHERE id LIKE @run", connection);
        count.Parameters.AddWithValue("run", $"{run:N}:%");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
