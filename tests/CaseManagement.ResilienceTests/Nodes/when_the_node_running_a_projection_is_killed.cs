using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// ADR 25 at work: with three node processes, Wolverine's leader spreads the async projections and subscriptions (its
/// agents) over the nodes. The node running the deadline board, or the leader itself, is killed with SIGKILL, and the
/// board, read from a live node, still shows an incident recorded after the kill once a leader (the old one, or one the
/// survivors elect) has moved the dead node's agents. Recorded: the spread before and after the kill and the time from
/// the kill until the board shows the new incident (artifacts/kill-drills).
/// </summary>
public sealed class when_the_node_running_a_projection_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Drill = "projections";
    private const string Database = "casemanagement_projection_kill_tests";
    private const string BoardAgent = "/deadlineboardentry/all";
    private const string LeaderAgent = "wolverine://leader/";
    private static readonly TimeSpan TakeOver = TimeSpan.FromMinutes(4);

    private KillDrill _drill = new(Drill, output);
    private ClusterOfProcesses _cluster = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestHosts.EnsureDatabaseAsync(Database);
        await TestHosts.DropSchemasAsync(connection);
        _cluster = new ClusterOfProcesses(connection, KillDrill.NodeSettings(Drill), KillDrill.LogFolder(Drill));
        await _cluster.StartAsync(3);
    }

    public async Task DisposeAsync()
    {
        _drill.Keep();
        await _cluster.DisposeAsync();
    }

    [OutageTheory]
    [InlineData(BoardAgent)]
    [InlineData(LeaderAgent)]
    public async Task the_agents_are_spread_over_the_nodes_and_a_killed_nodes_projection_catches_up_on_another(string heldByTheKilledNode)
    {
        _drill = new KillDrill($"{Drill}-{(heldByTheKilledNode == LeaderAgent ? "leader" : "board")}", output);
        var spread = await UntilAssignedAsync(a => a.Count(x => x.Agent.StartsWith("event-subscriptions://", StringComparison.Ordinal)) >= 5
                                                   && a.Select(x => x.Node).Distinct().Count() == 3, "every node runs agents");
        _drill.Say("agents before the kill: " + string.Join("; ", spread.GroupBy(a => a.Node).OrderBy(g => g.Key)
            .Select(g => $"node {g.Key}: {string.Join(", ", g.Select(a => Short(a.Agent)))}")));
        var holder = spread.Single(a => a.Agent == heldByTheKilledNode || a.Agent.EndsWith(heldByTheKilledNode, StringComparison.Ordinal)).Node;
        var boardHolder = spread.Single(a => a.Agent.EndsWith(BoardAgent, StringComparison.Ordinal)).Node;
        var killed = await _cluster.IndexOfNodeAsync(holder);
        var live = Enumerable.Range(0, 3).First(i => i != killed);

        var admin = await _cluster.ClientAsync(live, "ada.admin@shop.test", Roles.Admin);
        await ClusterOfProcesses.SendAsync(admin, HttpMethod.Post, "/api/shops", await TestShops.RegistrationAsync("projection-shop"));
        await _cluster.KillAsync(killed);
        var killedAt = _drill.Clock.Elapsed;
        var ran = heldByTheKilledNode == LeaderAgent ? "the leader" : "the deadline board";
        _drill.Say($"killed node {holder} (kill -9), which ran {ran}{(boardHolder == holder ? "" : $"; node {boardHolder} runs the board")}");

        var lead = await _cluster.ClientAsync(live, "lou.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var id = (await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, "/api/incidents", new
        {
            title = "Recorded after the kill", shop = "projection-shop", kind = "account-takeover", detectedAt = DateTimeOffset.UtcNow.AddHours(-2),
            dataCategories = new[] { "email" },
        }))["id"]!.GetValue<Guid>();
        await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{id}/record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddHours(-1) });
        await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{id}/facts/affected-counts",
            new { counts = new[] { new { residence = "DE", count = 40 } }, basis = "orders" });

        await _drill.UntilAsync(lead, "/api/deadlines?dueWithinHours=96", b => b["items"]!.AsArray().Any(i => i!["incidentId"]!.GetValue<Guid>() == id),
            TakeOver, "the board, moved to a live node, shows the incident recorded after the kill");
        _drill.Say($"the board showed the new incident {(_drill.Clock.Elapsed - killedAt).TotalSeconds:F1} s after the kill");

        var after = await UntilAssignedAsync(a => a.Any(x => x.Agent == LeaderAgent && x.Node != holder) && a.All(x => x.Node != holder),
            "a live node leads and the dead node's agents have moved to live nodes");
        after.Select(a => a.Agent).Should().Contain(spread.Select(a => a.Agent), "every agent runs somewhere after the kill");
        _drill.Say("agents after: " + string.Join("; ", after.GroupBy(a => a.Node).OrderBy(g => g.Key)
            .Select(g => $"node {g.Key}: {string.Join(", ", g.Select(a => Short(a.Agent)))}")));
    }

    private Task<IReadOnlyList<(string Agent, int Node)>> UntilAssignedAsync(Func<IReadOnlyList<(string Agent, int Node)>, bool> done, string what) =>
        _drill.UntilAsync(_cluster.AgentsAsync, done, TakeOver, what, a => string.Join(", ", a.Select(x => $"{Short(x.Agent)} on node {x.Node}")));

    /// <summary>The agent's last two path segments (the projection or subscription and its shard), or its scheme for the others.</summary>
    private static string Short(string agent) =>
        agent.StartsWith("event-subscriptions://", StringComparison.Ordinal) ? string.Join('/', agent.Split('/')[^2..]) : agent.Split(':')[0];
}
