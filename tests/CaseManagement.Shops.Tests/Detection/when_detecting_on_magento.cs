using CaseManagement.Shops.Detection;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using static CaseManagement.Shops.Tests.Detection.MagentoDetectionShop;

namespace CaseManagement.Shops.Tests.Detection;

/// <summary>What a responder learns from a Magento shop's database about what an attacker created from T on.</summary>
public sealed class when_detecting_on_magento(MagentoDetectionShop shop) : IClassFixture<MagentoDetectionShop>
{
    private const string Since = "on or after 2026-03-01T00:00:00Z";

    private IShopDetection Detection => ShopDetections.For(shop.Settings);

    private static readonly AdminAccount SvcBackup = new(3, "svc_backup", "svc@evil.example", null, SvcBackupCreated, ["Administrators"], true, true, null,
        SvcBackupLogin, "198.51.100.23", "role Administrators allows Magento_Backend::all");

    [Fact]
    public async Task every_admin_user_is_listed_with_its_role_and_access()
    {
        var admins = await Detection.AdminsAsync(CancellationToken.None);

        admins.Should().BeEquivalentTo(
            [
                new AdminAccount(1, "admin", "admin@shop.example", "Ada Admin", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), ["Administrators"],
                    true, true, null, AdminLogin, "203.0.113.9", "role Administrators allows Magento_Backend::all"),
                new AdminAccount(2, "helper", "helper@shop.example", "Hal Helper", new DateTimeOffset(2025, 5, 5, 9, 0, 0, TimeSpan.Zero), ["Sales viewers"],
                    false, false, null, null, null, "limited role Sales viewers; inactive"),
                SvcBackup,
                new AdminAccount(4, "temp", "temp@shop.example", "Tem Porary", new DateTimeOffset(2025, 10, 10, 9, 0, 0, TimeSpan.Zero), [], false, true,
                    new DateTimeOffset(2037, 12, 31, 0, 0, 0, TimeSpan.Zero), null, null,
                    "admin user with no role (cannot sign in until given one); locked until 2037-12-31T00:00:00Z"),
            ],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task admins_created_since_T_are_the_new_full_access_admin()
    {
        var admins = await Detection.AdminsCreatedSinceAsync(T, CancellationToken.None);

        admins.Should().BeEquivalentTo([SvcBackup with { Why = $"created 2026-03-02T03:14:00Z, {Since}; role Administrators allows Magento_Backend::all" }]);
    }

    [Fact]
    public async Task moving_an_admin_into_a_full_access_role_is_found_only_by_comparing_snapshots()
    {
        await using var database = await ShopDatabase.CreateAsync();
        await WriteAdminsAsync(database, "");
        var detection = ShopDetections.For(database.Settings(ShopPlatform.Magento, ""));
        var before = await detection.AdminsAsync(CancellationToken.None);

        await database.ExecuteAsync("UPDATE authorization_role SET parent_id = 1 WHERE role_type = 'U' AND user_id = 2");
        await database.ExecuteAsync("UPDATE admin_user SET is_active = 1 WHERE user_id = 2");
        await database.ExecuteAsync("DELETE FROM authorization_role WHERE role_type = 'U' AND user_id = 3");
        var changes = ShopDetections.Compare(before, await detection.AdminsAsync(CancellationToken.None));

        changes.Added.Should().BeEmpty();
        changes.Removed.Should().BeEmpty("svc_backup lost its role but is still an admin user");
        changes.Changed.Select(c => (c.Login, c.Why)).Should().Equal(
            ("helper", "roles Sales viewers -> Administrators; gained full access; reactivated"),
            ("svc_backup", "roles Administrators -> no role; lost full access"));
    }

    [Fact]
    public async Task new_integrations_consumers_and_tokens_are_credentials()
    {
        var credentials = await Detection.CredentialsSinceAsync(T, CancellationToken.None);

        var exfil = new CredentialOwner(CredentialOwnerKind.MagentoIntegration, 1, "Exfil");
        credentials.Should().BeEquivalentTo(
            [
                new IntegrationCredential(CredentialKind.MagentoIntegration, "1", "Exfil", null, ExfilCreated, null, null, "active",
                    "Magento_Backend::all (every API resource)", "https://exfil.example.net/magento", null, 2,
                    $"integration 'Exfil' (contact ops@evil.example, active, Magento_Backend::all (every API resource)), created 2026-03-02T04:00:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.MagentoOAuthConsumer, "2", "Integration1", exfil, ExfilCreated, null, null, null, null, null, null, 2,
                    $"OAuth consumer 'Integration1' of integration #1 'Exfil', created 2026-03-02T04:00:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.MagentoOAuthToken, "2", null, exfil, ExfilTokenCreated, null, null, "active", "access", null, null, 2,
                    $"OAuth access token of integration #1 'Exfil' (active), created 2026-03-02T04:01:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.MagentoOAuthToken, "3", null, new CredentialOwner(CredentialOwnerKind.MagentoAdmin, 3, "svc_backup"),
                    AdminTokenCreated, null, null, "active", "access", null, null, null,
                    $"OAuth access token of admin #3 svc_backup (active), created 2026-03-02T05:00:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.MagentoOAuthToken, "4", null,
                    new CredentialOwner(CredentialOwnerKind.MagentoCustomer, 17, "buyer@example.test"), CustomerTokenCreated, null, null, "revoked", "access",
                    null, null, null, $"OAuth access token of customer #17 buyer@example.test (revoked), created 2026-03-03T00:00:00Z, {Since}"),
            ],
            o => o.WithStrictOrdering(),
            "the ERP connector, its consumer and its token predate T");
    }

    [Fact]
    public async Task bulk_operations_since_T_and_every_queued_export_are_export_signs()
    {
        var signs = await Detection.BulkExportSignsSinceAsync(T, CancellationToken.None);

        signs.Should().BeEquivalentTo(
            [
                new ExportSign(ExportSignKind.MagentoBulkOperation, "2", ExportBulkStarted, null, 3, "Export customers",
                    "bulk operation 'Export customers' (1 operations, uuid 6b0c9a3e-1d2f-4e5a-8b7c-9d0e1f2a3b4c) started by user #3 2026-03-02T06:00:00Z, "
                    + Since),
                new ExportSign(ExportSignKind.MagentoQueuedExport, "1", null, null, null, """{"file_format":"csv","entity":"customer"}""",
                    "export queued on import_export.export",
                    "queue_message has no time column, so every queued export is listed whatever its age; the files are in var/export/."),
            ],
            o => o.WithStrictOrdering(),
            "the December bulk predates T and the attribute update is no export");
    }
}
