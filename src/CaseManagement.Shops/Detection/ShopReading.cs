using CaseManagement.Shops.Model;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Shops.Detection;

/// <summary>What one monitoring pass reads from a shop, read-only: the detection queries and the containment playbook's skimmer scan.</summary>
public sealed record ShopReading(IReadOnlyList<AdminAccount> Admins, IReadOnlyList<IntegrationCredential> Credentials, IReadOnlyList<ExportSign> Exports,
    IReadOnlyList<ShopExtension> Extensions, FailedLogins FailedLogins, SkimmerScan Skimmers)
{
    public static async Task<ShopReading> ReadAsync(ShopConnectionSettings shop, TimeSpan statementTimeout, CancellationToken ct)
    {
        var detection = ShopDetections.For(shop, statementTimeout);
        var admins = await detection.AdminsAsync(ct);
        // Every credential and export the shop holds, dated or not: the baseline, not a time window, says which are new.
        var credentials = await detection.CredentialsSinceAsync(DateTimeOffset.UnixEpoch, ct);
        var exports = await detection.BulkExportSignsSinceAsync(DateTimeOffset.UnixEpoch, ct);
        var extensions = await detection.ExtensionsAsync(ct);
        var failedLogins = await detection.FailedLoginsAsync(ct);
        var skimmers = await ShopContainments.For(shop, statementTimeout).ScanForSkimmersAsync(ct);
        return new ShopReading(admins, credentials, exports, extensions, failedLogins, skimmers);
    }
}
