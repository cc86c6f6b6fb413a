using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using MySqlConnector;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// The only node of the service (its own process) is killed with SIGKILL in the middle of a containment step that changes the
/// shop: the step has recorded the state before and is waiting to revoke the leaked key (the test holds the key's row, as a busy
/// shop would), and the evidence of the step before it is preserved. After the restart the step's durable message runs again:
/// the key is revoked once, every step is recorded done once, the evidence is one item, and the run finishes.
/// </summary>
public sealed class when_the_node_running_a_containment_step_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Drill = "containment";
    private const string Revoke = "revoke-leaked-key";
    private readonly SetupNode _setup = new("casemanagement_containment_kill_tests");
    private readonly KillDrill _drill = new(Drill, output);
    private AttackedShop _shop = null!;
    private Guid _incident;
    private ClusterOfProcesses _cluster = null!;

    public async Task InitializeAsync()
    {
        await _setup.InitializeAsync();
        _shop = await AttackedShop.CreateAsync(ShopPlatform.WooCommerce, "wp_");
        await _setup.ApiAs("ada.admin@shop.test", Roles.Admin).SendAsync(HttpMethod.Post, "/api/shops", _shop.Registration(), 201);
        var created = await _setup.Api().SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Consumer key in a public gist", shop = _shop.Name, kind = "leaked-api-key", detectedAt = DateTimeOffset.UtcNow.AddHours(-2),
            dataCategories = new[] { "email" },
        }, 201);
        _incident = created["id"]!.GetValue<Guid>();
        await _setup.DisposeAsync();

        _cluster = new ClusterOfProcesses(_setup.Connection, KillDrill.NodeSettings(Drill), KillDrill.LogFolder(Drill));
        await _cluster.StartAsync(1);
    }

    public async Task DisposeAsync()
    {
        _drill.Keep();
        await _cluster.DisposeAsync();
        await _shop.DisposeAsync();
    }

    [OutageFact]
    public async Task the_run_finishes_after_the_restart_with_each_change_made_once_and_the_evidence_kept_once()
    {
        var responder = await _cluster.ClientAsync("sam.responder@shop.test", Roles.Responder, Roles.ComplianceLead);
        var containment = $"/api/incidents/{_incident}/containment";
        JsonNode killedDuring;
        await using (var holder = await _shop.OpenAsync())
        {
            // The key's row stays locked until the node is dead: the step's write waits on it, so the kill falls inside the step.
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var hold = new MySqlCommand("SELECT key_id FROM `wp_woocommerce_api_keys` FOR UPDATE", holder, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }

            await ClusterOfProcesses.SendAsync(responder, HttpMethod.Post, containment,
                new { playbook = "leaked-api-key", parameters = new { leakedKey = AttackedShop.LeakedKey }, reason = "kill drill: contain the leaked key" });
            killedDuring = await _drill.UntilAsync(responder, containment, v => ContainmentApi.Step(v, Revoke)?["status"]?.GetValue<string>() == "running",
                TimeSpan.FromMinutes(3), "the revocation has recorded the state before and waits on the shop");
            // Long enough for the step's UPDATE to reach the shop and wait on the row.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await _cluster.KillAsync(0);
            await transaction.RollbackAsync();
        }

        var killedAt = _drill.Clock.Elapsed;
        _drill.Say($"killed the node (kill -9) during step {Revoke} (status {ContainmentApi.Step(killedDuring, Revoke)!["status"]}, " +
                   $"evidence step {ContainmentApi.Step(killedDuring, "preserve-evidence")!["status"]})");
        (await _shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`")).Should().Be("1", "the killed step's change never reached the shop");
        await _cluster.RestartAsync(0);
        _drill.Say("the node is up again");
        responder = await _cluster.ClientAsync("sam.responder@shop.test", Roles.Responder, Roles.ComplianceLead);
        var waiting = await _drill.UntilAsync(responder, containment,
            v => ContainmentApi.Step(v, "reissue-integration-key")?["status"]?.GetValue<string>() == "awaiting-completion",
            TimeSpan.FromMinutes(8), "the step that was killed runs again and the run reaches the step a person completes");
        var recovered = _drill.Clock.Elapsed - killedAt;
        await ClusterOfProcesses.SendAsync(responder, HttpMethod.Post,
            $"/api/incidents/{_incident}/containment/runs/{waiting["latest"]!["runId"]}/steps/reissue-integration-key/skip",
            new { justification = "the integration was retired" });
        var done = await _drill.UntilAsync(responder, containment, v => v["latest"]?["status"]?.GetValue<string>() == "completed", TimeSpan.FromMinutes(2), "the run completes");

        var history = (JsonArray)await ClusterOfProcesses.SendAsync(responder, HttpMethod.Get, $"/api/incidents/{_incident}/events");
        var evidence = (JsonArray)await ClusterOfProcesses.SendAsync(responder, HttpMethod.Get, $"/api/incidents/{_incident}/evidence");
        int Succeeded(string step) => ContainmentApi.Events(history, "containment_step_succeeded").Count(e => e["data"]!["stepId"]!.GetValue<string>() == step);
        var keys = await _shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`");
        _drill.Say($"kills 1; run {done["latest"]!["status"]}; {Revoke} recorded done {Succeeded(Revoke)} time(s), preserve-evidence {Succeeded("preserve-evidence")}; " +
                   $"evidence items {evidence.Count}; keys left {keys}; lost 0 of the steps' effects, duplicated {Math.Max(0, Succeeded(Revoke) - 1) + Math.Max(0, evidence.Count - 1)}; " +
                   $"time to recover (kill to the run waiting on a person) {recovered.TotalSeconds:F1} s");

        keys.Should().Be("0", "the leaked key is revoked after the restart");
        Succeeded(Revoke).Should().Be(1, "the revocation is recorded done once, though its first attempt was killed");
        Succeeded("preserve-evidence").Should().Be(1, "the evidence step that finished before the kill is not run again");
        evidence.Should().ContainSingle("the evidence is one item, not a second copy after the restart");
        ContainmentApi.Events(history, "containment_step_started").Count(e => e["data"]!["stepId"]!.GetValue<string>() == Revoke)
            .Should().Be(1, "the state before the change is recorded once: the redelivered step reuses it (so a rollback restores what was there first)");
    }
}
