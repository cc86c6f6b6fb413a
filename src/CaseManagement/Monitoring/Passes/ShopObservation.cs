using CaseManagement.Shops.Detection;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Monitoring.Passes;

/// <summary>What one pass reads from a shop: the detection queries and the containment playbook's skimmer scan, read-only.</summary>
public static class ShopObservation
{
    public static async Task<IReadOnlyList<WatchedItem>> ReadAsync(ShopConnectionSettings shop, TimeSpan statementTimeout, CancellationToken ct)
    {
        var detection = ShopDetections.For(shop, statementTimeout);
        var admins = await detection.AdminsAsync(ct);
        // Every credential and export the shop holds, dated or not: the baseline, not a time window, says which are new.
        var credentials = await detection.CredentialsSinceAsync(DateTimeOffset.UnixEpoch, ct);
        var exports = await detection.BulkExportSignsSinceAsync(DateTimeOffset.UnixEpoch, ct);
        var extensions = await detection.ExtensionsAsync(ct);
        var failedLogins = await detection.FailedLoginsAsync(ct);
        var skimmers = await ShopContainments.For(shop, statementTimeout).ScanForSkimmersAsync(ct);
        return WatchedItems.From(admins, credentials, extensions, skimmers.Findings, exports, failedLogins);
    }

    /// <summary>The failures a pass records instead of crashing: the shop's database is down, refuses us, or times out.</summary>
    public static bool IsShopFailure(Exception ex) => ex is ShopScopingException or ShopContainmentException or MySqlConnector.MySqlException;
}
