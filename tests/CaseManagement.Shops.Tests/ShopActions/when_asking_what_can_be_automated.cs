using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Model;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_asking_what_can_be_automated
{
    private static readonly ContainmentAction[] Actions =
    [
        new DeactivatePlugin("evil-plugin"), new RevokeCredentials("ck_x", "mallory", "exfil.example.net", null), new LockAdmin("mallory"), new EndCustomerSessions(),
    ];

    private static IShopContainment For(ShopPlatform platform) =>
        ShopContainments.For(new ShopConnectionSettings(platform, "Server=127.0.0.1;Port=1;Database=shop;User ID=shop;Password=x", ""));

    [Fact]
    public void every_action_is_automated_on_woocommerce()
    {
        Actions.Select(a => For(ShopPlatform.WooCommerce).Capability(a)).Should().OnlyContain(c => c.Automated && c.Manual == null);
    }

    [Fact]
    public void disabling_a_magento_module_is_a_manual_checklist()
    {
        var capability = For(ShopPlatform.Magento).Capability(new DeactivatePlugin("Evil_Skimmer"));

        capability.Automated.Should().BeFalse("Magento enables modules in app/etc/config.php; the database has no flag");
        capability.Manual.Should().Equal(
            "Run `bin/magento module:disable Evil_Skimmer`: it sets 'Evil_Skimmer' => 0 in app/etc/config.php.",
            "In production mode run `bin/magento setup:di:compile`, so generated code matches the enabled modules.",
            "Run `bin/magento cache:flush`.",
            "The database has no enable flag for modules (setup_module holds versions only). A setting in core_config_data that the extension "
            + "reads as its own switch needs `bin/magento cache:clean config` after it is changed.");
        Actions.Skip(1).Select(a => For(ShopPlatform.Magento).Capability(a)).Should().OnlyContain(c => c.Automated);
    }

    [Fact]
    public async Task applying_a_manual_action_is_a_permanent_error_before_the_database_is_asked()
    {
        var capture = () => For(ShopPlatform.Magento).CaptureAsync(new DeactivatePlugin("Evil_Skimmer"), CancellationToken.None);

        var failure = (await capture.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse("the unreachable server in the settings is never reached");
        failure.Message.Should().Contain("cannot be done through the database");
    }

    [Fact]
    public void a_selector_the_platform_does_not_have_is_not_automated()
    {
        For(ShopPlatform.Magento).Capability(new RevokeCredentials(null, null, "exfil.example.net", null)).Automated.Should().BeFalse("Magento Open Source has no webhooks");
        For(ShopPlatform.WooCommerce).Capability(new RevokeCredentials(null, null, null, "Exfil")).Automated.Should().BeFalse("integrations are Magento's");
    }

    [Fact]
    public void maintenance_mode_is_a_file_on_both_platforms()
    {
        ShopManualSteps.MaintenanceMode(ShopPlatform.WooCommerce).Should().HaveCount(3)
            .And.Contain(line => line.Contains("ABSPATH/.maintenance") && line.Contains("$upgrading = time();") && line.Contains("10 minutes later"))
            .And.Contain(line => line.Contains("woocommerce_coming_soon = yes") && line.Contains("the REST and Store APIs stay open"));
        ShopManualSteps.MaintenanceMode(ShopPlatform.Magento).Should()
            .Contain(line => line.Contains("var/.maintenance.flag") && line.Contains("var/.maintenance.ip"));
    }

    [Fact]
    public void must_use_plugins_drop_ins_and_cache_flushes_are_reminded()
    {
        ShopManualSteps.MuPluginsAndDropIns().Should().HaveCount(2)
            .And.Contain(line => line.Contains("wp-content/mu-plugins/"))
            .And.Contain(line => line.Contains("object-cache.php") && line.Contains("db.php") && line.Contains("advanced-cache.php"));
        ShopManualSteps.CacheFlush(ShopPlatform.WooCommerce).Should().ContainSingle().Which.Should().Contain("wp cache flush");
        ShopManualSteps.CacheFlush(ShopPlatform.Magento)[0].Should().Contain("bin/magento cache:clean config");
    }
}
