using CaseManagement.IntegrationTests.Notifications;
using CaseManagement.Security;
using FluentAssertions;
using MailSink;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// Two nodes (processes) on one database run a campaign at one mail a second; whichever node is sending it is killed with SIGKILL at seeded random
/// points of the fan-out (after a random number of mails, a random fraction of a second later, so some kills fall inside a send)
/// and started again, again and again. After each kill the other node takes the batch over once Wolverine calls the dead node
/// dead. Every person is notified, the campaign completes with everyone recorded as sent, and nobody gets the notice twice beyond
/// the in-flight bound of docs/delivery-proofs.md: one send per batch being sent at the instant of a kill (the campaign here is
/// one batch), so at most one repeat per kill.
/// CI runs <see cref="DefaultKills"/> kills with seed <see cref="DefaultSeed"/>; the full drill is
/// <c>CM_KILL_DRILL_KILLS=5 CM_KILL_DRILL_SEED=&lt;n&gt; bash build/test.sh --filter when_the_node_sending_a_campaign_is_killed</c>.
/// </summary>
public sealed class when_the_node_sending_a_campaign_is_killed(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Drill = "campaign";
    private const int DefaultKills = 2;
    private const int DefaultSeed = 15;
    private readonly SmtpSink _mail = SmtpSink.Start();
    private readonly SetupNode _setup = new("casemanagement_node_kill_tests");
    private readonly KillDrill _drill = new(Drill, output);
    private NotifiedShop _shop = null!;
    private ClusterOfProcesses _cluster = null!;

    public async Task InitializeAsync()
    {
        // The scoped shop and approved templates are made by an in-process node, which then stops; the cluster runs the campaign.
        // The survivor sends on (one a second) while the killed node restarts, some 20 to 40 mails a kill on two busy cores: the
        // shop grows with the kills so the fan-out outlasts them.
        var customers = 35 * KillDrill.Setting("CM_KILL_DRILL_KILLS", DefaultKills);
        await _setup.InitializeAsync();
        _shop = await NotifiedShop.CreateAsync(_setup.ApiAs("ada.admin@shop.test", Roles.Admin), _setup.ApiAs("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder),
            _setup.ApiAs("lou.lead@shop.test", Roles.ComplianceLead), customers, orders: customers * 8 / 3);
        await _setup.DisposeAsync();

        var settings = KillDrill.NodeSettings(Drill);
        settings["Notifications:Smtp:Host"] = "127.0.0.1";
        settings["Notifications:Smtp:Port"] = _mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Smtp:Tls"] = "None";
        settings["Notifications:Smtp:From"] = "notices@shop.test";
        _cluster = new ClusterOfProcesses(_setup.Connection, settings, KillDrill.LogFolder(Drill));
        await _cluster.StartAsync(2);
    }

    public async Task DisposeAsync()
    {
        _drill.Keep();
        await _cluster.DisposeAsync();
        await _shop.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [OutageFact]
    public async Task the_campaign_completes_with_nobody_lost_and_at_most_one_repeat_per_kill()
    {
        var kills = KillDrill.Setting("CM_KILL_DRILL_KILLS", DefaultKills);
        var seed = KillDrill.Setting("CM_KILL_DRILL_SEED", DefaultSeed);
        var random = new Random(seed);
        _drill.Say($"seed {seed}, kills {kills}, people {_shop.People}, two nodes (reproduce: CM_KILL_DRILL_KILLS={kills} CM_KILL_DRILL_SEED={seed})");
        _shop.People.Should().BeGreaterThan(6 * kills, "the fan-out must outlast the kills");

        var lead = await _cluster.ClientAsync("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);
        var approver = await _cluster.ClientAsync("anna.approver@shop.test", Roles.Approver);
        // One a second (the slowest a campaign sends), one batch: slow enough to kill the sender again and again in the middle of it.
        var draft = await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Kill drill", ratePerMinute: 60));
        var campaign = draft["id"]!.GetValue<Guid>();
        foreach (var duty in (await ClusterOfProcesses.SendAsync(lead, HttpMethod.Get, $"/api/campaigns/{campaign}/ordering"))["blocking"]!.AsArray())
        {
            await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/ordering-duties/waive",
                new { ruleId = duty!["ruleId"]!.GetValue<string>(), justification = "kill drill: the duty is handled outside the service" });
        }

        await ClusterOfProcesses.SendAsync(lead, HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { });
        await ClusterOfProcesses.SendAsync(approver, HttpMethod.Post, $"/api/campaigns/{campaign}/approve", new { });

        var recoveries = new List<TimeSpan>();
        var killAt = random.Next(2, 6);
        for (var kill = 1; kill <= kills; kill++)
        {
            var (sender, mails) = await SenderAfterAsync(killAt, kill);
            await Task.Delay(random.Next(0, 1000));
            var before = _mail.ReceivedCount;
            await _cluster.KillAsync(sender);
            var killedAt = _drill.Clock.Elapsed;
            before.Should().BeLessThan(_shop.People, "kill {0} falls in the middle of the fan-out", kill);
            _drill.Say($"kill {kill}: node {sender + 1} (kill -9) after {before} mails (threshold {mails})");
            // Restarted while the take-over is timed: whichever node recovers the batch first, the restart does not delay the clock.
            var restart = _cluster.RestartAsync(sender);
            while (_mail.ReceivedCount <= before)
            {
                (_drill.Clock.Elapsed - killedAt).Should().BeLessThan(TimeSpan.FromMinutes(5), "a node takes the batch over after kill {0}", kill);
                await Task.Delay(100);
            }

            recoveries.Add(_drill.Clock.Elapsed - killedAt);
            await restart;
            _drill.Say($"kill {kill}: first mail after it {recoveries[^1].TotalSeconds:F1} s later; node {sender + 1} up again " +
                       $"{(_drill.Clock.Elapsed - killedAt).TotalSeconds:F1} s after it, {_mail.ReceivedCount} mails by then");
            killAt = (int)_mail.ReceivedCount + random.Next(1, 5);
        }

        var observer = await _cluster.ClientAsync("audrey.auditor@shop.test", Roles.Auditor);
        var done = await _drill.UntilAsync(observer, $"/api/campaigns/{campaign}", c => c["status"]?.GetValue<string>() == "completed", TimeSpan.FromMinutes(6),
            "the campaign completes after the last kill");
        var perRecipient = _mail.Messages.GroupBy(m => m.Recipients.Single()).ToList();
        var repeats = perRecipient.Sum(r => r.Count() - 1);
        var lost = _shop.People - perRecipient.Count;
        _drill.Say($"kills {kills}; people {_shop.People}; mails {_mail.ReceivedCount}; lost {lost}; duplicated {repeats} (bound {kills}); " +
                   $"time to recover per kill {string.Join(", ", recoveries.Select(r => $"{r.TotalSeconds:F1}"))} s; completed at {_drill.Clock.Elapsed.TotalSeconds:F1} s");

        done["sent"]!.GetValue<long>().Should().Be(_shop.People, "everyone is recorded as sent once");
        lost.Should().Be(0, "nobody is lost: every person got the notice");
        repeats.Should().BeLessThanOrEqualTo(kills, "only the send in flight at each kill may be repeated (one batch was being sent): {0}",
            string.Join(", ", perRecipient.Where(r => r.Count() > 1).Select(r => $"{r.Key} x{r.Count()}")));
    }

    /// <summary>Waits until at least <paramref name="mails"/> mails arrived and a node is seen sending; that node and the threshold.</summary>
    private async Task<(int Node, int Mails)> SenderAfterAsync(int mails, int kill)
    {
        var started = _drill.Clock.Elapsed;
        int? sender = null;
        while (sender is null || _mail.ReceivedCount < mails)
        {
            (_drill.Clock.Elapsed - started).Should().BeLessThan(TimeSpan.FromMinutes(5), "a node sends the campaign before kill {0}", kill);
            sender = _cluster.NodeConnectedTo(_mail.Port) ?? sender;
            await Task.Delay(50);
        }

        return (sender.Value, mails);
    }
}
