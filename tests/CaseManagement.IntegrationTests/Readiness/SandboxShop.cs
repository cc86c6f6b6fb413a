using System.Security.Cryptography;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// A generated WooCommerce shop in a database of its own in the test MariaDB, marked as a sandbox by the generator and
/// registered by an admin with "sandbox": true, as build/run.sh does for the demo.
/// </summary>
public sealed class SandboxShop : IAsyncDisposable
{
    public static readonly DateTimeOffset From = DateTimeOffset.UtcNow.AddDays(-30);
    public static readonly DateTimeOffset To = DateTimeOffset.UtcNow.AddDays(-1);

    private SandboxShop(string database) => Database = database;

    public string Database { get; }

    public string Name => $"sandbox-{Database[8..]}";

    public static async Task<SandboxShop> CreateAsync(IncidentApi admin, bool marked = true, bool register = true)
    {
        var shop = new SandboxShop("shop_sb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        await Notifications.NotifiedShop.ExecuteAsync($"CREATE DATABASE `{shop.Database}` CHARACTER SET utf8mb4");
        var settings = new ShopConnectionSettings(ShopPlatform.WooCommerce, shop.ConnectionString, "wp_", "UTC");
        await ShopGenerator.GenerateAsync(settings, new ShopGenerationOptions(Customers: 20, Orders: 60, Seed: 18, From, To));
        if (marked)
        {
            await CaseManagement.ShopGeneration.SandboxShop.MarkAsync(settings, 18, "integration tests", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        if (register)
        {
            await admin.SendAsync(HttpMethod.Post, "/api/shops", shop.Registration(sandbox: true), 201);
        }

        return shop;
    }

    public string ConnectionString => new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = Database }.ConnectionString;

    public object Registration(bool sandbox, string? name = null)
    {
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        return new
        {
            name = name ?? Name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database = Database, user = server.UserID,
            password = server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro", tablePrefix = "wp_", timeZone = "UTC", sandbox,
        };
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await Notifications.NotifiedShop.ExecuteAsync($"DROP DATABASE IF EXISTS `{Database}`");
    }
}
