using System.Runtime.CompilerServices;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.Shops.Scoping;

/// <summary>Streams one read-only query's rows, turning every database error into a <see cref="ShopScopingException"/> that says what is wrong.</summary>
internal static class ShopQuery
{
    public static async IAsyncEnumerable<T> StreamAsync<T>(ShopConnectionSettings shop, TimeSpan? statementTimeout,
        Func<MySqlConnection, MySqlTransaction, CancellationToken, Task<MySqlCommand>> prepare, Func<MySqlDataReader, T> map,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var (connection, transaction) = await Guard(() => ShopConnections.OpenReadOnlyAsync(shop, statementTimeout, ct), shop);
        await using var _ = connection;
        await using var __ = transaction;
        await using var command = await Guard(() => prepare(connection, transaction, ct), shop);
        command.Transaction = transaction;
        await using var reader = await Guard(() => command.ExecuteReaderAsync(ct), shop);
        while (await Guard(() => reader.ReadAsync(ct), shop))
        {
            yield return map(reader);
        }
    }

    /// <summary>
    /// Scoping has the server sort every order in the window by person. MariaDB's default sort buffer (2 MiB) turns that
    /// into hundreds of merge passes on disk; 64 MiB for this session makes it a few (docs/benchmarks.md). Only this
    /// connection's sorts get it, and only while the query runs.
    /// </summary>
    public static async Task UseSortBufferAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new MySqlCommand("SET SESSION sort_buffer_size = 67108864", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<T> Guard<T>(Func<Task<T>> action, ShopConnectionSettings shop)
    {
        try
        {
            return await action();
        }
        catch (MySqlException ex)
        {
            throw ShopConnections.Explain(ex, shop);
        }
    }
}
