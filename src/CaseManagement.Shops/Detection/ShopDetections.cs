using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.Detection;

public static class ShopDetections
{
    public static IShopDetection For(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) => shop.Platform switch
    {
        ShopPlatform.WooCommerce => new WooCommerceDetection(shop, statementTimeout),
        ShopPlatform.Magento => new MagentoDetection(shop, statementTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(shop), shop.Platform, "unknown shop platform"),
    };

    /// <summary>
    /// Diffs two results of <see cref="IShopDetection.AdminsAsync"/>, matching accounts by user id (unique in each, as that
    /// method returns them). Roles are compared as sets, so a reordered capabilities map is no change.
    /// </summary>
    public static AdminChanges Compare(IReadOnlyList<AdminAccount> before, IReadOnlyList<AdminAccount> now)
    {
        var earlier = before.ToDictionary(a => a.UserId);
        var later = now.ToDictionary(a => a.UserId);
        var added = now.Where(a => !earlier.ContainsKey(a.UserId))
            .Select(a => new AdminChange(a.UserId, a.Login, null, a, $"privileged now ({Describe(a)}), not in the earlier snapshot"))
            .ToList();
        var removed = before.Where(a => !later.ContainsKey(a.UserId))
            .Select(a => new AdminChange(a.UserId, a.Login, a, null, $"was privileged ({Describe(a)}), no longer is or was deleted"))
            .ToList();
        var changed = now.Where(a => earlier.ContainsKey(a.UserId))
            .Select(a => Difference(earlier[a.UserId], a))
            .OfType<AdminChange>()
            .ToList();
        return new AdminChanges(added, removed, changed);
    }

    private static AdminChange? Difference(AdminAccount before, AdminAccount now)
    {
        var parts = new List<string>();
        if (!before.Roles.ToHashSet(StringComparer.Ordinal).SetEquals(now.Roles))
        {
            parts.Add($"roles {Roles(before)} -> {Roles(now)}");
        }

        if (before.FullAccess != now.FullAccess)
        {
            parts.Add(now.FullAccess ? "gained full access" : "lost full access");
        }

        if (before.IsActive != now.IsActive)
        {
            parts.Add(now.IsActive ? "reactivated" : "deactivated");
        }

        return parts.Count == 0 ? null : new AdminChange(now.UserId, now.Login, before, now, string.Join("; ", parts));
    }

    private static string Describe(AdminAccount account) => account.FullAccess ? $"{Roles(account)}, full access" : Roles(account);

    private static string Roles(AdminAccount account) => account.Roles.Count == 0 ? "no role" : string.Join(", ", account.Roles);
}
