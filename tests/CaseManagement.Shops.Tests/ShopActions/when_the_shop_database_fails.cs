using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_the_shop_database_fails
{
    [Theory]
    [InlineData(ShopPlatform.WooCommerce)]
    [InlineData(ShopPlatform.Magento)]
    public async Task an_unreachable_server_is_a_transient_error_that_names_no_password(ShopPlatform platform)
    {
        var settings = new ShopConnectionSettings(platform, "Server=127.0.0.1;Port=1;Database=shop;User ID=shop;Password=s3cret-pw", "wp_");

        var capture = () => ShopContainments.For(settings).CaptureAsync(new LockAdmin("olga"), CancellationToken.None);

        var failure = (await capture.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeTrue("the server may be back in a minute: worth retrying as is");
        failure.Message.Should().StartWith("The shop database at 127.0.0.1:1/shop is unreachable").And.NotContain("s3cret-pw");
    }

    [Fact]
    public async Task a_user_that_may_only_read_is_refused_permanently_and_nothing_changes()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var readOnly = ShopContainments.For(shop.Database.Settings(ShopPlatform.WooCommerce, shop.Prefix, readOnly: true));
        var before = await readOnly.CaptureAsync(new LockAdmin("mallory"), CancellationToken.None);

        var apply = () => readOnly.ApplyAsync(new LockAdmin("mallory"), before, CancellationToken.None);

        var failure = (await apply.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse("a person must give the adapter the read-write user");
        failure.Message.Should().StartWith($"User '{ShopDatabase.ReadOnlyUser}' may not read or change a table containment needs");
        (await shop.MetaAsync(4, "k9_capabilities")).Should().Be("a:1:{s:13:\"administrator\";b:1;}");
    }

    [Fact]
    public async Task a_failure_halfway_rolls_back_what_the_step_already_changed()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var before = await shop.Containment.CaptureAsync(new LockAdmin("mallory"), CancellationToken.None);
        var users = await shop.RowsAsync("users");
        var meta = await shop.RowsAsync("usermeta");
        // The roles, password and sessions are changed before the API keys are read, and that read now fails.
        await shop.Database.ExecuteAsync($"DROP TABLE `{shop.Prefix}woocommerce_api_keys`");

        var apply = () => shop.Containment.ApplyAsync(new LockAdmin("mallory"), before, CancellationToken.None);

        var failure = (await apply.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse("a missing table needs a person");
        failure.Message.Should().Contain("table prefix 'k9_'").And.Contain("woocommerce_api_keys");
        (await shop.RowsAsync("users")).Should().Equal(users, "the step runs in one transaction: all or nothing");
        (await shop.RowsAsync("usermeta")).Should().Equal(meta);
    }

    [Fact]
    public async Task a_snapshot_of_another_action_or_another_shop_is_refused()
    {
        await using var shop = await WordPressShop.CreateAsync();
        await using var other = await WordPressShop.CreateAsync();
        var mallory = await shop.Containment.CaptureAsync(new LockAdmin("mallory"), CancellationToken.None);

        var wrongAction = () => shop.Containment.ApplyAsync(new LockAdmin("olga"), mallory, CancellationToken.None);
        var wrongShop = () => other.Containment.ApplyAsync(new LockAdmin("mallory"), mallory, CancellationToken.None);

        (await wrongAction.Should().ThrowAsync<ShopContainmentException>()).Which.Message.Should().StartWith("The snapshot was captured for another lock-admin, not for this lock-admin");
        (await wrongShop.Should().ThrowAsync<ShopContainmentException>()).Which.Message.Should().Contain("it cannot be applied to another shop");
        (await other.MetaAsync(4, "k9_capabilities")).Should().Be("a:1:{s:13:\"administrator\";b:1;}");
    }
}
