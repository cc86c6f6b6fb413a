using System.Diagnostics;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.IntegrationTests.Notifications;
using CaseManagement.Security;
using FluentAssertions;
using MailSink;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// Three nodes (processes) on one database run a campaign; the node that is sending it is killed with SIGKILL mid fan-out and
/// started again. Another node takes the batch over once Wolverine calls the dead node dead: every person is notified, the
/// campaign completes with everyone recorded as sent, and nobody gets the notice twice beyond the in-flight bound of ADR 11
/// (one send per batch being sent at the instant of the kill; the campaign here is one batch).
/// </summary>
public sealed class when_the_node_sending_a_campaign_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Database = "casemanagement_node_kill_tests";

    private readonly SmtpSink _mail = SmtpSink.Start();
    private CampaignSetup _setup = null!;
    private NotifiedShop _shop = null!;
    private ClusterOfProcesses _cluster = null!;

    public async Task InitializeAsync()
    {
        // The scoped shop and approved templates are made by an in-process node, which then stops; the cluster runs the campaign.
        _setup = new CampaignSetup();
        await _setup.InitializeAsync();
        _shop = await NotifiedShop.CreateAsync(_setup.ApiAs("ada.admin@shop.test", Roles.Admin), Lead, _setup.ApiAs("lou.lead@shop.test", Roles.ComplianceLead));
        await _setup.DisposeAsync();

        _cluster = new ClusterOfProcesses(_setup.Connection, new Dictionary<string, string>
        {
            ["Escalation:Enabled"] = "false",
            ["Evidence:Root"] = Path.Combine(AppFixture.EvidenceRoot, "node-kill"),
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = _mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Tls"] = "None",
            ["Notifications:Smtp:From"] = "notices@shop.test",
        }, Path.Combine(Tools.RepositoryRoot, "artifacts", "node-kill"));
        await _cluster.StartAsync(3);
    }

    private IncidentApi Lead => _setup.ApiAs("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _shop.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [OutageFact]
    public async Task another_node_finishes_it_and_nobody_is_lost_or_told_twice_beyond_the_bound()
    {
        var lead = await _cluster.ClientAsync("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var approver = await _cluster.ClientAsync("anna.approver@shop.test", Roles.Approver);
        // One a second: slow enough to kill the sender in the middle, the whole campaign is one batch on one node.
        var draft = await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Kill drill", ratePerMinute: 60));
        var campaign = draft["id"]!.GetValue<Guid>();
        foreach (var duty in (await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, $"/api/campaigns/{campaign}/ordering"))["blocking"]!.AsArray())
        {
            await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/ordering-duties/waive",
                new { ruleId = duty!["ruleId"]!.GetValue<string>(), justification = "kill drill: the duty is handled outside the service" });
        }

        await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { });
        await ClusterOfProcesses.SendAsync(approver, HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { });

        var clock = Stopwatch.StartNew();
        int? sender = null;
        while ((sender is null || _mail.ReceivedCount < 5) && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            sender = _cluster.NodeConnectedTo(_mail.Port) ?? sender;
            await Task.Delay(100);
        }

        sender.Should().NotBeNull("a node connects to the mail server to send the campaign");
        var sentBeforeKill = _mail.ReceivedCount;
        sentBeforeKill.Should().BeLessThan((int)_shop.People, "the kill falls in the middle of the fan-out");
        await _cluster.KillAsync(sender!.Value);
        var killedAt = clock.Elapsed;
        var lastBeforeKill = _mail.ReceivedCount;
        await _cluster.RestartAsync(sender.Value);

        var observer = await _cluster.ClientAsync("audrey.auditor@shop.test", Roles.Auditor);
        TimeSpan? resumedAt = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(6))
        {
            if (resumedAt is null && _mail.ReceivedCount > lastBeforeKill)
            {
                resumedAt = clock.Elapsed;
            }

            if ((await ClusterOfProcesses.SendAsync(observer, HttpMethod.Get, $"/api/campaigns/{campaign}"))["status"]?.GetValue<string>() == "completed")
            {
                break;
            }

            await Task.Delay(500);
        }

        var done = await ClusterOfProcesses.SendAsync(observer, HttpMethod.Get, $"/api/campaigns/{campaign}");
        var perRecipient = _mail.Messages.GroupBy(m => m.Recipients.Single()).ToList();
        var repeats = perRecipient.Sum(r => r.Count() - 1);
        output.WriteLine($"people {_shop.People}; mails before the kill {sentBeforeKill}; killed node {sender + 1} at {killedAt.TotalSeconds:F1} s; " +
                         $"first mail from another node {(resumedAt - killedAt)?.TotalSeconds:F1} s after the kill; completed {(clock.Elapsed - killedAt).TotalSeconds:F1} s after it; " +
                         $"mails {_mail.ReceivedCount}, recipients {perRecipient.Count}, repeats {repeats}");

        done["status"]!.GetValue<string>().Should().Be("completed", "another node takes the killed node's batch over and finishes it: {0}", done.ToJsonString());
        done["sent"]!.GetValue<long>().Should().Be(_shop.People, "everyone is recorded as sent once");
        perRecipient.Should().HaveCount((int)_shop.People, "nobody is lost: every person got the notice");
        repeats.Should().BeLessThanOrEqualTo(1, "only the send in flight at the kill may be repeated (one batch was being sent): {0}",
            string.Join(", ", perRecipient.Where(r => r.Count() > 1).Select(r => $"{r.Key} x{r.Count()}")));
    }

    /// <summary>The in-process node that prepares the database, on the database the cluster then uses.</summary>
    private sealed class CampaignSetup() : SoleNodeFixture(Database, new Dictionary<string, string> { ["Escalation:Enabled"] = "false" })
    {
        public string Connection => new Npgsql.NpgsqlConnectionStringBuilder(TestDatabases.Marten) { Database = Database }.ConnectionString;
    }
}
