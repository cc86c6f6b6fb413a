using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Connectivity;
using CaseManagement.Shops.Model;
using MySqlConnector;

// The demo shop: a small WooCommerce shop (HPOS, prefix wp_, Berlin time) with a fixed seed, written the first time
// only, so the demo incident can be scoped and contained at once, and a sandbox copy for exercises. Existing shops are
// kept as they are.
if (Environment.GetEnvironmentVariable("ConnectionStrings__ShopDemo") is not { Length: > 0 } connectionString)
{
    Console.Error.WriteLine("demo-shop: ConnectionStrings__ShopDemo is not set (build/lib/common.sh export_connection_env sets it)");
    return 2;
}

var builder = new MySqlConnectionStringBuilder(connectionString) { CharacterSet = "utf8mb4" };
var now = DateTimeOffset.UtcNow;
await WriteOnceAsync(builder.ConnectionString, sandbox: false);

// The planted attack (issue 17) for shop monitoring and the checkout-skimmer playbook to find; planted once, into the demo shop only.
if (await PlantedAttack.PlantAsync(new ShopConnectionSettings(ShopPlatform.WooCommerce, builder.ConnectionString, DemoShopLayout.Prefix, DemoShopLayout.TimeZone), now,
        CancellationToken.None))
{
    Console.WriteLine($"demo-shop: planted an attack: administrator '{PlantedAttack.Admin}', her API key, a webhook and a footer skimmer sending to " +
                      $"{PlantedAttack.ExfiltrationHost}, the nulled plugin '{PlantedAttack.NulledPlugin}'");
}

// A small sandbox copy beside it (database shop_sandbox, marked by the generator), so a newcomer can register it with
// "sandbox": true and run a tabletop exercise without going near the demo shop (README, "Tabletop exercises").
var sandbox = new MySqlConnectionStringBuilder(builder.ConnectionString) { Database = "shop_sandbox" };
await using (var server = new MySqlConnection(new MySqlConnectionStringBuilder(builder.ConnectionString) { Database = "" }.ConnectionString))
{
    await server.OpenAsync();
    await using var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{sandbox.Database}` CHARACTER SET utf8mb4", server);
    await create.ExecuteNonQueryAsync();
}

await WriteOnceAsync(sandbox.ConnectionString, sandbox: true);
return 0;

async Task WriteOnceAsync(string shopConnectionString, bool sandbox)
{
    var settings = new ShopConnectionSettings(ShopPlatform.WooCommerce, shopConnectionString, DemoShopLayout.Prefix, DemoShopLayout.TimeZone);
    var database = new MySqlConnectionStringBuilder(shopConnectionString).Database;
    if (await ShopLayoutCheck.ProblemsAsync(settings, CancellationToken.None) is not { Count: > 0 })
    {
        Console.WriteLine($"demo-shop: {database} already holds a WooCommerce shop; kept");
        return;
    }

    var options = sandbox
        ? new ShopGenerationOptions(Customers: 200, Orders: 600, Seed: 2027, From: now.AddDays(-60), To: now)
        : new ShopGenerationOptions(Customers: 2_000, Orders: 6_000, Seed: 2026, From: now.AddDays(-60), To: now);
    var written = await ShopGenerator.GenerateAsync(settings, options);
    if (sandbox)
    {
        await SandboxShop.MarkAsync(settings, options.Seed, "build/tools/DemoShop", now, CancellationToken.None);
    }

    Console.WriteLine($"demo-shop: {database}: {written.Customers} customers and {written.Orders} orders written{(sandbox ? ", marked as a sandbox" : "")}");
}
