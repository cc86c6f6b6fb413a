using CaseManagement.Security.Pii;
using FluentAssertions;
using static CaseManagement.UnitTests.Security.PiiKeys;

namespace CaseManagement.UnitTests.Security;

/// <summary>The keyed pseudonym that links one person's data across incidents without storing their email.</summary>
public class the_data_subject_id
{
    private static readonly byte[] Key = Convert.FromBase64String(Base64Key());

    [Fact]
    public void the_same_email_maps_to_the_same_subject_regardless_of_case_and_surrounding_whitespace()
    {
        var id = DataSubjectId.ForEmail("zoe@shop.example", Key);

        DataSubjectId.ForEmail("  Zoe@Shop.EXAMPLE\t", Key).Should().Be(id, "an erasure request by email must find every record of that person");
    }

    [Fact]
    public void a_subject_id_is_a_prefixed_lowercase_hex_hmac_that_does_not_contain_the_email()
    {
        var id = DataSubjectId.ForEmail("zoe@shop.example", Key);

        id.Should().MatchRegex("^subj_[0-9a-f]{64}$", "it is HMAC-SHA256 in lowercase hex");
        id.Should().NotContain("zoe", "the id is stored; the email is not");
    }

    [Fact]
    public void different_emails_map_to_different_subjects() =>
        DataSubjectId.ForEmail("zoe@shop.example", Key)
            .Should().NotBe(DataSubjectId.ForEmail("zoe@shop.example.org", Key), "different people must not share a data key");

    [Fact]
    public void a_different_subject_id_key_gives_different_subjects()
    {
        var otherKey = Convert.FromBase64String(Base64Key());

        DataSubjectId.ForEmail("zoe@shop.example", Key)
            .Should().NotBe(DataSubjectId.ForEmail("zoe@shop.example", otherKey), "without the key nobody can compute a subject id from a guessed email");
    }

    [Fact]
    public void the_key_ring_derives_subject_ids_with_the_configured_subject_id_key()
    {
        var options = Options();

        new MasterKeyRing(options).SubjectIdForEmail("Zoe@Shop.example ")
            .Should().Be(DataSubjectId.ForEmail("zoe@shop.example", Convert.FromBase64String(options.SubjectIdKey)), "features derive ids through the ring");
    }
}
