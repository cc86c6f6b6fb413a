using CaseManagement.Security.Pii;
using FluentAssertions;
using static CaseManagement.UnitTests.Security.PiiKeys;

namespace CaseManagement.UnitTests.Security;

/// <summary>Each misconfiguration is reported clearly, and never with key material.</summary>
public class the_pii_options
{
    [Fact]
    public void a_complete_configuration_has_no_problems() =>
        Options("k2", "k1", "k2").Validate().Should().BeEmpty("an active key among valid master keys and a long subject key is all that is needed");

    [Fact]
    public void a_missing_active_master_key_id_is_reported()
    {
        var options = Options();
        options.ActiveMasterKeyId = " ";

        options.Validate().Should().ContainSingle("that is the only problem")
            .Which.Should().Be("Security:Pii:ActiveMasterKeyId is missing.");
    }

    [Fact]
    public void an_active_master_key_id_that_is_not_configured_is_reported()
    {
        var options = Options();
        options.ActiveMasterKeyId = "k9";

        options.Validate().Should().ContainSingle("that is the only problem")
            .Which.Should().Be("Security:Pii:ActiveMasterKeyId 'k9' is not one of Security:Pii:MasterKeys.");
    }

    [Fact]
    public void a_master_key_that_is_not_base64_is_reported_without_echoing_it()
    {
        var options = Options();
        options.MasterKeys["k1"] = "s3cret-key-material!";

        var problem = options.Validate().Should().ContainSingle("that is the only problem").Which;

        problem.Should().Be("Security:Pii:MasterKeys:k1 is not valid base64.");
        problem.Should().NotContain("s3cret", "configuration errors end up in logs");
    }

    [Fact]
    public void a_master_key_of_the_wrong_length_is_reported_without_echoing_it()
    {
        var options = Options();
        var short16 = Base64Key(16);
        options.MasterKeys["k1"] = short16;

        var problem = options.Validate().Should().ContainSingle("that is the only problem").Which;

        problem.Should().Be("Security:Pii:MasterKeys:k1 must decode to 32 bytes, not 16.", "AES-256 needs exactly 32 bytes");
        problem.Should().NotContain(short16, "configuration errors end up in logs");
    }

    [Fact]
    public void a_master_key_id_containing_the_associated_data_separator_is_reported()
    {
        var options = Options("k|1");

        options.Validate().Should().ContainSingle("that is the only problem")
            .Which.Should().Be("Security:Pii:MasterKeys id 'k|1' must not contain '|'.");
    }

    [Fact]
    public void a_missing_subject_id_key_is_reported()
    {
        var options = Options();
        options.SubjectIdKey = "";

        options.Validate().Should().ContainSingle("that is the only problem")
            .Which.Should().Be("Security:Pii:SubjectIdKey is missing.");
    }

    [Fact]
    public void a_subject_id_key_that_is_not_base64_is_reported_without_echoing_it()
    {
        var options = Options();
        options.SubjectIdKey = "my subject secret";

        var problem = options.Validate().Should().ContainSingle("that is the only problem").Which;

        problem.Should().Be("Security:Pii:SubjectIdKey is not valid base64.");
        problem.Should().NotContain("secret", "configuration errors end up in logs");
    }

    [Fact]
    public void a_subject_id_key_that_is_too_short_is_reported_without_echoing_it()
    {
        var options = Options();
        var short20 = Base64Key(20);
        options.SubjectIdKey = short20;

        var problem = options.Validate().Should().ContainSingle("that is the only problem").Which;

        problem.Should().Be("Security:Pii:SubjectIdKey must decode to at least 32 bytes, not 20.");
        problem.Should().NotContain(short20, "configuration errors end up in logs");
    }

    [Fact]
    public void every_problem_is_reported_at_once()
    {
        var options = new PiiOptions { MasterKeys = new() { ["k1"] = "??" } };

        options.Validate().Should().HaveCount(3, "the active id, the bad master key and the missing subject key all need fixing");
    }
}
