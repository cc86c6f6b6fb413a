using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CaseManagement.Notifications.Channels;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

public sealed class when_sending_sms_through_the_provider
{
    private const string Text = "Möbel Müller: Ihre Daten waren von einer Datenpanne betroffen. Details: https://moebel-mueller.example/info";

    private static HttpSmsChannel Channel(Uri baseUrl, string token = SmsProvider.Token, double timeoutSeconds = 10) =>
        new(new HttpClient(), new SmsProviderOptions { BaseUrl = baseUrl, ApiToken = token, SenderId = "MoebelMuel", Timeout = TimeSpan.FromSeconds(timeoutSeconds) });

    private static OutgoingNotice Notice(string key = "campaign-7.person-42", string to = "+4915112345678") => new(key, to, "Zoë Müller", null, Text);

    [Fact]
    public async Task an_accepted_message_reports_the_providers_id()
    {
        await using var provider = await SmsProvider.StartAsync();

        var result = await Channel(provider.BaseUrl).SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = true, Transient = false, ProviderMessageId = "msg_1" });
        result.ProviderResponse.Should().Be("""202 Accepted: {"id":"msg_1","status":"queued"}""", "the provider's answer is kept as delivery proof");
        provider.Messages.Should().Equal([new ProviderMessage("msg_1", "campaign-7.person-42", "+4915112345678", "MoebelMuel", Text)],
            "the token is accepted, the notice key is the Idempotency-Key and the UTF-8 text arrives unchanged");
    }

    [Fact]
    public async Task a_retry_with_the_same_key_is_accepted_as_the_message_sent_before()
    {
        await using var provider = await SmsProvider.StartAsync();
        var channel = Channel(provider.BaseUrl);

        var first = await channel.SendAsync(Notice(), CancellationToken.None);
        var retry = await channel.SendAsync(Notice(), CancellationToken.None);

        retry.Should().BeEquivalentTo(new { Accepted = true, Transient = false, ProviderMessageId = first.ProviderMessageId },
            "409 means an earlier attempt got through, whose answer may have been lost");
        retry.ProviderResponse.Should().StartWith("409 Conflict");
        provider.Messages.Should().ContainSingle("the person gets the SMS once");
    }

    [Fact]
    public async Task a_rate_limit_is_transient_and_keeps_the_providers_retry_after()
    {
        await using var provider = await SmsProvider.StartAsync();
        provider.RateLimit(retryAfterSeconds: 30);

        var result = await Channel(provider.BaseUrl).SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true, ProviderMessageId = (string?)null });
        result.ProviderResponse.Should().StartWith("429 Too Many Requests; Retry-After: 30 s", "whoever schedules the retry should wait as long as asked");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task a_provider_error_is_transient(int status)
    {
        await using var provider = await SmsProvider.StartAsync();
        provider.Fail(status);

        var result = await Channel(provider.BaseUrl).SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true }, "the provider's own trouble says nothing about the person");
        result.ProviderResponse.Should().StartWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task a_number_the_provider_refuses_is_a_permanent_failure_in_the_providers_words()
    {
        await using var provider = await SmsProvider.StartAsync();
        provider.RefuseNumber("+4930123456");

        var result = await Channel(provider.BaseUrl).SendAsync(Notice(to: "+4930123456"), CancellationToken.None);

        result.Should().Be(new DeliveryResult(false, false, "400 Bad Request: +4930123456 is not a mobile number.", null),
            "a landline cannot take an SMS however often it is tried");
    }

    [Fact]
    public async Task a_rejected_token_is_transient_because_it_is_not_the_persons_fault()
    {
        await using var provider = await SmsProvider.StartAsync();

        var result = await Channel(provider.BaseUrl, token: "expired").SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true }, "with a wrong token every notice fails alike; fixing it must let them go out");
        result.ProviderResponse.Should().StartWith("401 Unauthorized");
    }

    [Fact]
    public async Task a_provider_that_does_not_answer_in_time_is_transient()
    {
        await using var provider = await SmsProvider.StartAsync();
        provider.Stall(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var result = await Channel(provider.BaseUrl, timeoutSeconds: 0.5).SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true, Unreachable = true }, "a provider that does not answer says nothing about the person");
        result.ProviderResponse.Should().Be($"No answer from {provider.BaseUrl.Authority} within 0.5 s.");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task an_unreachable_provider_is_transient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Channel(new Uri($"http://127.0.0.1:{closedPort}/v1")).SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true, Unreachable = true }, "a campaign waits for the provider rather than failing people");
        result.ProviderResponse.Should().StartWith($"Could not reach 127.0.0.1:{closedPort}");
    }

    [Theory]
    [InlineData("015112345678")]
    [InlineData("+49 151 12345678")]
    [InlineData("zoe@example.org")]
    public async Task a_number_not_in_e164_form_is_refused_without_calling_the_provider(string to)
    {
        await using var provider = await SmsProvider.StartAsync();

        var result = await Channel(provider.BaseUrl).SendAsync(Notice(to: to), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = false });
        result.ProviderResponse.Should().Contain("is not an E.164 phone number");
        provider.Requests.Should().Be(0);
    }

    [Fact]
    public async Task cancelling_a_send_throws_rather_than_reporting_a_failure()
    {
        await using var provider = await SmsProvider.StartAsync();
        provider.Stall(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var send = () => Channel(provider.BaseUrl).SendAsync(Notice(), cancel.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void the_options_never_print_the_api_token()
    {
        var options = new SmsProviderOptions { BaseUrl = new Uri("https://sms.example/v1"), ApiToken = "secret-token", SenderId = "Shop" };

        options.ToString().Should().NotContain("secret-token", "options end up in logs").And.Contain("ApiToken = ***");
    }
}
