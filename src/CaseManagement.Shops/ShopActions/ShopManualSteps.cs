namespace CaseManagement.Shops.ShopActions;

/// <summary>
/// Containment steps that live in files or need the platform's CLI, so no database adapter can take them: checklist lines
/// for a person with shell access (or the hosting provider).
/// </summary>
public static class ShopManualSteps
{
    internal const string WordPressCacheReminder =
        "Direct database edits bypass a persistent object cache: run `wp cache flush` so WordPress stops serving the old values.";

    internal const string MagentoCacheReminder = "Run `bin/magento cache:clean config` so Magento stops serving cached configuration.";

    public static IReadOnlyList<string> MaintenanceMode(ShopPlatform platform) => platform switch
    {
        ShopPlatform.WooCommerce =>
        [
            "Create ABSPATH/.maintenance containing `<?php $upgrading = time();` so maintenance holds on every request: the file that core updates and "
            + "`wp maintenance-mode activate` write holds a fixed timestamp, and WordPress ignores it 10 minutes later.",
            "Delete ABSPATH/.maintenance to end maintenance mode.",
            "Database-only alternative: set the options woocommerce_coming_soon = yes and woocommerce_store_pages_only = no. That hides the pages from "
            + "visitors only; the REST and Store APIs stay open.",
        ],
        ShopPlatform.Magento =>
        [
            "Run `bin/magento maintenance:enable --ip=<responder addresses>`: it writes var/.maintenance.flag, and var/.maintenance.ip with the "
            + "comma-separated addresses that may still see the shop.",
            "Run `bin/magento maintenance:disable` to end maintenance mode. There is no database equivalent.",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "unknown shop platform"),
    };

    /// <summary>WordPress code that runs without any database entry, so deactivating plugins never reaches it.</summary>
    public static IReadOnlyList<string> MuPluginsAndDropIns() =>
    [
        "List wp-content/mu-plugins/: must-use plugins load on every request without an entry in active_plugins; move suspicious files out of the folder.",
        "Check the drop-ins in wp-content (object-cache.php, db.php, advanced-cache.php, and maintenance.php, fatal-error-handler.php, sunrise.php): "
        + "they load without a database entry; compare them with the files of the plugin that installed them.",
    ];

    /// <summary>Code that runs whatever the database says: WordPress must-use plugins and drop-ins; on Magento, modules on disk.</summary>
    public static IReadOnlyList<string> CodeOutsideTheDatabase(ShopPlatform platform) => platform switch
    {
        ShopPlatform.WooCommerce => MuPluginsAndDropIns(),
        ShopPlatform.Magento =>
        [
            "Compare app/code and vendor with the shop's composer.lock and deployment: a compromised extension can install further modules there, "
            + "which app/etc/config.php then enables.",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "unknown shop platform"),
    };

    /// <summary>What to run after the adapter changed the database directly.</summary>
    public static IReadOnlyList<string> CacheFlush(ShopPlatform platform) => platform switch
    {
        ShopPlatform.WooCommerce => [WordPressCacheReminder],
        ShopPlatform.Magento =>
        [
            MagentoCacheReminder,
            "After editing CMS blocks or pages, also run `bin/magento cache:clean block_html full_page`.",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "unknown shop platform"),
    };

    /// <summary>Magento enables modules in app/etc/config.php only; <paramref name="module"/> is "Vendor_Module".</summary>
    public static IReadOnlyList<string> DisableMagentoModule(string module) =>
    [
        $"Run `bin/magento module:disable {module}`: it sets '{module}' => 0 in app/etc/config.php.",
        "In production mode run `bin/magento setup:di:compile`, so generated code matches the enabled modules.",
        "Run `bin/magento cache:flush`.",
        "The database has no enable flag for modules (setup_module holds versions only). A setting in core_config_data that the extension "
        + "reads as its own switch needs `bin/magento cache:clean config` after it is changed.",
    ];
}
