using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_deactivating_a_plugin_on_woocommerce
{
    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> DeactivateAsync(WordPressShop shop, string plugin)
    {
        var action = new DeactivatePlugin(plugin);
        var before = await shop.Containment.CaptureAsync(action, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(action, before, CancellationToken.None));
    }

    private static string List(params string[] plugins) => PhpSerializer.Serialize(PhpArray.List(plugins.Select(p => (PhpValue)p)));

    [Fact]
    public async Task the_plugin_file_leaves_active_plugins_and_the_list_is_reindexed()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var otherOptions = await shop.RowsAsync("options", "option_name <> 'active_plugins'");

        var (before, outcome) = await DeactivateAsync(shop, "evil-plugin/evil.php");

        (await shop.OptionAsync("active_plugins")).Should().Be(List("akismet/akismet.php", "evil-plugin/evil-admin.php", "woocommerce/woocommerce.php"),
            "the entry is removed and the list written back as array_values would");
        (await shop.RowsAsync("options", "option_name <> 'active_plugins'")).Should().Equal(otherOptions,
            "recently_activated and every other option stay as they were");
        before.Summary.Should().Be("'evil-plugin/evil.php' is active: evil-plugin/evil.php in active_plugins");
        outcome.Changes.Should().Equal(new ShopChange("k9_options[active_plugins]", "removed 'evil-plugin/evil.php'", "listed at position 1", "not listed"));
        outcome.Summary.Should().Contain("no deactivation hooks ran").And.Contain("wp cache flush");
    }

    [Fact]
    public async Task a_folder_deactivates_every_file_in_it()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var (_, outcome) = await DeactivateAsync(shop, "evil-plugin/");

        (await shop.OptionAsync("active_plugins")).Should().Be(List("akismet/akismet.php", "woocommerce/woocommerce.php"));
        outcome.Changes.Select(c => c.What).Should().Equal("removed 'evil-plugin/evil.php'", "removed 'evil-plugin/evil-admin.php'");
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing_and_says_so()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var (before, _) = await DeactivateAsync(shop, "evil-plugin");
        var afterFirst = await shop.RowsAsync("options");

        var repeat = await shop.Containment.ApplyAsync(new DeactivatePlugin("evil-plugin"), before, CancellationToken.None);

        repeat.Changed.Should().BeFalse("the plugin is inactive already");
        repeat.Summary.Should().Be("'evil-plugin' is inactive already; nothing changed.");
        (await shop.RowsAsync("options")).Should().Equal(afterFirst, "a repeat after a crash must not touch the shop");
    }

    [Fact]
    public async Task a_plugin_that_was_never_active_is_no_error()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var (before, outcome) = await DeactivateAsync(shop, "hello.php");

        before.Summary.Should().Be("'hello.php' is not active");
        outcome.Changed.Should().BeFalse();
        outcome.Summary.Should().Be("'hello.php' is not active on this site (never activated, or not installed); nothing to deactivate.");
        (await shop.OptionAsync("active_plugins")).Should().Be(WordPressShop.ActivePlugins);
    }

    [Fact]
    public async Task compensation_puts_the_original_value_back_byte_for_byte()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var original = await shop.RowsAsync("options");
        var (before, _) = await DeactivateAsync(shop, "evil-plugin");

        var outcome = await shop.Containment.CompensateAsync(new DeactivatePlugin("evil-plugin"), before, new CompensationOptions(), CancellationToken.None);

        (await shop.OptionAsync("active_plugins")).Should().Be(WordPressShop.ActivePlugins);
        (await shop.RowsAsync("options")).Should().Equal(original, "nothing changed since containment, so every option is as before");
        outcome.Changes.Select(c => (c.What, c.After)).Should().Equal(
            ("put back 'evil-plugin/evil.php'", "listed at position 1"), ("put back 'evil-plugin/evil-admin.php'", "listed at position 2"));
    }

    [Fact]
    public async Task compensation_keeps_later_changes_and_puts_back_only_what_is_missing()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var (before, _) = await DeactivateAsync(shop, "evil-plugin");
        // Since containment, someone activated a new plugin and one of the two again.
        await shop.Database.ExecuteAsync($"UPDATE `{shop.Prefix}options` SET option_value = @value WHERE option_name = 'active_plugins'",
            ("@value", List("akismet/akismet.php", "woocommerce/woocommerce.php", "evil-plugin/evil-admin.php", "new/new.php")));

        var outcome = await shop.Containment.CompensateAsync(new DeactivatePlugin("evil-plugin"), before, new CompensationOptions(), CancellationToken.None);

        (await shop.OptionAsync("active_plugins")).Should().Be(
            List("akismet/akismet.php", "evil-plugin/evil.php", "woocommerce/woocommerce.php", "evil-plugin/evil-admin.php", "new/new.php"),
            "the missing entry goes back to its old position, the one active again is not doubled, the new plugin stays");
        outcome.Changes.Should().ContainSingle().Which.What.Should().Be("put back 'evil-plugin/evil.php'");
        outcome.Summary.Should().Contain("'evil-plugin/evil-admin.php' listed in k9_options[active_plugins] again already");
    }

    [Fact]
    public async Task on_a_multisite_the_network_activation_goes_and_comes_back_too()
    {
        await using var shop = await WordPressShop.CreateAsync(multisite: true);
        var network = await shop.RowsAsync("sitemeta");

        var (before, outcome) = await DeactivateAsync(shop, "evil-plugin/evil.php");

        before.Summary.Should().Contain("evil-plugin/evil.php network-wide");
        (await shop.Database.ScalarAsync<string>($"SELECT meta_value FROM `{shop.Prefix}sitemeta` WHERE meta_key = 'active_sitewide_plugins'"))
            .Should().Be(PhpSerializer.Serialize(PhpArray.Map(("akismet/akismet.php", 1767225600))), "the network's map keeps its other keys and times");
        outcome.Changes.Select(c => c.Target).Should().Equal("k9_options[active_plugins]", "k9_sitemeta[meta_id=2, active_sitewide_plugins]");

        await shop.Containment.CompensateAsync(new DeactivatePlugin("evil-plugin/evil.php"), before, new CompensationOptions(), CancellationToken.None);

        (await shop.RowsAsync("sitemeta")).Should().Equal(network, "the activation time comes back with the entry");
    }

    [Fact]
    public async Task only_the_site_with_the_given_prefix_changes()
    {
        await using var shop = await WordPressShop.CreateAsync(prefix: "k9_");
        // A second WordPress in the same database, as shared hosting often has.
        await WordPressShop.SeedAsync(shop.Database, "wp_", multisite: false);

        await DeactivateAsync(shop, "evil-plugin");

        (await shop.Database.ScalarAsync<string>("SELECT option_value FROM wp_options WHERE option_name = 'active_plugins'")).Should().Be(WordPressShop.ActivePlugins);
        (await shop.OptionAsync("active_plugins")).Should().Be(List("akismet/akismet.php", "woocommerce/woocommerce.php"));
    }

    [Fact]
    public async Task an_unreadable_active_plugins_value_is_a_permanent_error_and_changes_nothing()
    {
        await using var shop = await WordPressShop.CreateAsync();
        const string broken = """a:2:{i:0;s:19:"akismet/akismet.php";""";
        await shop.Database.ExecuteAsync($"UPDATE `{shop.Prefix}options` SET option_value = @value WHERE option_name = 'active_plugins'", ("@value", broken));

        var capture = () => shop.Containment.CaptureAsync(new DeactivatePlugin("akismet"), CancellationToken.None);

        var failure = (await capture.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse("a person must look at a value WordPress itself cannot read");
        failure.Message.Should().Contain("k9_options[active_plugins] is not a readable serialized PHP array");
        (await shop.OptionAsync("active_plugins")).Should().Be(broken);
    }
}
