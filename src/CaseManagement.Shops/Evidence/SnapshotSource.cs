using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Evidence;

/// <summary>The read-only snapshot transaction a bundle is read through, and what it tells about its source.</summary>
internal sealed class SnapshotSource
{
    private readonly MySqlConnection connection;
    private readonly MySqlTransaction transaction;

    private SnapshotSource(MySqlConnection connection, MySqlTransaction transaction, ShopConnectionSettings shop, string database, string serverVersion,
        DateTimeOffset snapshotAt)
    {
        this.connection = connection;
        this.transaction = transaction;
        Shop = shop;
        Database = database;
        ServerVersion = serverVersion;
        SnapshotAt = snapshotAt;
        var settings = new MySqlConnectionStringBuilder(shop.ConnectionString);
        Server = $"{settings.Server}:{settings.Port}";
    }

    public ShopConnectionSettings Shop { get; }

    public string Server { get; }

    public string Database { get; }

    /// <summary>As VERSION() says it, e.g. "10.11.19-MariaDB" (the connection's own reports MariaDB with a "5.5.5-" prefix).</summary>
    public string ServerVersion { get; }

    /// <summary>When the snapshot was taken, by the server's clock: the moment every table of the bundle shows.</summary>
    public DateTimeOffset SnapshotAt { get; }

    public static async Task<SnapshotSource> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, ShopConnectionSettings shop,
        CancellationToken ct)
    {
        await using var command = new MySqlCommand("SELECT UTC_TIMESTAMP(6), DATABASE(), VERSION()", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.IsDBNull(1))
        {
            throw new ShopScopingException("The shop's connection settings name no database.");
        }

        return new SnapshotSource(connection, transaction, shop, reader.GetString(1), reader.GetString(2),
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)));
    }

    public MySqlCommand Command(string sql) => new(sql, connection, transaction);

    /// <summary>The first column of every row, as text; <paramref name="table"/> binds <c>@table</c>.</summary>
    public async Task<List<string>> StringsAsync(string sql, string? table, CancellationToken ct)
    {
        await using var command = Command(sql);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>
    /// The prefixed names of the tables to preserve: the named ones in the order given, or every base table with the
    /// shop's prefix in name order. Fails, before anything is written, when a named table does not exist.
    /// </summary>
    public async Task<IReadOnlyList<string>> TablesAsync(EvidenceScope scope, CancellationToken ct)
    {
        var prefix = Shop.TablePrefix;
        var present = (await StringsAsync(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'", null, ct))
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (scope.Tables is null)
        {
            return present.Count > 0
                ? present
                : throw new ShopScopingException($"Database '{Database}' has no tables with prefix '{prefix}'; nothing was preserved.");
        }

        var wanted = scope.Tables.Select(t => prefix + t).Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Except(present, StringComparer.Ordinal).ToList();
        return missing.Count == 0
            ? wanted
            : throw new ShopScopingException(
                $"Database '{Database}' has no table {string.Join(", ", missing)} (table prefix '{prefix}'); no evidence was written.");
    }
}
