using System.Net.Sockets;
using System.Text;

namespace CaseManagement.Notifications.Tests;

/// <summary>A raw SMTP client for checking the sink's replies line by line, below what MailKit would hide.</summary>
internal sealed class SmtpConversation : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly StreamReader reader;

    private SmtpConversation(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
        reader = new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>Connects and reads the greeting.</summary>
    public static async Task<(SmtpConversation Conversation, string Greeting)> OpenAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var conversation = new SmtpConversation(tcp);
        return (conversation, await conversation.ReplyAsync());
    }

    /// <summary>Writes the lines (each gets CRLF) in one write, as a pipelining client would.</summary>
    public async Task WriteAsync(params string[] lines)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n"))));
    }

    /// <summary>One reply, its continuation lines ("250-...") joined by newlines.</summary>
    public async Task<string> ReplyAsync()
    {
        var lines = new List<string>();
        do
        {
            lines.Add(await reader.ReadLineAsync() ?? throw new EndOfStreamException("The server closed the connection."));
        }
        while (lines[^1].Length > 3 && lines[^1][3] == '-');

        return string.Join('\n', lines);
    }

    public async Task<string> SendAsync(string line)
    {
        await WriteAsync(line);
        return await ReplyAsync();
    }

    /// <summary>True when the server has closed its side.</summary>
    public async Task<bool> ClosedAsync() => await reader.ReadLineAsync() is null;

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
