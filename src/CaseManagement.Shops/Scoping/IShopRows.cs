using MySqlConnector;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// Runs a query and reads its rows, wherever the connection comes from: detection opens a read-only transaction per
/// query, containment runs every query in the one transaction of its step. Queries shared by both are written against this.
/// </summary>
internal interface IShopRows
{
    Task<List<T>> ListAsync<T>(Func<MySqlConnection, MySqlCommand> query, Func<MySqlDataReader, T> map, CancellationToken ct);
}

internal static class ShopSql
{
    /// <summary>The values as parameters @name0, @name1, … and the list an IN clause takes; the caller handles an empty list.</summary>
    public static (string List, (string Name, object? Value)[] Parameters) In<T>(string name, IEnumerable<T> values)
    {
        var parameters = values.Select((value, i) => ($"@{name}{i}", (object?)value)).ToArray();
        return (string.Join(", ", parameters.Select(p => p.Item1)), parameters);
    }

    /// <summary>Like <see cref="In{T}(string, IEnumerable{T})"/>, adding the parameters to <paramref name="command"/>.</summary>
    public static string In<T>(MySqlCommand command, string name, IEnumerable<T> values)
    {
        var (list, parameters) = In(name, values);
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        return list;
    }

    /// <summary>Whether the connection's database has this (prefixed) table; optional tables such as a multisite's sitemeta are probed this way.</summary>
    public static async Task<bool> TableExistsAsync(IShopRows rows, string table, CancellationToken ct) =>
        (await rows.ListAsync(c =>
        {
            var command = new MySqlCommand("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table", c);
            command.Parameters.AddWithValue("@table", table);
            return command;
        }, r => r.GetInt32(0), ct)).Count > 0;
}
