using CaseManagement.Incidents.Detecting;
using CaseManagement.Security.Pii;
using CaseManagement.Shops;
using Marten;
using MySqlConnector;

namespace CaseManagement.ShopRegistry;

/// <summary>
/// For the local demo: registers the WooCommerce shop that build/tools/DemoShop wrote into the demo MariaDB database as
/// "demo-woocommerce" in the demo organisation, so the demo incident can be scoped at once. Idempotent: an existing
/// registration is kept; an empty database is reported and left alone (the service never writes made-up shop data).
/// </summary>
public sealed class DemoShopSeeder(IDocumentStore store, PiiVault vault, IConfiguration configuration, TimeProvider clock, ILogger<DemoShopSeeder> logger)
    : IHostedService
{
    public const string ShopName = "demo-woocommerce";

    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration.GetConnectionString("ShopDemo") is not { Length: > 0 } connectionString)
        {
            logger.LogInformation("ConnectionStrings:ShopDemo is not set; no demo shop");
            return;
        }

        var shop = new MySqlConnectionStringBuilder(connectionString);
        var settings = RegisteredShop.Settings(ShopPlatform.WooCommerce, shop.Server, (int)shop.Port, shop.Database, shop.UserID, shop.Password, DemoShopLayout.Prefix, DemoShopLayout.TimeZone);
        // Tested as an admin's registration is, so the demo shop shows its storage mode and time zone too.
        var test = await ShopConnectionTest.RunAsync(settings, null, ct);
        if (test.Field is not null)
        {
            logger.LogWarning("The demo database {Database} holds no WooCommerce shop ({Problems}); build/run.sh writes one with build/tools/DemoShop",
                shop.Database, string.Join("; ", test.Problems));
            return;
        }

        await using var session = store.LightweightSession(DemoIncidentSeeder.DemoOrganisation);
        if (await session.LoadAsync<RegisteredShop>(ShopName, ct) is not null)
        {
            return;
        }

        var readOnly = configuration.GetConnectionString("ShopDemoReadOnly") is { Length: > 0 } ro ? new MySqlConnectionStringBuilder(ro) : null;
        var subject = RegisteredShop.SecretSubject(ShopName);
        var registered = new RegisteredShop
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
            TablePrefix = DemoShopLayout.Prefix,
            TimeZone = DemoShopLayout.TimeZone,
            RegisteredAt = clock.GetUtcNow(),
            RegisteredBy = "system:demo-seed",
        };
        test.Describe(registered);
        session.Insert(registered);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Demo shop registered as {Shop} in organisation {Organisation}", ShopName, DemoIncidentSeeder.DemoOrganisation);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
