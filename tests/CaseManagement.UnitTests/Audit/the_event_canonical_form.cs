using CaseManagement.Audit.Chain;
using FluentAssertions;

namespace CaseManagement.UnitTests.Audit;

/// <summary>The bytes hashed for one stored event (docs/hash-chain.md), checked against an independent implementation.</summary>
public class the_event_canonical_form
{
    private static readonly Guid Stream = Guid.Parse("019a0000-0000-7000-8000-00000000de70");
    private static readonly string Previous = string.Concat(Enumerable.Repeat("ab", 32));

    // As PostgreSQL prints a jsonb column: its own member order, a space after colons and commas.
    private static readonly StoredEvent Note = new(42, Stream, 2, "note_added", DateTimeOffset.Parse("2026-11-30T04:47:39.804103Z"), "acme",
        "user:sam@shop.test", "c-1", null, null, """{"text": "Skimmer found in footer.php", "incidentId": "019a0000-0000-7000-8000-00000000de70"}""");

    [Fact]
    public void the_canonical_text_holds_the_row_with_sorted_members_and_canonical_data()
    {
        EventCanonicalForm.Text(Note, Previous).Should().Be(
            """{"actor":"user:sam@shop.test","causationId":null,"correlationId":"c-1","data":{"incidentId":"019a0000-0000-7000-8000-00000000de70","text":"Skimmer found in footer.php"},"headers":null,"previous":"abababababababababababababababababababababababababababababababab","stream":"019a0000-0000-7000-8000-00000000de70","tenant":"acme","timestamp":"2026-11-30T04:47:39.804103Z","type":"note_added","version":2}""",
            "the member list, order and formats are what docs/hash-chain.md specifies");
    }

    [Fact]
    public void the_hash_is_the_sha256_of_the_utf8_text_as_another_implementation_computes_it() =>
        EventCanonicalForm.Hash(Note, Previous).Should().Be("d912a2ec545c2a34279c012ca02f09c561ba84fff9411311fa9f6707fa3d2a7e",
            "Node's JSON.stringify over the same object and crypto's SHA-256 give this value");

    [Fact]
    public void spacing_and_member_order_of_the_stored_json_do_not_change_the_hash()
    {
        var respaced = Note with { Data = """{ "incidentId" : "019a0000-0000-7000-8000-00000000de70" ,"text":"Skimmer found in footer.php" }""" };

        EventCanonicalForm.Hash(respaced, Previous).Should().Be(EventCanonicalForm.Hash(Note, Previous), "the same JSON value hashes alike however it is printed");
    }

    [Theory]
    [InlineData("2026-11-30T04:47:39Z", "2026-11-30T04:47:39.000000Z")]
    [InlineData("2026-11-30T05:47:39.1+01:00", "2026-11-30T04:47:39.100000Z")]
    [InlineData("2026-01-02T03:04:05.000007Z", "2026-01-02T03:04:05.000007Z")]
    public void timestamps_are_utc_with_exactly_six_fraction_digits(string stored, string canonical) =>
        EventCanonicalForm.Timestamp(DateTimeOffset.Parse(stored)).Should().Be(canonical, "PostgreSQL keeps microseconds, and the text must not vary with them");

    [Fact]
    public void every_field_of_the_row_is_covered()
    {
        var hash = EventCanonicalForm.Hash(Note, Previous);
        StoredEvent[] changed =
        [
            Note with { Type = "note_removed" },
            Note with { StreamId = Guid.NewGuid() },
            Note with { Version = 3 },
            Note with { Tenant = "other" },
            Note with { Timestamp = Note.Timestamp.AddTicks(10) },
            Note with { Actor = "user:mallory@shop.test" },
            Note with { CorrelationId = "c-2" },
            Note with { CausationId = "c-1" },
            Note with { Headers = """{"source": "import"}""" },
            Note with { Data = """{"text": "Nothing found", "incidentId": "019a0000-0000-7000-8000-00000000de70"}""" },
        ];

        changed.Select(e => EventCanonicalForm.Hash(e, Previous)).Should().OnlyHaveUniqueItems().And.NotContain(hash,
            "a change to any stored field, even a microsecond of its time, must change the hash");
        EventCanonicalForm.Hash(Note, EventCanonicalForm.Genesis).Should().NotBe(hash, "the previous hash chains the events together");
    }

    [Fact]
    public void the_sequence_number_is_not_hashed_but_compared_with_the_link() =>
        EventCanonicalForm.Hash(Note with { Sequence = 43 }, Previous).Should().Be(EventCanonicalForm.Hash(Note, Previous),
            "seq_id is where the row sits, checked against the link's recorded sequence rather than hashed");

    [Fact]
    public void sql_null_headers_and_json_null_headers_are_the_same_value() =>
        EventCanonicalForm.Hash(Note with { Headers = "null" }, Previous).Should().Be(EventCanonicalForm.Hash(Note, Previous),
            "Marten writes jsonb null or leaves the column NULL; both mean no headers");

    [Fact]
    public void the_genesis_is_64_zeros() => EventCanonicalForm.Genesis.Should().Be(new string('0', 64));
}
