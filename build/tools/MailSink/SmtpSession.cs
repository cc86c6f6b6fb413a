using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MailSink;

/// <summary>One client connection: the RFC 5321 command sequence, replies batched per pipelined group.</summary>
internal sealed class SmtpSession(SmtpSink sink, Socket socket, SmtpSinkOptions options)
{
    private const int BufferBytes = 64 * 1024;
    private const int MaxCommandBytes = 4096;
    private const int MaxRecipients = 100;

    private readonly ArrayBufferWriter<byte> replies = new(512);
    private readonly ArrayBufferWriter<byte> message = new(8 * 1024);
    private readonly List<string> recipients = [];
    private string? clientName;
    private string? envelopeFrom;

    public async Task RunAsync(CancellationToken stopping)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var reader = new LineReader(stream, BufferBytes, options.IdleTimeout, stopping);
        try
        {
            if (sink.TemporaryFailure == 421)
            {
                Reply(421, "4.3.2 Service not available, closing transmission channel");
                await FlushAsync(stream, stopping);
                return;
            }

            Reply(220, $"{options.HostName} ESMTP MailSink ready");
            var open = true;
            while (open)
            {
                // RFC 2920: answer a pipelined group in one write, once no further command is waiting.
                if (!reader.HasLine)
                {
                    await FlushAsync(stream, stopping);
                }

                if (await reader.ReadLineAsync() is not { } line)
                {
                    return;
                }

                open = await HandleAsync(line, reader, stream, stopping);
            }

            await FlushAsync(stream, stopping);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            Reply(421, "4.4.2 Idle for too long, closing connection");
            await TryFlushAsync(stream, stopping);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The client went away or the sink is stopping: nothing left to say.
        }
    }

    private async Task<bool> HandleAsync(Line line, LineReader reader, Stream stream, CancellationToken stopping)
    {
        if (!line.Raw.Span.EndsWith("\n"u8) || line.Raw.Length > MaxCommandBytes)
        {
            return await SkipLongLineAsync(line, reader);
        }

        if (sink.TemporaryFailure == 421)
        {
            Reply(421, "4.3.2 Service not available, closing transmission channel");
            return false;
        }

        // A bare LF ends a command line too: lenient for hand-typed sessions, and commands carry no content.
        var text = Encoding.UTF8.GetString(line.Content.Span).TrimEnd('\r', '\n');
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : text[(space + 1)..].Trim();
        switch (verb)
        {
            case "EHLO":
                Hello(argument, extended: true);
                return true;
            case "HELO":
                Hello(argument, extended: false);
                return true;
            case "MAIL":
                Mail(argument);
                return true;
            case "RCPT":
                Recipient(argument);
                return true;
            case "DATA":
                return await DataAsync(argument, reader, stream, stopping);
            case "RSET":
                Reset();
                Reply(250, "2.0.0 Ok");
                return true;
            case "NOOP":
                Reply(250, "2.0.0 Ok");
                return true;
            case "VRFY":
                Reply(252, "2.5.2 Cannot VRFY user, but will accept message and attempt delivery");
                return true;
            case "QUIT":
                Reply(221, "2.0.0 Bye");
                return false;
            default:
                Reply(500, "5.5.2 Command not recognized");
                return true;
        }
    }

    private async Task<bool> SkipLongLineAsync(Line line, LineReader reader)
    {
        while (!line.Raw.Span.EndsWith("\n"u8))
        {
            if (await reader.ReadLineAsync() is not { } next)
            {
                return false;
            }

            line = next;
        }

        Reply(500, "5.5.6 Line too long");
        return true;
    }

    private void Hello(string argument, bool extended)
    {
        if (argument.Length == 0)
        {
            Reply(501, "5.5.4 Syntax: " + (extended ? "EHLO" : "HELO") + " hostname");
            return;
        }

        Reset();
        clientName = argument;
        if (!extended)
        {
            Reply(250, options.HostName);
            return;
        }

        ReplyLine($"250-{options.HostName} greets {argument}");
        ReplyLine("250-PIPELINING");
        ReplyLine("250-8BITMIME");
        ReplyLine("250-SMTPUTF8");
        ReplyLine("250-ENHANCEDSTATUSCODES");
        ReplyLine(string.Create(CultureInfo.InvariantCulture, $"250 SIZE {options.MaxMessageBytes}"));
    }

    private void Mail(string argument)
    {
        if (clientName is null)
        {
            Reply(503, "5.5.1 Send EHLO or HELO first");
        }
        else if (envelopeFrom is not null)
        {
            Reply(503, "5.5.1 Nested MAIL command");
        }
        else if (!TryParsePath(argument, "FROM:", out var path, out var parameters))
        {
            Reply(501, "5.5.4 Syntax: MAIL FROM:<address>");
        }
        else if (parameters.FirstOrDefault(p => !IsKnownMailParameter(p)) is { } unknown)
        {
            Reply(555, $"5.5.4 Unsupported parameter {unknown}");
        }
        else if (DeclaredSize(parameters) > options.MaxMessageBytes)
        {
            Reply(552, "5.3.4 Message size exceeds fixed maximum message size");
        }
        else if (sink.TemporaryFailure == 451)
        {
            Reply(451, "4.3.0 Local error in processing, try again later");
        }
        else if (sink.SenderReply(path) is { } code)
        {
            Reply(code, Refusal(code));
        }
        else
        {
            envelopeFrom = path;
            Reply(250, "2.1.0 Ok");
        }
    }

    private void Recipient(string argument)
    {
        if (envelopeFrom is null)
        {
            Reply(503, "5.5.1 Need MAIL command");
        }
        else if (!TryParsePath(argument, "TO:", out var path, out _) || path.Length == 0)
        {
            Reply(501, "5.5.4 Syntax: RCPT TO:<address>");
        }
        else if (recipients.Count >= MaxRecipients)
        {
            Reply(452, "4.5.3 Too many recipients");
        }
        else if (sink.RecipientReply(path) is { } code)
        {
            Reply(code, Refusal(code));
        }
        else
        {
            recipients.Add(path);
            Reply(250, "2.1.5 Ok");
        }
    }

    private async Task<bool> DataAsync(string argument, LineReader reader, Stream stream, CancellationToken stopping)
    {
        if (argument.Length > 0)
        {
            Reply(501, "5.5.4 Syntax: DATA");
            return true;
        }

        if (envelopeFrom is null || recipients.Count == 0)
        {
            Reply(envelopeFrom is null ? 503 : 554, envelopeFrom is null ? "5.5.1 Need MAIL command" : "5.5.1 No valid recipients");
            return true;
        }

        Reply(354, "End data with <CR><LF>.<CR><LF>");
        await FlushAsync(stream, stopping);
        if (await ReadMessageAsync(reader) is not { } withinSize)
        {
            return false;
        }

        if (!withinSize)
        {
            Reply(552, "5.3.4 Message size exceeds fixed maximum message size");
        }
        else
        {
            try
            {
                var queueId = await sink.AcceptMessageAsync(envelopeFrom, recipients, message.WrittenMemory, stopping);
                Reply(250, "2.0.0 Ok: queued as " + queueId);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The mail folder refused the file: the client should try again rather than believe it delivered.
                Reply(451, "4.3.0 Could not store the message, try again later");
            }
        }

        Reset();
        return true;
    }

    /// <summary>Reads up to the lone "." line, undoing dot-stuffing. Null at end of stream; false when the message was too large (read, not kept).</summary>
    private async Task<bool?> ReadMessageAsync(LineReader reader)
    {
        message.ResetWrittenCount();
        var atLineStart = true;
        var withinSize = true;
        while (true)
        {
            if (await reader.ReadLineAsync() is not { } line)
            {
                return null;
            }

            if (atLineStart && line.EndsWithCrLf && line.Content.Span.SequenceEqual("."u8))
            {
                return withinSize;
            }

            var bytes = line.Raw.Span;
            if (atLineStart && bytes[0] == (byte)'.')
            {
                bytes = bytes[1..];
            }

            withinSize = withinSize && message.WrittenCount + bytes.Length <= options.MaxMessageBytes;
            if (withinSize)
            {
                message.Write(bytes);
            }

            atLineStart = line.EndsWithCrLf;
        }
    }

    private void Reset()
    {
        envelopeFrom = null;
        recipients.Clear();
    }

    /// <summary>Splits "FROM:&lt;path&gt; PARAM=V ..." into the path without brackets and the parameters.</summary>
    private static bool TryParsePath(string argument, string prefix, out string path, out string[] parameters)
    {
        (path, parameters) = ("", []);
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = argument[prefix.Length..].TrimStart();
        var close = rest.IndexOf('>', StringComparison.Ordinal);
        if (!rest.StartsWith('<') || close < 0)
        {
            return false;
        }

        path = rest[1..close];
        // A source route ("@relay:user@domain") is to be ignored (RFC 5321 §4.1.2, §C).
        var route = path.StartsWith('@') ? path.IndexOf(':', StringComparison.Ordinal) : -1;
        path = route < 0 ? path : path[(route + 1)..];
        parameters = rest[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return true;
    }

    private static bool IsKnownMailParameter(string parameter) =>
        parameter.Split('=')[0].ToUpperInvariant() is "SIZE" or "BODY" or "SMTPUTF8";

    private static long DeclaredSize(string[] parameters) =>
        parameters.Where(p => p.StartsWith("SIZE=", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.TryParse(p.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0)
            .FirstOrDefault();

    private static string Refusal(int code) => code switch
    {
        450 => "4.2.1 Mailbox busy, try again later",
        451 => "4.3.0 Local error in processing, try again later",
        452 => "4.3.1 Insufficient system storage",
        550 => "5.1.1 Mailbox unavailable",
        552 => "5.2.2 Mailbox full",
        553 => "5.1.3 Mailbox name not allowed",
        554 => "5.7.1 Transaction failed",
        _ => code < 500 ? "4.0.0 Temporary failure, try again later" : "5.0.0 Refused",
    };

    private void Reply(int code, string text) => ReplyLine(string.Create(CultureInfo.InvariantCulture, $"{code} {text}"));

    private void ReplyLine(string line)
    {
        Encoding.UTF8.GetBytes(line, replies);
        replies.Write("\r\n"u8);
    }

    private async Task FlushAsync(Stream stream, CancellationToken stopping)
    {
        if (replies.WrittenCount > 0)
        {
            await stream.WriteAsync(replies.WrittenMemory, stopping);
            replies.ResetWrittenCount();
        }
    }

    private async Task TryFlushAsync(Stream stream, CancellationToken stopping)
    {
        try
        {
            await FlushAsync(stream, stopping);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // Best effort: the idle client may be gone already.
        }
    }
}
