using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Connectivity;
using CaseManagement.Shops.Model;
using MySqlConnector;

// The demo shop: a small WooCommerce shop (HPOS, prefix wp_, Berlin time) with a fixed seed, written the first time
// only, so the demo incident can be scoped and contained at once. An existing shop is kept as it is.
if (Environment.GetEnvironmentVariable("ConnectionStrings__ShopDemo") is not { Length: > 0 } connectionString)
{
    Console.Error.WriteLine("demo-shop: ConnectionStrings__ShopDemo is not set (build/lib/common.sh export_connection_env sets it)");
    return 2;
}

var builder = new MySqlConnectionStringBuilder(connectionString) { CharacterSet = "utf8mb4" };
var settings = new ShopConnectionSettings(ShopPlatform.WooCommerce, builder.ConnectionString, DemoShopLayout.Prefix, DemoShopLayout.TimeZone);
if (await ShopLayoutCheck.ProblemsAsync(settings, CancellationToken.None) is not { Count: > 0 })
{
    Console.WriteLine($"demo-shop: {builder.Database} already holds a WooCommerce shop; kept");
    return 0;
}

var now = DateTimeOffset.UtcNow;
var written = await ShopGenerator.GenerateAsync(settings, new ShopGenerationOptions(Customers: 2_000, Orders: 6_000, Seed: 2026, From: now.AddDays(-60), To: now));
Console.WriteLine($"demo-shop: {builder.Database}: {written.Customers} customers and {written.Orders} orders written");
return 0;
