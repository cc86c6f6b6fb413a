using CaseManagement.Audit.Chain;
using FluentAssertions;

namespace CaseManagement.UnitTests.Audit;

/// <summary>The checkpoint key and schedule are checked when the service starts, with messages that name the setting and never the key.</summary>
public class the_audit_options
{
    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("c2hvcnQ=", "must decode to 32 bytes, not 5")]
    public void a_missing_or_malformed_checkpoint_key_stops_the_service(string? key, string reason)
    {
        var signer = () => new AuditOptions { CheckpointKey = key }.Signer();

        signer.Should().Throw<InvalidOperationException>("a service that cannot sign checkpoints must not pretend to keep them")
            .Which.Message.Should().Contain("Audit:CheckpointKey").And.Contain(reason);
    }

    [Fact]
    public void a_32_byte_key_signs()
    {
        var key = Convert.ToBase64String(new byte[32]);

        new AuditOptions { CheckpointKey = key }.Signer().KeyId.Should().MatchRegex("^[0-9a-f]{16}$");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(24 * 60 + 1)]
    public void a_checkpoint_interval_outside_a_day_is_refused(double minutes)
    {
        var interval = () => new AuditOptions { CheckpointMinutes = minutes }.CheckpointInterval();

        interval.Should().Throw<InvalidOperationException>().WithMessage("*Audit:CheckpointMinutes*");
    }

    [Fact]
    public void checkpoints_are_taken_every_15_minutes_by_default() =>
        new AuditOptions().CheckpointInterval().Should().Be(TimeSpan.FromMinutes(15));
}
