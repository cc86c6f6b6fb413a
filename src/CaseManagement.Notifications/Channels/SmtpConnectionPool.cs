using System.Collections.Concurrent;

namespace CaseManagement.Notifications.Channels;

/// <summary>
/// At most <see cref="SmtpOptions.MaxConnections"/> connections, each used by one send at a time and kept open
/// between sends, so a campaign connects and logs in once per connection rather than once per notice.
/// </summary>
internal sealed class SmtpConnectionPool(SmtpOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim slots = new(options.MaxConnections, options.MaxConnections);
    private readonly ConcurrentStack<SmtpConnection> idle = new();
    private volatile bool closed;

    /// <summary>Waits for one of the connection slots; hand it back with <see cref="Leave"/>.</summary>
    public Task EnterAsync(CancellationToken ct) => slots.WaitAsync(ct);

    /// <summary>An idle connection that is still up, else a new one; connect and login failures come out as thrown.</summary>
    public async Task<SmtpConnection> ConnectionAsync(CancellationToken ct)
    {
        while (idle.TryPop(out var connection))
        {
            if (connection.IsUsable)
            {
                return connection;
            }

            connection.Dispose();
        }

        return await SmtpConnection.OpenAsync(options, ct);
    }

    /// <summary>Frees the slot; the connection is kept for the next send when <paramref name="reusable"/>, else closed.</summary>
    public void Leave(SmtpConnection? connection, bool reusable)
    {
        if (connection is not null && reusable)
        {
            idle.Push(connection);
            if (closed)
            {
                // A send that finished after the pool was disposed: nobody will take its connection again.
                DisposeIdle();
            }
        }
        else
        {
            connection?.Dispose();
        }

        slots.Release();
    }

    /// <summary>Closes the idle connections with QUIT. Sends still running keep theirs until they finish.</summary>
    public async ValueTask DisposeAsync()
    {
        closed = true;
        using var timeout = new CancellationTokenSource(options.Timeout);
        while (idle.TryPop(out var connection))
        {
            await connection.CloseAsync(timeout.Token);
        }
    }

    private void DisposeIdle()
    {
        while (idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }
}
