using System.Security.Cryptography;
using System.Text;
using CaseManagement.Audit.Chain;
using FluentAssertions;

namespace CaseManagement.UnitTests.Audit;

/// <summary>Linking a stream and recomputing it: each way a stored history can be tampered with.</summary>
public class the_chain_comparison
{
    private static readonly Guid Stream = Guid.Parse("019a0000-0000-7000-8000-0000000c4a11");
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-30T04:00:00Z");
    private static readonly IReadOnlyDictionary<string, ChainLink> NothingRecorded = new Dictionary<string, ChainLink>();

    private static List<StoredEvent> Events(int count) =>
    [
        .. Enumerable.Range(1, count).Select(v => new StoredEvent(v * 10, Stream, v, "note_added", Start.AddMinutes(v), "acme", "user:sam@shop.test",
            $"corr-{v}", null, null, $$"""{"text": "note {{v}}", "incidentId": "{{Stream}}"}""")),
    ];

    private static List<ChainLink> Links(IReadOnlyList<StoredEvent> events) => [.. ChainLinking.Link(events, EventCanonicalForm.Genesis, NothingRecorded).NewLinks];

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static ChainHead HeadOf(ChainLink link) => new() { Id = link.StreamId, Version = link.Version, Sequence = link.Sequence, Hash = link.Hash };

    private static ChainVerification Verify(IReadOnlyList<StoredEvent> events, IReadOnlyList<ChainLink> links, StreamCheckpoint? checkpoint = null) =>
        ChainComparison.Verify(Stream, events, links, links.Count == 0 ? null : HeadOf(links[^1]), checkpoint);

    [Fact]
    public void an_untouched_stream_is_intact_up_to_its_head()
    {
        var events = Events(4);
        var links = Links(events);

        var result = Verify(events, links);

        result.Intact.Should().BeTrue();
        result.FirstBreak.Should().BeNull();
        result.EventsChecked.Should().Be(4);
        result.HeadVersion.Should().Be(4);
        result.HeadHash.Should().Be(links[^1].Hash, "the recomputed head is the recorded one");
        links[0].PreviousHash.Should().Be(EventCanonicalForm.Genesis);
        links.Skip(1).Select(l => l.PreviousHash).Should().Equal(links.SkipLast(1).Select(l => l.Hash), "each link builds on the one before");
    }

    [Fact]
    public void changed_data_breaks_the_chain_at_that_version()
    {
        var events = Events(4);
        var links = Links(events);
        events[1] = events[1] with { Data = events[1].Data.Replace("note 2", "nothing to see") };

        var result = Verify(events, links);

        result.Intact.Should().BeFalse();
        result.FirstBreak!.Kind.Should().Be(ChainBreakKind.Changed);
        result.FirstBreak.Version.Should().Be(2);
        result.FirstBreak.ExpectedHash.Should().Be(links[1].Hash);
        result.FirstBreak.ActualHash.Should().Be(EventCanonicalForm.Hash(events[1], links[0].Hash));
        result.EventsChecked.Should().Be(1, "version 1 still holds");
    }

    [Fact]
    public void a_deleted_middle_event_is_missing()
    {
        var events = Events(4);
        var links = Links(events);
        events.RemoveAt(2);

        var result = Verify(events, links);

        result.FirstBreak!.Kind.Should().Be(ChainBreakKind.Missing);
        result.FirstBreak.Version.Should().Be(3);
        result.FirstBreak.ExpectedHash.Should().Be(links[2].Hash, "the link shows what was there");
    }

    [Fact]
    public void a_deleted_last_event_is_missing_when_its_link_remains()
    {
        var events = Events(4);
        var links = Links(events);
        events.RemoveAt(3);

        Verify(events, links).FirstBreak.Should().BeEquivalentTo(new { Kind = ChainBreakKind.Missing, Version = 4L });
    }

    [Fact]
    public void swapped_versions_are_reordered_at_the_first_of_them()
    {
        var events = Events(4);
        var links = Links(events);
        (events[1], events[2]) = (events[2] with { Version = 2 }, events[1] with { Version = 3 });

        var result = Verify(events, links);

        result.FirstBreak!.Kind.Should().Be(ChainBreakKind.Reordered,
            "version 2 is now held by the row the chain linked as version 3; the sequence numbers show the move before any hash is compared");
        result.FirstBreak.Version.Should().Be(2);
        result.FirstBreak.Sequence.Should().Be(30);
    }

    [Fact]
    public void an_event_without_a_link_is_unlinked()
    {
        var events = Events(4);
        var links = Links(events);
        links.RemoveAt(1);

        Verify(events, links).FirstBreak.Should().BeEquivalentTo(new { Kind = ChainBreakKind.Unlinked, Version = 2L });
    }

    [Fact]
    public void a_link_edited_to_claim_another_version_counts_for_none()
    {
        var events = Events(3);
        var links = Links(events);
        links[1].Version = 3;

        Verify(events, links).FirstBreak.Should().BeEquivalentTo(new { Kind = ChainBreakKind.Unlinked, Version = 2L },
            "a link is where its id puts it; the edited one neither covers version 2 nor competes with version 3's");
    }

    [Fact]
    public void an_event_added_after_the_last_link_is_unlinked_because_every_append_links_its_events()
    {
        var events = Events(4);
        var links = Links(events).Take(3).ToList();

        var result = Verify(events, links);

        result.Intact.Should().BeFalse("an event is linked in the transaction that appends it, so one without a link was slipped in afterwards");
        result.FirstBreak.Should().BeEquivalentTo(new { Kind = ChainBreakKind.Unlinked, Version = 4L, Sequence = 40L });
        result.HeadVersion.Should().Be(3);
    }

    [Fact]
    public void events_removed_from_the_end_after_a_checkpoint_are_a_truncation_even_without_their_links()
    {
        var events = Events(4);
        var links = Links(events);
        var checkpoint = new StreamCheckpoint(new CheckpointHead(Stream, 4, links[3].Hash), Start.AddHours(1));

        var result = Verify(events.Take(3).ToList(), links.Take(3).ToList(), checkpoint: checkpoint);

        result.FirstBreak!.Kind.Should().Be(ChainBreakKind.Truncated, "the signed checkpoint remembers version 4 although event, link and head are gone");
        result.FirstBreak.Version.Should().Be(4);
        result.FirstBreak.ExpectedHash.Should().Be(links[3].Hash);
        result.CheckpointAt.Should().Be(checkpoint.At);
    }

    [Fact]
    public void events_and_links_rewritten_consistently_still_disagree_with_the_signed_checkpoint()
    {
        var events = Events(4);
        var checkpoint = new StreamCheckpoint(new CheckpointHead(Stream, 3, Links(events)[2].Hash), Start.AddHours(1));
        events[0] = events[0] with { Actor = "user:someone-else@shop.test" };

        var result = Verify(events, Links(events), checkpoint: checkpoint);

        result.FirstBreak!.Kind.Should().Be(ChainBreakKind.Changed);
        result.FirstBreak.Version.Should().Be(3, "every link agrees with the rewritten rows; only the checkpoint's head at version 3 does not");
        result.FirstBreak.Detail.Should().Contain("checkpoint");
    }

    [Fact]
    public void relinking_the_same_events_records_nothing_new()
    {
        var events = Events(3);
        var links = Links(events);

        var replay = ChainLinking.Link(events, EventCanonicalForm.Genesis, links.ToDictionary(l => l.Id));

        replay.NewLinks.Should().BeEmpty("a commit Marten retries finds every link it recorded with the same hash");
        replay.Conflict.Should().BeNull();
        replay.Head.Should().BeSameAs(links[^1]);
    }

    [Fact]
    public void a_recorded_link_is_never_replaced_by_another_hash()
    {
        var events = Events(3);
        var links = Links(events).Take(2).ToDictionary(l => l.Id);
        events[1] = events[1] with { Data = """{"text": "rewritten"}""" };

        var result = ChainLinking.Link(events, EventCanonicalForm.Genesis, links);

        result.Conflict.Should().NotBeNull("the stored row no longer matches what was linked");
        result.Conflict!.Event.Version.Should().Be(2);
        result.Conflict.Recorded.Should().BeSameAs(links[ChainLinking.LinkId(Stream, 2)]);
        result.NewLinks.Should().BeEmpty("nothing after the conflict is linked onto a hash that cannot be trusted");
    }

    [Fact]
    public void a_record_carries_the_bytes_its_link_covers_so_a_copy_checks_with_sha256_alone()
    {
        var events = Events(3);
        var links = Links(events);

        var records = ChainRecord.Pair(links, events);

        records.Select(r => r.Version).Should().Equal(1, 2, 3);
        foreach (var record in records)
        {
            Sha256(record.Canonical!).Should().Be(record.Hash, "version {0}'s canonical text is exactly what its link hashed", record.Version);
            record.Canonical.Should().Contain($"\"previous\":\"{record.PreviousHash}\"", "the text names the link before, so the chain checks offline too");
        }
    }

    [Fact]
    public void a_record_of_a_changed_row_shows_the_row_as_it_is_now_and_no_longer_hashes_to_its_link()
    {
        var events = Events(2);
        var links = Links(events);
        events[1] = events[1] with { Data = events[1].Data.Replace("note 2", "note two") };

        var records = ChainRecord.Pair(links, events);

        records[1].Canonical.Should().Contain("note two");
        Sha256(records[1].Canonical!).Should().NotBe(records[1].Hash, "a report must not paper over a changed row");
    }

    [Fact]
    public void a_record_whose_row_is_gone_has_no_canonical_text()
    {
        var events = Events(2);
        var links = Links(events);

        var records = ChainRecord.Pair(links, [events[0]]);

        records.Should().HaveCount(2);
        records[1].Canonical.Should().BeNull("the deleted row's bytes cannot be produced, and the offline check must fail there");
    }
}
