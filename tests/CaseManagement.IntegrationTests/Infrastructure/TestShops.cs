using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// An incident names a registered, active shop (ADR 30). Scenarios about something else name shops by the hundred
/// ("race-shop", "chain-shop"), so they are registered the way an admin registers any shop: POST /api/shops in the
/// caller's organisation, connection test and layout check included, against one small generated WooCommerce shop in
/// the test MariaDB that this run shares for the purpose (its "stand-in"). Scenarios that scope or contain for real
/// register a generated shop of their own first, and this leaves that registration alone.
/// </summary>
public static class TestShops
{
    public const string Admin = "shop.admin@shop.test";

    private static readonly Lazy<Task<string>> StandIn = new(CreateStandInAsync);
    private static readonly ConcurrentDictionary<(IAlbaHost Host, string Organisation, string Shop), Lazy<Task>> Registered = new();

    /// <summary>Registers <paramref name="shop"/> in the organisation <paramref name="token"/> acts for, unless it is registered already.</summary>
    public static Task EnsureRegisteredAsync(IAlbaHost host, string token, string shop)
    {
        var organisation = OrganisationOf(token);
        return Registered.GetOrAdd((host, organisation, shop), key => new Lazy<Task>(() => RegisterAsync(key.Host, key.Organisation, key.Shop))).Value;
    }

    /// <summary>What an admin sends to register <paramref name="name"/> on the stand-in shop database.</summary>
    public static async Task<object> RegistrationAsync(string name)
    {
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        return new
        {
            name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database = await StandIn.Value, user = server.UserID,
            password = server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro", tablePrefix = "wp_", timeZone = "UTC",
        };
    }

    private static async Task RegisterAsync(IAlbaHost host, string organisation, string shop)
    {
        var admin = new IncidentApi(host, host.Services.GetRequiredService<DevTokenIssuer>().Issue(Admin, organisation, [Roles.Admin], TimeSpan.FromHours(1)));
        var existing = await host.Scenario(x =>
        {
            x.Get.Url($"/api/shops/{Uri.EscapeDataString(shop)}");
            admin.Authenticate(x);
            x.IgnoreStatusCode();
        });
        if (existing.Context.Response.StatusCode == 404)
        {
            await admin.SendAsync(HttpMethod.Post, "/api/shops", await RegistrationAsync(shop), 201);
        }
    }

    private static async Task<string> CreateStandInAsync()
    {
        var database = "shop_si_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await Notifications.NotifiedShop.ExecuteAsync($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4");
        var to = DateTimeOffset.UtcNow.AddDays(-1);
        await ShopGenerator.GenerateAsync(new ShopConnectionSettings(ShopPlatform.WooCommerce,
            new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = database }.ConnectionString, "wp_", "UTC"),
            new ShopGenerationOptions(Customers: 5, Orders: 10, Seed: 30, to.AddDays(-10), to));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            MySqlConnection.ClearAllPools();
            Notifications.NotifiedShop.ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`").GetAwaiter().GetResult();
        };
        return database;
    }

    /// <summary>The organisation a development token acts for (its "org" claim), read without checking the signature the service checks.</summary>
    private static string OrganisationOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - payload.Length % 4) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))![CaseManagementClaims.Organisation]!.GetValue<string>();
    }
}
