using System.Text;
using CaseManagement.Feed.Delivering;
using CaseManagement.Feed.Subscribing;
using FluentAssertions;

namespace CaseManagement.UnitTests.Feed;

public class the_webhook_signature
{
    [Fact]
    public void signs_like_the_Standard_Webhooks_reference_example()
    {
        // The example of the Standard Webhooks specification and its reference libraries' tests.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));

        signature.Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void any_change_to_id_timestamp_or_body_changes_the_signature()
    {
        var secret = WebhookSecret.Generate();
        var body = Encoding.UTF8.GetBytes("{\"specversion\":\"1.0\"}");
        var original = WebhookSignature.Sign(secret, "a", 1, body);

        WebhookSignature.Sign(secret, "b", 1, body).Should().NotBe(original);
        WebhookSignature.Sign(secret, "a", 2, body).Should().NotBe(original);
        WebhookSignature.Sign(secret, "a", 1, Encoding.UTF8.GetBytes("{\"specversion\":\"1.1\"}")).Should().NotBe(original);
        WebhookSignature.Sign(WebhookSecret.Generate(), "a", 1, body).Should().NotBe(original, "each subscription's secret signs differently");
    }

    [Fact]
    public void generated_secrets_follow_the_whsec_convention_with_a_key_of_32_bytes()
    {
        var secret = WebhookSecret.Generate();

        secret.Should().StartWith("whsec_");
        WebhookSecret.TryKey(secret, out var key).Should().BeTrue();
        key.Should().HaveCount(32);
        WebhookSecret.Generate().Should().NotBe(secret);
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void a_secret_without_the_prefix_or_with_too_few_bytes_is_refused(string secret) =>
        WebhookSecret.Problem(secret).Should().NotBeNull();
}
