namespace CaseManagement.Shops.Detection;

public enum ExtensionKind
{
    /// <summary>A plugin file in the site's <c>active_plugins</c> option.</summary>
    WordPressPlugin,

    /// <summary>A plugin activated network-wide (<c>active_sitewide_plugins</c> in <c>{prefix}sitemeta</c>).</summary>
    WordPressNetworkPlugin,

    /// <summary>The active theme (the <c>template</c> and <c>stylesheet</c> options).</summary>
    WordPressTheme,

    /// <summary>A module Magento registered in <c>setup_module</c> or applied patches for (<c>patch_list</c>).</summary>
    MagentoModule,
}

/// <summary>Code the shop runs besides its platform's core: what a nulled or planted extension changes.</summary>
/// <param name="Name">The plugin file ("dir/file.php"), the theme's folder, or the Magento module ("Vendor_Module").</param>
/// <param name="Version">Magento's schema and data versions, or how many patches it applied; WordPress keeps no version in the database.</param>
public sealed record ShopExtension(ExtensionKind Kind, string Name, string? Version, string Why);

/// <summary>How many times one account, or a group of accounts, failed to sign in, as the shop counts it.</summary>
/// <param name="Key">Stable between passes: "admin:3", "customers-locked".</param>
public sealed record FailedLoginCounter(string Key, string Who, long Failures, string Why);

/// <summary>The shop's failed-login counters, or why it keeps none.</summary>
/// <param name="NotRecorded">Null when the schema records failed logins; otherwise why it does not (WordPress core keeps no such record).</param>
public sealed record FailedLogins(IReadOnlyList<FailedLoginCounter> Counters, string? NotRecorded = null);
