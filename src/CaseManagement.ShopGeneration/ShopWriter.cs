using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// Writes customers and orders into a shop database the way the platform itself stores them, streaming:
/// items are taken in batches, each batch becomes a few multi-row statements and is committed in one
/// transaction while the next batch is being built. The caller owns the (open) connection; the writer sets
/// its session time zone to UTC, as Magento does and as WordPress's UTC columns assume.
/// </summary>
public abstract class ShopWriter
{
    private protected ShopWriter(MySqlConnection connection, int batchSize, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Connection = connection;
        BatchSize = batchSize;
        Parallelism = parallelism;
    }

    public int BatchSize { get; }

    /// <summary>Batches written at once: the caller's connection plus <c>Parallelism − 1</c> clones of it.</summary>
    public int Parallelism { get; }

    private protected MySqlConnection Connection { get; }

    /// <summary>Writes the installation's own rows (options or store configuration); safe to repeat.</summary>
    public abstract Task WriteSiteAsync(CancellationToken cancellationToken = default);

    /// <returns>The number of customers written.</returns>
    public Task<long> WriteCustomersAsync(IEnumerable<ShopCustomer> customers, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        WriteCustomersAsync(customers.ToAsyncEnumerable(), progress, cancellationToken);

    /// <returns>The number of customers written.</returns>
    public Task<long> WriteCustomersAsync(IAsyncEnumerable<ShopCustomer> customers, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        WriteAsync(customers, BeginCustomersAsync, AddCustomer, TakeCustomerStatements, () => [], progress, cancellationToken);

    /// <summary>Writes orders and refunds; a refund must come after the order it refunds.</summary>
    /// <returns>The number of orders and refunds written.</returns>
    public Task<long> WriteOrdersAsync(IEnumerable<ShopOrder> orders, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        WriteOrdersAsync(orders.ToAsyncEnumerable(), progress, cancellationToken);

    /// <summary>Writes orders and refunds; a refund must come after the order it refunds.</summary>
    /// <returns>The number of orders and refunds written.</returns>
    public Task<long> WriteOrdersAsync(IAsyncEnumerable<ShopOrder> orders, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        WriteAsync(orders, BeginOrdersAsync, AddOrder, TakeOrderStatements, StatementsAfterOrders, progress, cancellationToken);

    /// <summary>Reads what customer writing needs from the database before the first batch.</summary>
    private protected virtual Task BeginCustomersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private protected abstract void AddCustomer(ShopCustomer customer);

    private protected abstract List<string> TakeCustomerStatements();

    /// <summary>Reads what order writing needs from the database before the first batch.</summary>
    private protected virtual Task BeginOrdersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private protected abstract void AddOrder(ShopOrder order);

    private protected abstract List<string> TakeOrderStatements();

    /// <summary>Statements that complete an order import, run in one transaction once every batch is committed.</summary>
    private protected virtual List<string> StatementsAfterOrders() => [];

    private protected Task PrepareSessionAsync(CancellationToken cancellationToken) => PrepareSessionAsync(Connection, cancellationToken);

    private static async Task PrepareSessionAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        // Literals use backslash escapes, and TIMESTAMP columns must receive UTC unchanged.
        await using var command = new MySqlCommand(
            "SET SESSION time_zone = '+00:00', sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')",
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected async Task ExecuteAsync(IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in statements)
        {
            await using var command = new MySqlCommand(statement, Connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<long> WriteAsync<T>(
        IAsyncEnumerable<T> items,
        Func<CancellationToken, Task> begin,
        Action<T> add,
        Func<List<string>> take,
        Func<List<string>> finish,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await PrepareSessionAsync(cancellationToken);
        await begin(cancellationToken);
        long written;
        await using (var pipeline = new BatchPipeline(Connection, Parallelism, PrepareSessionAsync, progress, cancellationToken))
        {
            var inBatch = 0;
            await foreach (var item in items.WithCancellation(cancellationToken))
            {
                add(item);
                if (++inBatch == BatchSize)
                {
                    await pipeline.EnqueueAsync(take(), inBatch);
                    inBatch = 0;
                }
            }

            await pipeline.EnqueueAsync(take(), inBatch);
            written = await pipeline.CompleteAsync();
        }

        var finishing = finish();
        if (finishing.Count > 0)
        {
            await ExecuteAsync(finishing, cancellationToken);
        }

        return written;
    }
}
