using System.Diagnostics;
using System.Text.Json.Nodes;
using CaseManagement.Audit.Chain;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Audit;

/// <summary>The chain's upkeep: checkpoints on a schedule, and a replayed subscription that changes nothing it recorded.</summary>
public sealed class when_the_chain_is_kept(ChainFixture fixture) : ChainScenario(fixture)
{
    [Fact]
    public async Task the_schedule_signs_the_heads_of_an_organisation_whose_chains_moved_and_nothing_when_they_did_not()
    {
        var id = await IncidentWithNotesAsync(1);
        var head = (await LinkedAsync(id, 2))["headHash"]!.GetValue<string>();

        // Every 3 s here (Audit:CheckpointMinutes = 0.05); 15 minutes by default.
        JsonNode? scheduled = null;
        await UntilAsync(async () =>
        {
            var newest = (await Api.GetAsync("/api/chain/checkpoints")).AsArray().FirstOrDefault();
            scheduled = newest is null ? null : await Api.GetAsync($"/api/chain/checkpoints/{newest["id"]}");
            return scheduled?["heads"]![0]!["hash"]!.GetValue<string>() == head;
        }, "a scheduled checkpoint signs the incident's head");

        scheduled!["recordedBy"]!.GetValue<string>().Should().Be(ChainCheckpointing.ScheduleActor);
        scheduled["valid"]!.GetValue<bool>().Should().BeTrue();
        (await ChainAsync(id))["checkpointAt"].Should().NotBeNull("the incident's head is now compared with the signed one");
        var count = (await Api.GetAsync("/api/chain/checkpoints")).AsArray().Count;
        await Fixture.Host.Services.GetRequiredService<ChainCheckpointing>().RecordScheduledAsync(CancellationToken.None);
        (await Api.GetAsync("/api/chain/checkpoints")).AsArray().Should().HaveCount(count, "nothing moved since the newest checkpoint, so a run signs nothing");
    }

    [Fact]
    public async Task a_replayed_chain_keeps_every_link_and_never_rewrites_one_whose_event_changed()
    {
        var untouched = await IncidentWithNotesAsync(2);
        var tampered = await IncidentWithNotesAsync(2);
        await LinkedAsync(untouched, 3);
        await LinkedAsync(tampered, 3);
        var linksBefore = await LinksAsync();
        await SqlAsync(tampered, "update casemanagement.mt_events set data = jsonb_set(data, '{text}', '\"rewritten\"') where tenant_id = @org and stream_id = @stream and version = 2");
        var lastSequence = (long)(await ChainFixture.SqlAsync("select max(seq_id) from casemanagement.mt_events"))!;

        var daemon = await Fixture.DaemonAsync();
        await daemon.RewindSubscriptionAsync(HashChainSubscription.Name, CancellationToken.None, sequenceFloor: 0);

        await UntilAsync(() => Fixture.Logs.Lines.Any(l => l.StartsWith("Error") && l.Contains($"stream {tampered}") && l.Contains("version 2")),
            "the replay reaches the tampered event and refuses to relink it");
        await UntilAsync(async () => (long)(await ChainFixture.SqlAsync(
                $"select last_seq_id from casemanagement.mt_event_progression where name = '{HashChainSubscription.ProgressName}'"))! >= lastSequence,
            "the replay reaches the end of the store");
        (await LinksAsync()).Should().Be(linksBefore, "a replayed page recomputes the same links, and a changed event's link is kept as it was");
        ShouldBreak(await ChainAsync(tampered), "changed", 2);
        (await ChainAsync(untouched))["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    private async Task<string> LinksAsync() =>
        (string)(await ChainFixture.SqlAsync(
            "select string_agg(id || '=' || (data->>'hash') || '<' || (data->>'previousHash'), ',' order by id) from casemanagement.mt_doc_chainlink where tenant_id = @org",
            ("org", Organisation)))!;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "{0} within a minute", what);
            await Task.Delay(200);
        }
    }

    private static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);
}
