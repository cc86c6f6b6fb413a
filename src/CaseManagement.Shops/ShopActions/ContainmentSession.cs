using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.ShopActions;

/// <summary>
/// The one transaction a containment step runs in. Capture reads in a read-only transaction; Apply and Compensate write,
/// and then lock every row they read (<see cref="ForUpdate"/>) so that the shop cannot change it between read and write.
/// </summary>
internal sealed class ContainmentSession(MySqlConnection connection, MySqlTransaction transaction, string prefix, bool writing, CancellationToken ct)
    : IShopRows
{
    /// <summary>The table prefix.</summary>
    public string P => prefix;

    /// <summary>Appended to SELECTs whose rows the step may change.</summary>
    public string ForUpdate => writing ? " FOR UPDATE" : "";

    public CancellationToken Ct => ct;

    /// <summary>The database's name, which snapshots record so they are never applied to another shop.</summary>
    public string Database => connection.Database;

    public async Task<List<T>> ListAsync<T>(string sql, Func<MySqlDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await ReadAsync(command, map);
    }

    public async Task<List<T>> ListAsync<T>(Func<MySqlConnection, MySqlCommand> query, Func<MySqlDataReader, T> map, CancellationToken _)
    {
        await using var command = query(connection);
        command.Transaction = transaction;
        return await ReadAsync(command, map);
    }

    public async Task<long> CountAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <returns>The rows the statement matched (MySqlConnector's default); statements here skip rows already as wanted, so these are the rows changed.</returns>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <param name="table">Without the prefix.</param>
    public Task<int> DeleteByIdAsync(string table, string idColumn, IEnumerable<long> ids)
    {
        var (list, parameters) = ShopSql.In("id", ids);
        return list.Length == 0 ? Task.FromResult(0) : ExecuteAsync($"DELETE FROM `{prefix}{table}` WHERE {idColumn} IN ({list})", parameters);
    }

    /// <param name="table">Without the prefix.</param>
    public async Task<bool> ExistsAsync(string table, string idColumn, long id) =>
        await CountAsync($"SELECT COUNT(*) FROM `{prefix}{table}` WHERE {idColumn} = @id", ("@id", id)) > 0;

    /// <param name="table">Without the prefix.</param>
    public Task<bool> TableExistsAsync(string table) => ShopSql.TableExistsAsync(this, prefix + table, ct);

    /// <param name="table">Without the prefix.</param>
    public async Task<bool> ColumnExistsAsync(string table, string column) =>
        await CountAsync("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = @column",
            ("@table", prefix + table), ("@column", column)) > 0;

    /// <summary>The server's clock as Unix seconds; the shop's own tokens and cut-offs are compared with it, never with ours.</summary>
    public Task<long> ServerUnixTimeAsync() => CountAsync("SELECT UNIX_TIMESTAMP()");

    private async Task<List<T>> ReadAsync<T>(MySqlCommand command, Func<MySqlDataReader, T> map)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private MySqlCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = new MySqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
