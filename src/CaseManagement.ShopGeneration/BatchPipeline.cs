using System.Threading.Channels;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// Runs batches of statements, one transaction per batch, while the caller builds the next ones. With more
/// than one worker, batches run side by side on clones of the caller's connection: the server then parses
/// and indexes on several cores, which is where bulk writing spends its time. Batches must therefore not
/// depend on each other's rows; work that does runs after <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class BatchPipeline : IAsyncDisposable
{
    private const int DeadlockRetries = 3;

    private readonly Channel<(List<string> Statements, long Items)> pending;
    private readonly MySqlConnection connection;
    private readonly Func<MySqlConnection, CancellationToken, Task> prepareSession;
    private readonly IProgress<long>? progress;
    private readonly CancellationToken cancellationToken;
    private readonly List<MySqlConnection> clones = [];
    private readonly Task[] workers;
    private long written;

    /// <param name="connection">The caller's open connection, used by the first worker.</param>
    /// <param name="prepareSession">Applied to each cloned connection before it writes.</param>
    public BatchPipeline(
        MySqlConnection connection,
        int parallelism,
        Func<MySqlConnection, CancellationToken, Task> prepareSession,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        this.connection = connection;
        this.prepareSession = prepareSession;
        this.progress = progress;
        this.cancellationToken = cancellationToken;
        pending = Channel.CreateBounded<(List<string>, long)>(new BoundedChannelOptions(parallelism + 1) { SingleWriter = true });
        workers = Enumerable.Range(0, parallelism).Select(i => Task.Run(() => RunAsync(i), cancellationToken)).ToArray();
    }

    /// <summary>Queues a batch, waiting while the workers are behind. Progress reports the running total of items committed.</summary>
    /// <param name="items">What the batch counts as written; items that needed no statement of their own count at once.</param>
    public async Task EnqueueAsync(List<string> statements, long items)
    {
        if (statements.Count == 0)
        {
            Counted(items);
            return;
        }

        try
        {
            await pending.Writer.WriteAsync((statements, items), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // A worker failed and closed the channel; its exception is the one worth reporting.
            await Task.WhenAll(workers);
            throw;
        }
    }

    /// <summary>Waits until every queued batch is committed and returns the number of items written.</summary>
    public async Task<long> CompleteAsync()
    {
        pending.Writer.TryComplete();
        await Task.WhenAll(workers);
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (Exception)
        {
            // A failed batch surfaces through EnqueueAsync or CompleteAsync; disposal after an error or a
            // cancellation must not replace the exception the caller is already handling.
        }

        foreach (var clone in clones)
        {
            await clone.DisposeAsync();
        }
    }

    private async Task RunAsync(int worker)
    {
        try
        {
            var own = connection;
            if (worker > 0)
            {
                own = connection.Clone();
                lock (clones)
                {
                    clones.Add(own);
                }

                await own.OpenAsync(cancellationToken);
                await prepareSession(own, cancellationToken);
            }

            await foreach (var (statements, items) in pending.Reader.ReadAllAsync(cancellationToken))
            {
                await CommitAsync(own, statements);
                Counted(items);
            }
        }
        catch (Exception exception)
        {
            pending.Writer.TryComplete(exception);
            throw;
        }
    }

    private void Counted(long items)
    {
        var total = Interlocked.Add(ref written, items);
        if (items > 0)
        {
            progress?.Report(total);
        }
    }

    private async Task CommitAsync(MySqlConnection own, List<string> statements)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await own.BeginTransactionAsync(cancellationToken);
            try
            {
                foreach (var statement in statements)
                {
                    await using var command = new MySqlCommand(statement, own, transaction) { CommandTimeout = 600 };
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (MySqlException exception) when (exception.ErrorCode == MySqlErrorCode.LockDeadlock && attempt < DeadlockRetries)
            {
                // InnoDB rolled the batch back; batches touch disjoint rows, so running it again succeeds.
                await transaction.RollbackAsync(cancellationToken);
            }
        }
    }
}
