using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CaseManagement.Notifications.Channels;
using FluentAssertions;
using MailSink;
using MimeKit;

namespace CaseManagement.Notifications.Tests;

public sealed class when_sending_email_over_smtp
{
    private const string From = "datenschutz@moebel-mueller.example";
    private const string Subject = "Wichtig: Datenpanne bei Möbel Müller – was Sie jetzt tun können";

    private static SmtpOptions Options(int port, int connections = 4, double timeoutSeconds = 10) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Tls = SmtpTlsMode.None,
        FromAddress = From,
        FromName = "Möbel Müller GmbH",
        MaxConnections = connections,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    private static OutgoingNotice Notice(string key = "campaign-7.person-42", string to = "zoe.mueller@example.org", string body = "Sehr geehrte Frau Müller,\r\n") =>
        new(key, to, "Zoë Müller", Subject, body);

    private static MimeMessage Parse(ReceivedMessage message) => MimeMessage.Load(new MemoryStream(message.Raw));

    /// <summary>A channel with a pooled connection to a sink that has since stopped, and the port that sink had.</summary>
    private static async Task<(SmtpEmailChannel Channel, int Port)> ChannelWhoseServerWentAwayAsync()
    {
        var sink = SmtpSink.Start();
        var channel = new SmtpEmailChannel(Options(sink.Port));
        (await channel.SendAsync(Notice("k-1"), CancellationToken.None)).Accepted.Should().BeTrue("the connection is open before the server goes");
        await sink.DisposeAsync();
        return (channel, sink.Port);
    }

    [Fact]
    public async Task sender_recipient_and_subject_arrive_with_their_utf8_names()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        result.Accepted.Should().BeTrue(result.ProviderResponse);
        var received = sink.Messages.Should().ContainSingle().Subject;
        received.EnvelopeFrom.Should().Be(From, "the envelope sender is the configured From address");
        received.Recipients.Should().Equal(["zoe.mueller@example.org"], "the envelope goes to the person only");
        var message = Parse(received);
        message.From.Mailboxes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Möbel Müller GmbH", Address = From });
        message.To.Mailboxes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Zoë Müller", Address = "zoe.mueller@example.org" },
            "the person's name is written as given, umlauts included");
        message.Subject.Should().Be(Subject, "a non-ASCII subject survives the header encoding");
        message.Date.Should().BeCloseTo(DateTimeOffset.Now, TimeSpan.FromMinutes(1), "RFC 5322 requires the origination date");
    }

    [Fact]
    public async Task the_message_id_and_notice_header_come_from_the_idempotency_key_on_every_attempt()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));

        await channel.SendAsync(Notice(), CancellationToken.None);
        await channel.SendAsync(Notice(), CancellationToken.None);

        sink.Messages.Select(Parse).Should().HaveCount(2).And.AllSatisfy(m =>
        {
            m.MessageId.Should().Be("campaign-7.person-42@moebel-mueller.example", "a retry carries the same Message-Id, so the receiving side can spot the duplicate");
            m.Headers[NoticeEmail.NoticeIdHeader].Should().Be("campaign-7.person-42");
        });
        Encoding.UTF8.GetString(sink.Messages[0].Raw).Should().Contain("Message-Id: <campaign-7.person-42@moebel-mueller.example>\r\n");
    }

    [Theory]
    [InlineData("kampagne 7/person:42", "kampagne%207/person%3A42@shop.example")]
    [InlineData(".a..b.", "%2Ea.%2Eb%2E@shop.example")]
    [InlineData("50%", "50%25@shop.example")]
    [InlineData("zoë", "zo%C3%AB@shop.example")]
    public void a_key_a_message_id_cannot_hold_as_is_is_percent_encoded(string key, string expected)
    {
        NoticeEmail.MessageId(key, "shop.example").Should().Be(expected, "the id stays valid (dot-atom), stable for the key and distinct from other keys");
    }

    [Fact]
    public async Task the_body_arrives_byte_for_byte_with_multibyte_text_and_lines_starting_with_a_dot()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));
        const string body = "Sehr geehrte Frau Müller,\r\n.\r\n..zwei Punkte\r\n.ein Punkt\r\nЗдравствуйте, 你好, 🙂\r\n\r\nIhr Möbel-Müller-Team\r\n";

        var result = await channel.SendAsync(Notice(body: body), CancellationToken.None);

        result.Accepted.Should().BeTrue(result.ProviderResponse);
        var raw = sink.Messages.Single().Raw;
        var bodyStart = raw.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        raw[bodyStart..].Should().Equal(Encoding.UTF8.GetBytes(body),
            "a lone dot or a leading dot is stuffed by the client and unstuffed by the server, and UTF-8 goes as 8bit");
        Parse(sink.Messages.Single()).Body.Should().BeOfType<TextPart>().Which.ContentTransferEncoding.Should().Be(ContentEncoding.EightBit);
    }

    [Fact]
    public async Task an_accepted_notice_keeps_the_servers_reply_and_queue_id()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        var queueId = sink.Messages.Single().QueueId;
        result.Should().Be(new DeliveryResult(true, false, $"250 2.0.0 Ok: queued as {queueId}", queueId),
            "the reply is the delivery proof and the queue id finds the message in the relay's log");
    }

    [Fact]
    public async Task a_hundred_notices_sent_at_once_arrive_once_each_over_at_most_the_pooled_connections()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port, connections: 4));
        var keys = Enumerable.Range(1, 100).Select(i => $"campaign-7.person-{i}").ToList();

        var results = await Task.WhenAll(keys.Select(key => Task.Run(() => channel.SendAsync(Notice(key, $"{key}@example.org"), CancellationToken.None))));

        results.Should().AllSatisfy(r => r.Accepted.Should().BeTrue(r.ProviderResponse));
        sink.ReceivedCount.Should().Be(100);
        sink.Messages.Select(m => Parse(m).Headers[NoticeEmail.NoticeIdHeader]).Should().BeEquivalentTo(keys, "every notice arrives exactly once");
        sink.ConnectionCount.Should().BeInRange(1, 4, "connections are opened once and reused, never more than the pool allows");
        results.Select(r => r.ProviderMessageId).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(550)]
    [InlineData(553)]
    public async Task a_refused_recipient_is_a_permanent_failure_and_the_connection_serves_on(int code)
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));
        sink.RejectRecipient("gone@example.org", code);

        var refused = await channel.SendAsync(Notice("k-1", "gone@example.org"), CancellationToken.None);
        var next = await channel.SendAsync(Notice("k-2"), CancellationToken.None);

        refused.Accepted.Should().BeFalse();
        refused.Transient.Should().BeFalse("a 5xx reply refuses this address for good; retrying would change nothing");
        refused.ProviderResponse.Should().StartWith($"{code} 5.1.", "the server's words are kept as proof");
        next.Accepted.Should().BeTrue(next.ProviderResponse);
        sink.ConnectionCount.Should().Be(1, "a refused recipient ends the transaction, not the connection");
        sink.Messages.Should().ContainSingle().Which.Recipients.Should().Equal("zoe.mueller@example.org");
    }

    [Fact]
    public async Task a_recipient_the_server_cannot_take_now_is_a_transient_failure()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));
        sink.RejectRecipient("busy@example.org", 451);

        var result = await channel.SendAsync(Notice(to: "busy@example.org"), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true }, "451 asks the client to try again later");
        result.ProviderResponse.Should().StartWith("451 4.3.0");
    }

    [Fact]
    public async Task a_server_refusing_mail_for_the_moment_is_a_transient_failure()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));
        sink.FailTemporarily(451);

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true });
        result.ProviderResponse.Should().Contain("451", "the refusal of the sender address is a local problem of the server's, not the person's");
    }

    [Fact]
    public async Task a_refused_sender_address_is_transient_because_it_is_not_the_persons_fault()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));
        sink.RejectSender(From, 553);

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true },
            "with our sender refused every notice fails alike; once the relay is fixed the retries must go out");
        result.ProviderResponse.Should().StartWith("Sender refused: 553 5.1.3");
    }

    [Fact]
    public async Task a_server_closing_the_channel_with_421_is_transient_and_a_new_connection_follows()
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));
        await channel.SendAsync(Notice("k-1"), CancellationToken.None);
        sink.FailTemporarily(421);

        var closing = await channel.SendAsync(Notice("k-2"), CancellationToken.None);
        var refusedAtGreeting = await channel.SendAsync(Notice("k-3"), CancellationToken.None);
        sink.ClearFailures();
        var after = await channel.SendAsync(Notice("k-4"), CancellationToken.None);

        closing.Should().BeEquivalentTo(new { Accepted = false, Transient = true });
        closing.ProviderResponse.Should().StartWith("421 4.3.2");
        refusedAtGreeting.Should().BeEquivalentTo(new { Accepted = false, Transient = true }, "a 421 greeting refuses the connection, not the person");
        refusedAtGreeting.ProviderResponse.Should().Contain("421");
        after.Accepted.Should().BeTrue(after.ProviderResponse);
        sink.ConnectionCount.Should().Be(3, "the connection told 421 is dropped, and so is the one greeted with 421");
    }

    [Fact]
    public async Task while_the_server_is_away_sends_are_transient_and_the_channel_reconnects_when_it_is_back()
    {
        var (channel, port) = await ChannelWhoseServerWentAwayAsync();
        await using var _ = channel;

        var whileAway = await channel.SendAsync(Notice("k-2"), CancellationToken.None);
        await using var back = SmtpSink.Start(new SmtpSinkOptions { Port = port });
        var afterReturn = await channel.SendAsync(Notice("k-3"), CancellationToken.None);

        whileAway.Should().BeEquivalentTo(new { Accepted = false, Transient = true, Unreachable = true }, "an unreachable server says nothing about the person");
        whileAway.ProviderResponse.Should().StartWith("Could not connect to 127.0.0.1:");
        afterReturn.Accepted.Should().BeTrue(afterReturn.ProviderResponse);
        back.ConnectionCount.Should().Be(1, "the channel opens a new connection to the returned server");
    }

    [Fact]
    public async Task a_connection_the_server_closed_while_idle_is_replaced_without_a_failed_send()
    {
        var (channel, port) = await ChannelWhoseServerWentAwayAsync();
        await using var _ = channel;

        await using var restarted = SmtpSink.Start(new SmtpSinkOptions { Port = port });
        var result = await channel.SendAsync(Notice("k-2"), CancellationToken.None);

        result.Accepted.Should().BeTrue("the pool sees the closed connection before using it: " + result.ProviderResponse);
        restarted.ReceivedCount.Should().Be(1);
    }

    [Fact]
    public async Task a_server_that_never_answers_is_a_transient_failure_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var channel = new SmtpEmailChannel(Options(((IPEndPoint)silent.LocalEndpoint).Port, timeoutSeconds: 0.5));
        var watch = Stopwatch.StartNew();

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = true });
        result.ProviderResponse.Should().Contain("within 0.5 s");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the timeout bounds the whole send, greeting included");
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Zoë <zoe@example.org>")]
    [InlineData("zoe@")]
    public async Task an_address_that_is_no_email_address_is_refused_for_good_without_contacting_the_server(string to)
    {
        await using var sink = SmtpSink.Start();
        await using var channel = new SmtpEmailChannel(Options(sink.Port));

        var result = await channel.SendAsync(Notice(to: to), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Accepted = false, Transient = false }, "the notice itself is wrong; sending it again cannot help");
        result.ProviderResponse.Should().Contain("is not an email address");
        sink.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task cancelling_a_send_throws_rather_than_reporting_a_failure()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var channel = new SmtpEmailChannel(Options(((IPEndPoint)silent.LocalEndpoint).Port));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var send = () => channel.SendAsync(Notice(), cancel.Token);

        await send.Should().ThrowAsync<OperationCanceledException>("a cancelled send was not tried to the end, so it has no delivery result");
    }
}
