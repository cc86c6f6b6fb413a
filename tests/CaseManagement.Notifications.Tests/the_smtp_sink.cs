using System.Diagnostics;
using System.Text;
using FluentAssertions;
using MailSink;

namespace CaseManagement.Notifications.Tests;

public sealed class the_smtp_sink
{
    [Fact]
    public async Task greets_and_announces_the_extensions_a_bulk_client_relies_on()
    {
        await using var sink = SmtpSink.Start(new SmtpSinkOptions { MaxMessageBytes = 1000 });
        var (conversation, greeting) = await SmtpConversation.OpenAsync(sink.Port);
        await using var _ = conversation;

        var ehlo = await conversation.SendAsync("EHLO client.example");

        greeting.Should().StartWith("220 mailsink.localhost ESMTP");
        ehlo.Split('\n').Should().Equal(
            ["250-mailsink.localhost greets client.example", "250-PIPELINING", "250-8BITMIME", "250-SMTPUTF8", "250-ENHANCEDSTATUSCODES", "250 SIZE 1000"],
            "MailKit pipelines, sends UTF-8 as 8bit and declares the size only when these are announced");
        sink.EndPoint.Address.ToString().Should().Be("127.0.0.1", "the sink never listens beyond loopback");
    }

    [Fact]
    public async Task answers_pipelined_commands_in_order_and_keeps_the_message_with_its_envelope()
    {
        await using var sink = SmtpSink.Start();
        await using var conversation = await HelloAsync(sink.Port);
        var before = DateTimeOffset.UtcNow;

        await conversation.WriteAsync("MAIL FROM:<sender@shop.example> SIZE=40 BODY=8BITMIME", "RCPT TO:<a@example.org>", "RCPT TO:<b@example.org>", "DATA");
        var replies = new[] { await conversation.ReplyAsync(), await conversation.ReplyAsync(), await conversation.ReplyAsync(), await conversation.ReplyAsync() };
        await conversation.WriteAsync("Subject: Grüße", "", "..one dot", "...two dots", "..", "last", ".");
        var queued = await conversation.ReplyAsync();

        replies.Should().Equal(["250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>"]);
        var message = sink.Messages.Should().ContainSingle().Subject;
        queued.Should().Be("250 2.0.0 Ok: queued as " + message.QueueId);
        message.EnvelopeFrom.Should().Be("sender@shop.example");
        message.Recipients.Should().Equal("a@example.org", "b@example.org");
        Encoding.UTF8.GetString(message.Raw).Should().Be("Subject: Grüße\r\n\r\n.one dot\r\n..two dots\r\n.\r\nlast\r\n",
            "the leading dot the client added to each line is taken off, and the lone dot ends the data");
        message.ReceivedAt.Should().BeOnOrAfter(before);
        sink.ReceivedCount.Should().Be(1);
    }

    [Fact]
    public async Task refuses_commands_out_of_sequence_with_503()
    {
        await using var sink = SmtpSink.Start();
        var (conversation, _) = await SmtpConversation.OpenAsync(sink.Port);
        await using var _ = conversation;

        (await conversation.SendAsync("MAIL FROM:<a@b.example>")).Should().StartWith("503", "MAIL needs EHLO or HELO first");
        (await conversation.SendAsync("HELO client.example")).Should().Be("250 mailsink.localhost");
        (await conversation.SendAsync("RCPT TO:<a@b.example>")).Should().StartWith("503", "RCPT needs MAIL first");
        (await conversation.SendAsync("DATA")).Should().StartWith("503", "DATA needs MAIL first");
        (await conversation.SendAsync("MAIL FROM:<a@b.example>")).Should().StartWith("250");
        (await conversation.SendAsync("MAIL FROM:<a@b.example>")).Should().StartWith("503", "a transaction cannot nest");
        (await conversation.SendAsync("DATA")).Should().StartWith("554", "there is no valid recipient to deliver to");
        (await conversation.SendAsync("RCPT TO:a@b.example")).Should().StartWith("501", "a path needs its angle brackets");
        (await conversation.SendAsync("STARTTLS")).Should().StartWith("500", "the sink speaks plain text only and does not announce STARTTLS");
    }

    [Fact]
    public async Task rset_forgets_the_transaction_noop_keeps_the_session_and_quit_ends_it()
    {
        await using var sink = SmtpSink.Start();
        await using var conversation = await HelloAsync(sink.Port);

        await conversation.SendAsync("MAIL FROM:<a@b.example>");
        await conversation.SendAsync("RCPT TO:<c@d.example>");
        (await conversation.SendAsync("RSET")).Should().Be("250 2.0.0 Ok");
        (await conversation.SendAsync("DATA")).Should().StartWith("503", "RSET dropped sender and recipients");
        (await conversation.SendAsync("NOOP")).Should().Be("250 2.0.0 Ok");
        (await conversation.SendAsync("QUIT")).Should().Be("221 2.0.0 Bye");

        (await conversation.ClosedAsync()).Should().BeTrue("the server closes the connection after QUIT");
        sink.ReceivedCount.Should().Be(0);
    }

    [Fact]
    public async Task refuses_a_message_larger_than_it_announced()
    {
        await using var sink = SmtpSink.Start(new SmtpSinkOptions { MaxMessageBytes = 100 });
        await using var conversation = await HelloAsync(sink.Port);

        var declared = await conversation.SendAsync("MAIL FROM:<a@b.example> SIZE=101");
        await conversation.SendAsync("MAIL FROM:<a@b.example>");
        await conversation.SendAsync("RCPT TO:<c@d.example>");
        await conversation.SendAsync("DATA");
        await conversation.WriteAsync(new string('x', 60), new string('y', 60), ".");
        var afterData = await conversation.ReplyAsync();

        declared.Should().StartWith("552 5.3.4", "a declared size over the limit is refused before any data");
        afterData.Should().StartWith("552 5.3.4", "an undeclared oversized message is read to its end and then refused");
        sink.ReceivedCount.Should().Be(0);
        (await conversation.SendAsync("NOOP")).Should().StartWith("250", "the session goes on after the refusal");
    }

    [Fact]
    public async Task answers_refused_recipients_and_temporary_failures_as_told_until_cleared()
    {
        await using var sink = SmtpSink.Start();
        await using var conversation = await HelloAsync(sink.Port);
        sink.RejectRecipient("Gone@Example.org");
        sink.RejectRecipient("full@example.org", 452);
        sink.RejectSender("spammer@b.example", 554);

        (await conversation.SendAsync("MAIL FROM:<spammer@b.example>")).Should().StartWith("554 ");
        await conversation.SendAsync("MAIL FROM:<a@b.example>");
        (await conversation.SendAsync("RCPT TO:<gone@example.org>")).Should().Be("550 5.1.1 Mailbox unavailable", "addresses match without regard to case");
        (await conversation.SendAsync("RCPT TO:<full@example.org>")).Should().Be("452 4.3.1 Insufficient system storage");
        (await conversation.SendAsync("RCPT TO:<ok@example.org>")).Should().StartWith("250");
        await conversation.SendAsync("RSET");
        sink.FailTemporarily(451);
        (await conversation.SendAsync("MAIL FROM:<a@b.example>")).Should().StartWith("451 4.3.0");
        sink.FailTemporarily(421);
        (await conversation.SendAsync("NOOP")).Should().StartWith("421 4.3.2");
        (await conversation.ClosedAsync()).Should().BeTrue("421 closes the transmission channel");
        var (refused, greeting) = await SmtpConversation.OpenAsync(sink.Port);
        await using var _ = refused;
        greeting.Should().StartWith("421", "a new connection is refused at the greeting while the sink fails");

        sink.ClearFailures();
        await using var again = await HelloAsync(sink.Port);
        await again.SendAsync("MAIL FROM:<a@b.example>");
        (await again.SendAsync("RCPT TO:<gone@example.org>")).Should().StartWith("250", "clearing failures accepts every recipient again");
    }

    [Fact]
    public async Task keeps_only_the_newest_messages_in_memory_but_counts_them_all()
    {
        await using var sink = SmtpSink.Start(new SmtpSinkOptions { MaxStoredMessages = 3 });
        await using var conversation = await HelloAsync(sink.Port);

        for (var i = 1; i <= 5; i++)
        {
            await SendMessageAsync(conversation, $"Subject: {i}");
        }

        sink.ReceivedCount.Should().Be(5);
        sink.Messages.Select(m => m.Sequence).Should().Equal([3, 4, 5], "the store is bounded so that a long run cannot exhaust memory");
    }

    [Fact]
    public async Task writes_each_message_to_the_mail_folder_as_an_eml_file()
    {
        var folder = Directory.CreateTempSubdirectory("mailsink-test-").FullName;
        try
        {
            await using var sink = SmtpSink.Start(new SmtpSinkOptions { MailDirectory = folder });
            await using var conversation = await HelloAsync(sink.Port);

            await SendMessageAsync(conversation, "Subject: on disk");

            var file = Directory.GetFiles(folder).Should().ContainSingle().Subject;
            Path.GetFileName(file).Should().Be($"0000000001-{sink.Messages.Single().QueueId}.eml");
            (await File.ReadAllBytesAsync(file)).Should().Equal(sink.Messages.Single().Raw);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task a_restarted_sink_numbers_on_after_the_messages_its_folder_already_holds()
    {
        var folder = Directory.CreateTempSubdirectory("mailsink-test-").FullName;
        try
        {
            await using (var first = SmtpSink.Start(new SmtpSinkOptions { MailDirectory = folder }))
            await using (var conversation = await HelloAsync(first.Port))
            {
                await SendMessageAsync(conversation, "Subject: before the restart");
            }

            await using var second = SmtpSink.Start(new SmtpSinkOptions { MailDirectory = folder });
            await using var again = await HelloAsync(second.Port);
            // Answered 451 when the restarted sink reused the name of the message already on disk.
            await SendMessageAsync(again, "Subject: after the restart");

            Directory.GetFiles(folder).Select(Path.GetFileName).Order().Last().Should().StartWith("0000000002-",
                "a restarted sink numbers on after what the folder holds");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task serves_many_clients_at_once()
    {
        await using var sink = SmtpSink.Start();

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(async () =>
        {
            await using var conversation = await HelloAsync(sink.Port);
            await SendMessageAsync(conversation, $"Subject: client {i}");
        })));

        sink.ReceivedCount.Should().Be(50);
        sink.ConnectionCount.Should().Be(50);
    }

    [Fact]
    public async Task the_console_app_prints_one_ready_line_and_exits_cleanly_on_sigterm()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(SmtpSink).Assembly.Location, "--port", "0"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            ready.Should().MatchRegex(@"^MailSink ready on 127\.0\.0\.1:\d+, keeping messages in memory only$");
            var port = int.Parse(ready!.Split(':')[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
            await using (var conversation = await HelloAsync(port))
            {
                await SendMessageAsync(conversation, "Subject: console");
            }

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            process.ExitCode.Should().Be(0, "SIGTERM is a normal stop");
            (await process.StandardOutput.ReadToEndAsync()).Should().Contain("stopped after 1 messages");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task<SmtpConversation> HelloAsync(int port)
    {
        var (conversation, _) = await SmtpConversation.OpenAsync(port);
        await conversation.SendAsync("EHLO client.example");
        return conversation;
    }

    private static async Task SendMessageAsync(SmtpConversation conversation, string header)
    {
        await conversation.WriteAsync("MAIL FROM:<a@b.example>", "RCPT TO:<c@d.example>", "DATA");
        for (var i = 0; i < 3; i++)
        {
            (await conversation.ReplyAsync()).Should().StartWith(i < 2 ? "250" : "354");
        }

        (await conversation.SendAsync($"{header}\r\n\r\nbody\r\n.")).Should().StartWith("250 2.0.0 Ok: queued as");
    }
}
