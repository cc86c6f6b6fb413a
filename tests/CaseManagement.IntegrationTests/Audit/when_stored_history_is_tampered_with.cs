using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Audit;

/// <summary>
/// Someone with write access to PostgreSQL edits, deletes or moves stored events. The chain, recomputed from the rows,
/// shows where; the API answers 200 either way, the organisation report lists the broken stream, and the CLI fails.
/// </summary>
public sealed class when_stored_history_is_tampered_with(ChainFixture fixture) : ChainScenario(fixture)
{
    private const string Events = "casemanagement.mt_events";
    private const string OneStream = "tenant_id = @org and stream_id = @stream";

    [Fact]
    public async Task an_untouched_incident_verifies_intact_through_the_api_the_report_and_the_cli()
    {
        var id = await IncidentWithNotesAsync(3);

        var chain = await LinkedAsync(id, 4);

        chain["firstBreak"].Should().BeNull();
        chain["headVersion"]!.GetValue<long>().Should().Be(4);
        chain["headHash"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        var report = await ReportAsync();
        report["intact"]!.GetValue<bool>().Should().BeTrue(report.ToJsonString());
        report["streamsChecked"]!.GetValue<int>().Should().Be(1, "the organisation has this one incident");
        report["eventsChecked"]!.GetValue<long>().Should().Be(4);
        report["brokenStreams"]!.AsArray().Should().BeEmpty();
        var (intact, output) = await VerifyChainsCliAsync(Fixture, Organisation);
        intact.Should().BeTrue(output);
        output.Should().Contain($"{Organisation} {id} intact, 4 events", "the CLI prints one line per stream");
        await Api.GetAsync($"/api/incidents/{Guid.NewGuid()}/chain", 404);
    }

    [Fact]
    public async Task changed_event_data_breaks_the_chain_at_that_version()
    {
        var id = await IncidentWithNotesAsync(3);
        await LinkedAsync(id, 4);

        await SqlAsync(id, $"update {Events} set data = jsonb_set(data, '{{text}}', '\"nothing of note\"') where {OneStream} and version = 3");

        var chain = await ChainAsync(id);
        ShouldBreak(chain, "changed", 3);
        chain["eventsChecked"]!.GetValue<long>().Should().Be(2, "versions 1 and 2 still hold");
        chain["firstBreak"]!["expectedHash"]!.GetValue<string>().Should().NotBe(chain["firstBreak"]!["actualHash"]!.GetValue<string>());
        var report = await ReportAsync();
        report["intact"]!.GetValue<bool>().Should().BeFalse();
        report["brokenStreams"]!.AsArray().Should().ContainSingle().Which!["firstBreak"]!["kind"]!.GetValue<string>().Should().Be("changed");
        var (intact, output) = await VerifyChainsCliAsync(Fixture, null, id);
        intact.Should().BeFalse("a broken chain fails the command (exit code 1)");
        output.Should().Contain($"{Organisation} {id} BROKEN Changed at version 3");
    }

    [Fact]
    public async Task a_deleted_middle_event_is_missing()
    {
        var id = await IncidentWithNotesAsync(3);
        await LinkedAsync(id, 4);

        await SqlAsync(id, $"delete from {Events} where {OneStream} and version = 2");

        ShouldBreak(await ChainAsync(id), "missing", 2);
    }

    [Fact]
    public async Task swapping_two_events_versions_is_reported_as_reordered()
    {
        var id = await IncidentWithNotesAsync(3);
        await LinkedAsync(id, 4);

        // Versions are unique per stream, so the swap goes through a spare number, as an attacker's would.
        await SqlAsync(id, $"""
            update {Events} set version = -2 where {OneStream} and version = 2;
            update {Events} set version = 2 where {OneStream} and version = 3;
            update {Events} set version = 3 where {OneStream} and version = -2;
            """);

        // Reordered, not Changed: the links record each version's sequence number, and version 2 is now held by the row
        // linked as version 3. The sequence check comes before the hash (which would differ too: the version is hashed).
        var chain = await ChainAsync(id);
        ShouldBreak(chain, "reordered", 2);
        chain["firstBreak"]!["detail"]!.GetValue<string>().Should().Contain("moved");
    }

    [Fact]
    public async Task removing_the_last_event_after_a_checkpoint_is_a_truncation_even_with_its_link_and_head_removed()
    {
        var id = await IncidentWithNotesAsync(3);
        await LinkedAsync(id, 4);
        var checkpoint = await Api.SendAsync(HttpMethod.Post, "/api/chain/checkpoints", null, 201);
        checkpoint["heads"]!.AsArray().Should().ContainSingle().Which!["version"]!.GetValue<long>().Should().Be(4);

        await SqlAsync(id, $"""
            delete from {Events} where {OneStream} and version = 4;
            delete from casemanagement.mt_doc_chainlink where tenant_id = @org and id = '{id:N}:4';
            delete from casemanagement.mt_doc_chainhead where tenant_id = @org and id = @stream;
            """);

        var chain = await ChainAsync(id);
        ShouldBreak(chain, "truncated", 4);
        chain["checkpointAt"].Should().NotBeNull("the signed checkpoint is what remembers version 4");
        chain["firstBreak"]!["expectedHash"]!.GetValue<string>().Should().Be(checkpoint["heads"]![0]!["hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task erasing_a_persons_personal_data_leaves_the_chain_intact()
    {
        var email = $"shopper.{Guid.NewGuid():N}@example.test";
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Shopper reports a skimmed card", shop = "chain-shop", kind = "checkout-skimmer", detectedAt = "2026-11-20T08:00:00Z",
            reporter = new { email, name = "Zoë Ødegård" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        var before = await LinkedAsync(id, 1);

        await Api.SendAsync(HttpMethod.Post, "/api/privacy/erasures", new { email, reason = "Art. 17 request" }, 200);
        await Api.GetAsync($"/api/incidents/{id}/reporter", 410);

        var after = await ChainAsync(id);
        after["intact"]!.GetValue<bool>().Should().BeTrue("the events hold ciphertext; destroying the key changes no stored byte");
        after["headHash"]!.GetValue<string>().Should().Be(before["headHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_checkpoint_forged_in_the_database_is_reported_and_passed_over()
    {
        var id = await IncidentWithNotesAsync(1);
        await LinkedAsync(id, 2);
        var checkpoint = await Api.SendAsync(HttpMethod.Post, "/api/chain/checkpoints", null, 201);
        var checkpointId = checkpoint["id"]!.GetValue<Guid>();

        // A head moved back to version 1 with a root recomputed to match, as someone who read docs/hash-chain.md would;
        // only the signature, which needs the key, is left as it was.
        var forgedHeads = new[] { new CaseManagement.Audit.Chain.CheckpointHead(id, 1, new string('f', 64)) };
        await ChainFixture.SqlAsync("""
            update casemanagement.mt_doc_chaincheckpoint
            set data = jsonb_set(jsonb_set(data, '{heads,0,version}', '1'), '{heads,0,hash}', to_jsonb(@hash::text)) || jsonb_build_object('root', @root::text)
            where tenant_id = @org and id = @id
            """, ("org", Organisation), ("id", checkpointId), ("hash", new string('f', 64)),
            ("root", CaseManagement.Audit.Chain.ChainCheckpointSigner.Root(forgedHeads)));

        var report = await ReportAsync();
        report["intact"]!.GetValue<bool>().Should().BeFalse("a checkpoint that fails its signature is a failure in itself");
        var problem = report["checkpointProblems"]!.AsArray().Should().ContainSingle().Subject!;
        problem["id"]!.GetValue<Guid>().Should().Be(checkpointId);
        problem["problem"]!.GetValue<string>().Should().Contain("signature does not match");
        report["brokenStreams"]!.AsArray().Should().BeEmpty("the forged checkpoint is not trusted, so the intact stream is not measured against it");
        var listed = (await Api.GetAsync("/api/chain/checkpoints")).AsArray().Single(c => c!["id"]!.GetValue<Guid>() == checkpointId)!;
        listed["valid"]!.GetValue<bool>().Should().BeFalse();
        (await Api.GetAsync($"/api/chain/checkpoints/{checkpointId}"))["heads"]![0]!["version"]!.GetValue<long>().Should().Be(1);
        var (intact, output) = await VerifyChainsCliAsync(Fixture, Organisation);
        intact.Should().BeFalse();
        output.Should().Contain($"checkpoint {checkpointId}").And.Contain("INVALID");
    }
}
