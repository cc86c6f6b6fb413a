using System.Diagnostics;
using System.Text.Json.Nodes;
using CaseManagement.Audit.Chain;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using CaseManagement.Incidents;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Audit;

/// <summary>The chain's upkeep: links written with every append, tombstones kept out, checkpoints on a schedule, and the retired subscription's backlog.</summary>
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
    public async Task an_event_rewritten_the_moment_after_its_append_is_caught()
    {
        var id = await Api.DetectAsync("chain-shop");

        // No wait for anything: the answer to the append is the first moment anyone else can see the event.
        await Api.ActAsync(id, "add-note", new { text = "card skimmer found in footer.php" });
        await SqlAsync(id, "update casemanagement.mt_events set data = jsonb_set(data, '{text}', '\"nothing found\"') where tenant_id = @org and stream_id = @stream and version = 2");

        ShouldBreak(await ChainAsync(id), "changed", 2);
    }

    [Fact]
    public async Task under_concurrent_appends_every_committed_event_already_has_its_link()
    {
        var incidents = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Api.DetectAsync("chain-shop")));

        // One writer per incident (two at once on one incident is a 409), all incidents at the same time.
        await Task.WhenAll(incidents.Select(async id =>
        {
            for (var n = 1; n <= 5; n++)
            {
                await Api.ActAsync(id, "add-note", new { text = $"note {n}" });
            }
        }));

        (await UnlinkedAsync()).Should().Be(0, "each event is linked in the transaction that appends it, so none is ever seen without its link");
        var report = await ReportAsync();
        report["intact"]!.GetValue<bool>().Should().BeTrue(report.ToJsonString());
        report["eventsChecked"]!.GetValue<long>().Should().Be(4 * 6, "four incidents of a detection and five notes each");
    }

    [Fact]
    public async Task a_failed_unit_of_work_leaves_tombstones_that_are_nobodys_history_and_no_false_alarm()
    {
        var id = await IncidentWithNotesAsync(1);
        var store = Fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var key = new ChainCheckpoint { Id = Guid.NewGuid(), Organisation = Organisation };
        await using (var first = store.LightweightSession(Organisation))
        {
            first.Insert(key);
            await first.SaveChangesAsync();
        }

        // The note and a document that already exists, in one unit of work: the insert fails, the note is rolled back,
        // and Marten fills the sequence numbers the note had taken with tombstones, in a transaction of its own.
        await using (var failing = store.LightweightSession(Organisation))
        {
            failing.Events.Append(id, new NoteAdded(id, "never recorded"));
            failing.Insert(key);
            var save = () => failing.SaveChangesAsync();
            await save.Should().ThrowAsync<Exception>();
        }

        await UntilAsync(async () => (long)(await ChainFixture.SqlAsync(
            "select count(*) from casemanagement.mt_events where tenant_id = @org and type = 'tombstone'", ("org", Organisation)))! > 0,
            "Marten records its tombstones");
        await using (var cleanup = store.LightweightSession(Organisation))
        {
            cleanup.HardDelete(key);
            await cleanup.SaveChangesAsync();
        }

        var report = await ReportAsync();
        report["intact"]!.GetValue<bool>().Should().BeTrue("tombstones are not an event of any history, so their gaps are no deletion: {0}", report.ToJsonString());
        report["streamsChecked"]!.GetValue<int>().Should().Be(1, "the incident is the organisation's only stream; the tombstones' is Marten's own");
        (await ChainAsync(id))["headVersion"]!.GetValue<long>().Should().Be(2, "the failed note was never recorded");
    }

    [Fact]
    public async Task tombstones_another_node_left_are_no_false_alarm_but_a_history_retyped_as_tombstones_is_still_checked()
    {
        var id = await IncidentWithNotesAsync(1);
        // Each process draws its tombstone stream's id at start, so another node's (or an earlier run's) tombstones sit in a
        // stream this process does not know; written here as Marten writes them, sequence numbers and all.
        var elsewhere = Guid.NewGuid();
        await SqlAsync(elsewhere, """
            insert into casemanagement.mt_streams (tenant_id, id, type, version, timestamp, created) values (@org, @stream, null, 0, now(), now());
            insert into casemanagement.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
            select n, gen_random_uuid(), @stream, n, '{}', 'tombstone', '-infinity', @org, 'JasperFx.Events.Tombstone, JasperFx.Events', false
            from (select nextval('casemanagement.mt_events_sequence') as n from generate_series(1, 3)) as taken
            """);

        var report = await ReportAsync();
        report["intact"]!.GetValue<bool>().Should().BeTrue("another process's tombstones are nobody's history, whatever their stream's id: {0}", report.ToJsonString());
        report["streamsChecked"]!.GetValue<int>().Should().Be(1, "the incident is the organisation's only history");
        (await VerifyChainsCliAsync(Fixture, Organisation)).Intact.Should().BeTrue("the command line verifies as the API does");

        await SqlAsync(id, "update casemanagement.mt_events set type = 'tombstone' where tenant_id = @org and stream_id = @stream");
        var retyped = await ReportAsync();
        retyped["intact"]!.GetValue<bool>().Should().BeFalse("a linked history whose events are made to look like tombstones is still verified, and found changed: {0}",
            retyped.ToJsonString());
    }

    [Fact]
    public async Task events_the_retired_subscription_had_not_reached_are_linked_on_the_first_start_and_tampering_it_had_seen_stays_visible()
    {
        var behind = await IncidentWithNotesAsync(2);
        var tampered = await IncidentWithNotesAsync(1);
        // As a database from before ADR 21 would be: the subscription at its position, the newest events not linked yet,
        // and an event it had passed rewritten afterwards.
        var position = (long)(await ChainFixture.SqlAsync(
            "select seq_id from casemanagement.mt_events where tenant_id = @org and stream_id = @stream and version = 1", ("org", Organisation), ("stream", behind)))!;
        await SqlAsync(behind, $"""
            delete from casemanagement.mt_doc_chainlink where tenant_id = @org and id in ('{behind:N}:2', '{behind:N}:3');
            update casemanagement.mt_doc_chainhead h set data = h.data || jsonb_build_object('version', 1, 'sequence', l.data->'sequence', 'hash', l.data->'hash')
            from casemanagement.mt_doc_chainlink l where h.tenant_id = @org and h.id = @stream and l.tenant_id = @org and l.id = '{behind:N}:1';
            insert into casemanagement.mt_event_progression (name, last_seq_id) values ('{RetiredChainSubscription.ProgressName}', {position})
            on conflict (name) do update set last_seq_id = excluded.last_seq_id;
            """);
        await SqlAsync(tampered, "update casemanagement.mt_events set data = jsonb_set(data, '{text}', '\"rewritten\"') where tenant_id = @org and stream_id = @stream and version = 2");

        await Fixture.RestartAsync();

        var linked = await ChainAsync(behind);
        linked["intact"]!.GetValue<bool>().Should().BeTrue("the events after the retired subscription's position are linked at start: {0}", linked.ToJsonString());
        linked["headVersion"]!.GetValue<long>().Should().Be(3);
        ShouldBreak(await ChainAsync(tampered), "changed", 2);
        (await ChainFixture.SqlAsync($"select count(*) from casemanagement.mt_event_progression where name = '{RetiredChainSubscription.ProgressName}'"))
            .Should().Be(0L, "the catch-up runs once");
    }

    private async Task<long> UnlinkedAsync() => (long)(await ChainFixture.SqlAsync("""
        select count(*) from casemanagement.mt_events e
        where e.tenant_id = @org and not exists (
            select 1 from casemanagement.mt_doc_chainlink l where l.tenant_id = e.tenant_id and l.id = replace(e.stream_id::text, '-', '') || ':' || e.version)
        """, ("org", Organisation)))!;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "{0} within a minute", what);
            await Task.Delay(200);
        }
    }
}
