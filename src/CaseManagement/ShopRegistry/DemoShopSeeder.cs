using CaseManagement.Incidents.Detecting;
using CaseManagement.Security.Pii;
using CaseManagement.Shops;
using CaseManagement.Shops.Connectivity;
using CaseManagement.Shops.Generation;
using Marten;
using MySqlConnector;

namespace CaseManagement.ShopRegistry;

/// <summary>
/// For the local demo: fills the demo MariaDB database with a small generated WooCommerce shop (HPOS,
/// prefix wp_, Berlin time) the first time, and registers it as "demo-woocommerce" in the demo organisation,
/// so the demo incident can be scoped at once. Idempotent: an existing shop or registration is kept.
/// </summary>
public sealed class DemoShopSeeder(IDocumentStore store, PiiVault vault, IConfiguration configuration, TimeProvider clock, ILogger<DemoShopSeeder> logger)
    : IHostedService
{
    public const string ShopName = "demo-woocommerce";
    private const string Prefix = "wp_";
    private const string Zone = "Europe/Berlin";

    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration.GetConnectionString("ShopDemo") is not { Length: > 0 } connectionString)
        {
            logger.LogInformation("ConnectionStrings:ShopDemo is not set; no demo shop");
            return;
        }

        var shop = new MySqlConnectionStringBuilder(connectionString);
        var settings = RegisteredShop.Settings(ShopPlatform.WooCommerce, shop.Server, (int)shop.Port, shop.Database, shop.UserID, shop.Password, Prefix, Zone);
        if (await ShopLayoutCheck.ProblemsAsync(settings, ct) is { Count: > 0 })
        {
            var now = clock.GetUtcNow();
            var written = await ShopGenerator.GenerateAsync(settings,
                new ShopGenerationOptions(Customers: 2_000, Orders: 6_000, Seed: 2026, From: now.AddDays(-60), To: now), cancellationToken: ct);
            logger.LogInformation("Demo shop {Database}: {Customers} customers and {Orders} orders generated", shop.Database, written.Customers, written.Orders);
        }

        await using var session = store.LightweightSession(DemoIncidentSeeder.DemoOrganisation);
        if (await session.LoadAsync<RegisteredShop>(ShopName, ct) is not null)
        {
            return;
        }

        var readOnly = configuration.GetConnectionString("ShopDemoReadOnly") is { Length: > 0 } ro ? new MySqlConnectionStringBuilder(ro) : null;
        var subject = RegisteredShop.SecretSubject(ShopName);
        session.Insert(new RegisteredShop
        {
            Id = ShopName,
            Platform = ShopPlatform.WooCommerce,
            Host = shop.Server,
            Port = (int)shop.Port,
            Database = shop.Database,
            User = shop.UserID,
            Password = await vault.ProtectAsync(session, subject, shop.Password, ct),
            ReadOnlyUser = readOnly?.UserID,
            ReadOnlyPassword = readOnly is null ? null : await vault.ProtectAsync(session, subject, readOnly.Password, ct),
            TablePrefix = Prefix,
            TimeZone = Zone,
            RegisteredAt = clock.GetUtcNow(),
            RegisteredBy = "system:demo-seed",
        });
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Demo shop registered as {Shop} in organisation {Organisation}", ShopName, DemoIncidentSeeder.DemoOrganisation);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
