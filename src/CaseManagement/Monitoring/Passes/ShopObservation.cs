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
        var read = await ShopReading.ReadAsync(shop, statementTimeout, ct);
        return WatchedItems.From(read.Admins, read.Credentials, read.Extensions, read.Skimmers.Findings, read.Exports, read.FailedLogins);
    }

    /// <summary>The failures a pass records instead of crashing: the shop's database is down, refuses us, or times out.</summary>
    public static bool IsShopFailure(Exception ex) => ex is ShopScopingException or ShopContainmentException or MySqlConnector.MySqlException;
}
