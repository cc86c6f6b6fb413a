using System.Diagnostics;
using CaseManagement.Shops;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace ScopingBenchmark;

/// <summary>
/// One generated benchmark shop, <c>shop_bench_&lt;platform&gt;_&lt;orders&gt;</c>. A marker row written only after
/// generation finished, plus row counts, decide whether an existing database can be reused.
/// </summary>
internal sealed class BenchShop
{
    private const int Seed = 20_240_101;
    private const string Marker = "bench_generation";

    public static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string server;

    public BenchShop(ShopPlatform platform, int orders, int customers)
    {
        Platform = platform;
        Options = new ShopGenerationOptions(customers, orders, Seed, From, To);
        Database = $"shop_bench_{(platform == ShopPlatform.WooCommerce ? "woo" : "magento")}_{orders}";
        var port = Environment.GetEnvironmentVariable("CM_MARIADB_PORT") is { Length: > 0 } p ? uint.Parse(p) : 53306;
        server = new MySqlConnectionStringBuilder { Server = "127.0.0.1", Port = port, UserID = "casemanagement", Password = "casemanagement" }.ConnectionString;
        ReadOnlyConnectionString = new MySqlConnectionStringBuilder(server) { Database = Database, UserID = "casemanagement_ro", Password = "casemanagement_ro" }.ConnectionString;
    }

    public ShopPlatform Platform { get; }

    public ShopGenerationOptions Options { get; }

    public string Database { get; }

    public string TablePrefix => Platform == ShopPlatform.WooCommerce ? "wp_" : "";

    /// <summary>The read-only user, as a registered shop would be read.</summary>
    public string ReadOnlyConnectionString { get; }

    public ShopConnectionSettings ReadOnlySettings => new(Platform, ReadOnlyConnectionString, TablePrefix, "UTC");

    // No command time limit: at full size the generator's closing statements (customer lookup rebuilt from all
    // usermeta) run for minutes, past MySqlConnector's 30 s default.
    private string WriterConnectionString => new MySqlConnectionStringBuilder(server) { Database = Database, DefaultCommandTimeout = 0 }.ConnectionString;

    /// <summary>Reuses a complete shop, else (re)creates the database and generates it.</summary>
    /// <returns>How long generation took, now or when the reused shop was generated (kept in the marker).</returns>
    public async Task<(ShopGenerationResult Generation, bool Reused)> EnsureAsync(bool regenerate, CancellationToken ct)
    {
        if (!regenerate && await CompletedGenerationAsync(ct) is { } earlier)
        {
            return (earlier, true);
        }

        await using (var connection = new MySqlConnection(server))
        {
            await connection.OpenAsync(ct);
            await Execute(connection, $"DROP DATABASE IF EXISTS `{Database}`", ct);
            await Execute(connection, $"CREATE DATABASE `{Database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", ct);
        }

        var settings = new ShopConnectionSettings(Platform, WriterConnectionString, TablePrefix, "UTC");
        var result = await ShopGenerator.GenerateAsync(settings, Options, WooCommerceOrderStorage.Hpos, new GenerationProgress(Options), ct);

        await using (var connection = new MySqlConnection(WriterConnectionString))
        {
            await connection.OpenAsync(ct);
            // Statistics as a shop's long-lived tables would have them, so plans do not depend on when InnoDB last sampled.
            await Execute(connection, $"ANALYZE TABLE {string.Join(", ", ScopedTables().Select(t => $"`{t}`"))}", ct);
            await Execute(connection,
                $"CREATE TABLE `{Marker}` (customers INT NOT NULL, orders INT NOT NULL, seed INT NOT NULL, from_utc DATETIME NOT NULL, to_utc DATETIME NOT NULL, " +
                "customers_seconds DOUBLE NOT NULL, orders_seconds DOUBLE NOT NULL)", ct);
            await using var mark = new MySqlCommand($"INSERT INTO `{Marker}` VALUES (@c, @o, @s, @f, @t, @cs, @os)", connection);
            mark.Parameters.AddWithValue("@c", Options.Customers);
            mark.Parameters.AddWithValue("@o", Options.Orders);
            mark.Parameters.AddWithValue("@s", Seed);
            mark.Parameters.AddWithValue("@f", From.UtcDateTime);
            mark.Parameters.AddWithValue("@t", To.UtcDateTime);
            mark.Parameters.AddWithValue("@cs", result.CustomersElapsed.TotalSeconds);
            mark.Parameters.AddWithValue("@os", result.OrdersElapsed.TotalSeconds);
            await mark.ExecuteNonQueryAsync(ct);
        }

        return (result, false);
    }

    /// <summary>Orders in the table the adapter reads (WooCommerce counts refunds too; Magento folds them into their order).</summary>
    public async Task<long> StoredOrdersAsync(CancellationToken ct) =>
        await ScalarAsync(ReadOnlyConnectionString, $"SELECT COUNT(*) FROM `{TablePrefix}{(Platform == ShopPlatform.WooCommerce ? "wc_orders" : "sales_order")}`", ct);

    private IEnumerable<string> ScopedTables() => (Platform == ShopPlatform.WooCommerce
            ? new[] { "wc_orders", "wc_order_addresses", "usermeta", "wc_customer_lookup", "users" }
            : new[] { "sales_order", "sales_order_address", "sales_order_payment", "customer_entity", "customer_address_entity", "directory_country_region", "store" })
        .Select(t => TablePrefix + t);

    /// <summary>The marker's generation times when the database holds exactly the shop these options generate; else null.</summary>
    private async Task<ShopGenerationResult?> CompletedGenerationAsync(CancellationToken ct)
    {
        try
        {
            ShopGenerationResult? marked = null;
            await using (var connection = new MySqlConnection(ReadOnlyConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var command = new MySqlCommand(
                    $"SELECT customers_seconds, orders_seconds FROM `{Marker}` WHERE customers = {Options.Customers} AND orders = {Options.Orders} " +
                    $"AND seed = {Seed} AND from_utc = '{From.UtcDateTime:yyyy-MM-dd HH:mm:ss}' AND to_utc = '{To.UtcDateTime:yyyy-MM-dd HH:mm:ss}'", connection);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    marked = new ShopGenerationResult(Options.Customers, Options.Orders, TimeSpan.FromSeconds(reader.GetDouble(0)), TimeSpan.FromSeconds(reader.GetDouble(1)));
                }
            }

            if (marked is null)
            {
                return null;
            }

            var p = TablePrefix;
            // Magento has no refund orders: a refund closes its order, so closed-with-refund orders stand for the refund rows.
            var (customers, orders) = Platform == ShopPlatform.WooCommerce
                ? ($"SELECT COUNT(*) FROM `{p}users`", $"SELECT COUNT(*) FROM `{p}wc_orders`")
                : ($"SELECT COUNT(*) FROM `{p}customer_entity`",
                    $"SELECT (SELECT COUNT(*) FROM `{p}sales_order`) + (SELECT COUNT(*) FROM `{p}sales_order` WHERE total_refunded > 0)");
            return await ScalarAsync(ReadOnlyConnectionString, customers, ct) == Options.Customers
                && await ScalarAsync(ReadOnlyConnectionString, orders, ct) == Options.Orders
                    ? marked
                    : null;
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.UnknownDatabase or MySqlErrorCode.NoSuchTable or MySqlErrorCode.DatabaseAccessDenied
                                            or MySqlErrorCode.BadFieldError)
        {
            return null;
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static async Task Execute(MySqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Prints the running total every few seconds; reports arrive from the writer's worker threads.</summary>
    private sealed class GenerationProgress(ShopGenerationOptions options) : IProgress<long>
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private readonly object gate = new();
        private TimeSpan printed;

        public void Report(long value)
        {
            lock (gate)
            {
                if (watch.Elapsed - printed < TimeSpan.FromSeconds(10))
                {
                    return;
                }

                printed = watch.Elapsed;
                var total = options.Customers + options.Orders;
                Console.WriteLine($"    {value:N0} / {total:N0} customers + orders written ({value / watch.Elapsed.TotalSeconds:N0}/s overall, {watch.Elapsed:mm\\:ss})");
            }
        }
    }
}
