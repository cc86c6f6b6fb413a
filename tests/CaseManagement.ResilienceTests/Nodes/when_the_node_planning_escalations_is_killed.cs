using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// Deadline escalations on three node processes (ADR 8, ADR 25): incidents whose GDPR Art. 33 deadline falls a minute
/// from now are recorded; the node running the escalation planning (the daemon subscription that schedules each
/// incident's reminders) is killed with SIGKILL before the deadline; each incident's "approaching" and "missed" are
/// still recorded, exactly once each, by whichever node the scheduled messages reach.
/// </summary>
public sealed class when_the_node_planning_escalations_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Drill = "escalations";
    private const string Database = "casemanagement_escalation_kill_tests";
    private const string Gdpr = "eu-gdpr-art33-sa";
    private const string PlanningAgent = "/deadlineescalations/all";
    private const int Incidents = 3;
    private static readonly TimeSpan DueIn = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private readonly KillDrill _drill = new(Drill, output);
    private ClusterOfProcesses _cluster = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestHosts.EnsureDatabaseAsync(Database);
        await TestHosts.DropSchemasAsync(connection);
        _cluster = new ClusterOfProcesses(connection, new Dictionary<string, string>(KillDrill.NodeSettings(Drill)) { ["Escalation:Enabled"] = "true" },
            KillDrill.LogFolder(Drill));
        await _cluster.StartAsync(3);
    }

    public async Task DisposeAsync()
    {
        _drill.Keep();
        await _cluster.DisposeAsync();
    }

    [OutageFact]
    public async Task each_incident_is_warned_and_its_miss_recorded_once_though_the_planning_node_died()
    {
        var planner = (await UntilPlannedAsync(_ => true, "a node runs the escalation planning"))
            .Single(a => a.Agent.EndsWith(PlanningAgent, StringComparison.Ordinal)).Node;
        var killed = await _cluster.IndexOfNodeAsync(planner);
        var live = Enumerable.Range(0, 3).First(i => i != killed);

        var admin = await _cluster.ClientAsync(live, "ada.admin@shop.test", Roles.Admin);
        await ClusterOfProcesses.SendAsync(admin, HttpMethod.Post, "/api/shops", await TestShops.RegistrationAsync("escalation-kill-shop"));
        var lead = await _cluster.ClientAsync(live, "lou.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var due = DateTimeOffset.UtcNow + DueIn;
        var ids = new List<Guid>();
        for (var i = 0; i < Incidents; i++)
        {
            var id = (await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, "/api/incidents", new
            {
                title = $"Escalation drill {i}", shop = "escalation-kill-shop", kind = "checkout-skimmer", detectedAt = due.AddHours(-73),
                dataCategories = new[] { "payment-card", "email" },
            }))["id"]!.GetValue<Guid>();
            await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{id}/facts/affected-counts",
                new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });
            await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{id}/record-awareness", new { awareAt = due.AddHours(-72), reason = "skimmer confirmed" });
            ids.Add(id);
        }

        // Planned: the 4 h lead has passed, so "approaching" is raised at once and "missed" is scheduled for the deadline.
        foreach (var id in ids)
        {
            await _drill.UntilAsync(lead, $"/api/incidents/{id}/events", h => Escalations(h, "deadline_approaching").Any(), Limit, "the escalation is planned");
        }

        DateTimeOffset.UtcNow.Should().BeBefore(due, "the kill must fall before the deadline, with the misses still scheduled");
        await _cluster.KillAsync(killed);
        _drill.Say($"killed node {planner} (kill -9), which ran the escalation planning, {(due - DateTimeOffset.UtcNow).TotalSeconds:F0} s before the deadline");

        foreach (var id in ids)
        {
            var history = await _drill.UntilAsync(lead, $"/api/incidents/{id}/events", h => Escalations(h, "deadline_missed").Any(), Limit,
                "the miss is recorded on a live node");
            Escalations(history, "deadline_approaching").Should().ContainSingle("one warning per lead reached, however many nodes there are");
            var missed = Escalations(history, "deadline_missed").Should().ContainSingle("a scheduled message is taken by one node, and the log declines a second").Subject;
            DateTimeOffset.Parse(missed["timestamp"]!.GetValue<string>()).Should().BeOnOrAfter(due.AddSeconds(-1), "a deadline is missed only once it has passed");
        }

        _drill.Say($"every miss recorded once, {(DateTimeOffset.UtcNow - due).TotalSeconds:F0} s after the deadline");
        // A late second delivery would only show after a while: look again once the planning has certainly moved.
        await UntilPlannedAsync(node => node != planner, "the planning runs on a live node");
        foreach (var id in ids)
        {
            var history = await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, $"/api/incidents/{id}/events");
            Escalations(history, "deadline_missed").Should().ContainSingle("after the planning moved to a live node, still one miss");
            Escalations(history, "deadline_approaching").Should().ContainSingle("after the planning moved to a live node, still one warning");
        }
    }

    private static IEnumerable<JsonNode> Escalations(JsonNode history, string type) =>
        history.AsArray().Where(e => e!["type"]!.GetValue<string>() == type && e["data"]!["ruleId"]!.GetValue<string>() == Gdpr)!;

    /// <summary>Waits until a node the condition accepts runs the escalation planning; the assignments then.</summary>
    private Task<IReadOnlyList<(string Agent, int Node)>> UntilPlannedAsync(Func<int, bool> on, string what) =>
        _drill.UntilAsync(_cluster.AgentsAsync, a => a.Any(x => x.Agent.EndsWith(PlanningAgent, StringComparison.Ordinal) && on(x.Node)), Limit, what,
            a => string.Join(", ", a.Select(x => $"{x.Agent} on node {x.Node}")));
}
