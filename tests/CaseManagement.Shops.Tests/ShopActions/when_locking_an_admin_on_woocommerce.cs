using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Php;
using CaseManagement.Shops.Tests.Detection;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_locking_an_admin_on_woocommerce
{
    private static readonly string[] AccountTables = ["users", "usermeta", "woocommerce_api_keys", "options"];

    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> LockAsync(WordPressShop shop, string login)
    {
        var action = new LockAdmin(login);
        var before = await shop.Containment.CaptureAsync(action, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(action, before, CancellationToken.None));
    }

    private static Task<string?> PasswordAsync(WordPressShop shop, long id) =>
        shop.Database.ScalarAsync<string>($"SELECT user_pass FROM `{shop.Prefix}users` WHERE ID = @id", ("@id", id));

    [Fact]
    public async Task the_account_loses_its_roles_password_sessions_and_credentials()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var password = await PasswordAsync(shop, 4);

        var (before, outcome) = await LockAsync(shop, "mallory");

        (await shop.MetaAsync(4, "k9_capabilities")).Should().Be("a:0:{}", "WordPress has no disabled flag: no role is the lock");
        (await shop.MetaAsync(4, "k9_user_level")).Should().Be("0");
        (await PasswordAsync(shop, 4)).Should().StartWith("$containment-locked$").And.NotBe(password);
        (await shop.MetaAsync(4, "session_tokens")).Should().BeNull("every session ends");
        (await shop.MetaAsync(4, "_application_passwords")).Should().BeNull();
        (await shop.RowsAsync("woocommerce_api_keys", "user_id = 4")).Should().BeEmpty();
        before.Summary.Should().Be("mallory (#4): roles administrator; 1 session(s); 2 API key(s); 1 application password row(s)");
        outcome.Changes.Select(c => (c.Target, c.What, c.Before, c.After)).Should().Equal(
            ("k9_usermeta[user_id=4, k9_capabilities]", "roles removed", "administrator", "no role"),
            ("k9_usermeta[user_id=4, k9_user_level]", "user level set to 0", "10", "0"),
            ("k9_users[ID=4]", "password hash scrambled: the password and existing auth cookies no longer work", null, null),
            ("k9_usermeta[user_id=4, session_tokens]", "sessions ended", "1 session(s)", "none"),
            ("k9_woocommerce_api_keys[key_id=2]", "API key deleted (revoked)", $"API key #2 'Mobile app' ending {WordPressShop.LeakedKey[^7..]} (read_write) of user #4", null),
            ("k9_woocommerce_api_keys[key_id=3]", "API key deleted (revoked)", "API key #3 'Backup' ending 1backup (write) of user #4", null),
            ("k9_usermeta[umeta_id=18, user_id=4, _application_passwords]", "application passwords deleted (revoked)",
                "2 application password(s) of user #4: 'backup-sync', 'sync2'", null));
        string.Join(" ", outcome.Changes).Should().NotContain(password!, "a password hash is never shown");
    }

    [Fact]
    public async Task other_accounts_do_not_change()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var users = await shop.RowsAsync("users", "ID <> 4");
        var meta = await shop.RowsAsync("usermeta", "user_id <> 4");
        var keys = await shop.RowsAsync("woocommerce_api_keys", "user_id <> 4");
        var options = await shop.RowsAsync("options");

        await LockAsync(shop, "mallory");

        (await shop.RowsAsync("users", "ID <> 4")).Should().Equal(users, "only the locked account's password changes");
        (await shop.RowsAsync("usermeta", "user_id <> 4")).Should().Equal(meta, "other users keep their roles, sessions and application passwords");
        (await shop.RowsAsync("woocommerce_api_keys", "user_id <> 4")).Should().Equal(keys);
        (await shop.RowsAsync("options")).Should().Equal(options);
    }

    [Fact]
    public async Task the_email_address_finds_the_account_too()
    {
        await using var shop = await WordPressShop.CreateAsync();

        await LockAsync(shop, "Mallory@Evil.Example");

        (await shop.MetaAsync(4, "k9_capabilities")).Should().Be("a:0:{}");
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing_and_keeps_the_scrambled_hash()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var (before, _) = await LockAsync(shop, "mallory");
        var afterFirst = await shop.DumpAsync(AccountTables);

        var repeat = await shop.Containment.ApplyAsync(new LockAdmin("mallory"), before, CancellationToken.None);

        repeat.Changed.Should().BeFalse();
        repeat.Summary.Should().Be("mallory (#4) is locked already; nothing changed.");
        (await shop.DumpAsync(AccountTables)).Should().BeEquivalentTo(afterFirst, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task an_account_renamed_after_the_snapshot_is_still_the_one_locked()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var before = await shop.Containment.CaptureAsync(new LockAdmin("mallory"), CancellationToken.None);
        await shop.Database.ExecuteAsync($"UPDATE `{shop.Prefix}users` SET user_login = 'helpdesk' WHERE ID = 4");

        await shop.Containment.ApplyAsync(new LockAdmin("mallory"), before, CancellationToken.None);

        (await shop.MetaAsync(4, "k9_capabilities")).Should().Be("a:0:{}", "the snapshot names the account by id, which a rename does not change");
    }

    [Fact]
    public async Task an_unknown_login_is_a_permanent_error_naming_it()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var capture = () => shop.Containment.CaptureAsync(new LockAdmin("ghost"), CancellationToken.None);

        var failure = (await capture.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse("retrying will not make the account appear");
        failure.Message.Should().Be("No WordPress user has the login or email address 'ghost'.");
    }

    [Fact]
    public async Task unlocking_gives_the_roles_back_but_keeps_credentials_dead_by_default()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var capabilities = await shop.MetaAsync(4, "k9_capabilities");
        var (before, _) = await LockAsync(shop, "mallory");
        var scrambled = await PasswordAsync(shop, 4);

        var outcome = await shop.Containment.CompensateAsync(new LockAdmin("mallory"), before, new CompensationOptions(), CancellationToken.None);

        (await shop.MetaAsync(4, "k9_capabilities")).Should().Be(capabilities, "the serialized role map comes back byte for byte");
        (await shop.MetaAsync(4, "k9_user_level")).Should().Be("10");
        (await PasswordAsync(shop, 4)).Should().Be(scrambled, "the password hash is a credential");
        (await shop.RowsAsync("woocommerce_api_keys", "user_id = 4")).Should().BeEmpty();
        (await shop.MetaAsync(4, "_application_passwords")).Should().BeNull();
        (await shop.MetaAsync(4, "session_tokens")).Should().BeNull("sessions are never restored");
        outcome.Summary.Should().Contain("deliberately not restored (RestoreCredentials is off): the password hash stays scrambled")
            .And.Contain("sessions are never restored (1 ended)");
    }

    [Fact]
    public async Task unlocking_with_credentials_restores_the_account_exactly_except_its_sessions()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var original = await shop.DumpAsync(AccountTables);
        var (before, _) = await LockAsync(shop, "mallory");

        var outcome = await shop.Containment.CompensateAsync(new LockAdmin("mallory"), before, new CompensationOptions(RestoreCredentials: true),
            CancellationToken.None);

        var restored = await shop.DumpAsync(AccountTables);
        restored["users"].Should().Equal(original["users"], "the password hash comes back");
        restored["woocommerce_api_keys"].Should().Equal(original["woocommerce_api_keys"]);
        restored["options"].Should().Equal(original["options"]);
        restored["usermeta"].Should().Equal(original["usermeta"].Where(row => !(row.Contains("user_id=4 |") && row.Contains("meta_key=session_tokens"))),
            "every meta row is back as it was, with its id, except the ended sessions");
        outcome.Changes.Should().HaveCount(6);
    }

    [Fact]
    public async Task a_role_given_since_the_lock_survives_unlocking()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var (before, _) = await LockAsync(shop, "mallory");
        var subscriber = WooCommerceDetectionShop.Capabilities("subscriber");
        await shop.Database.ExecuteAsync($"UPDATE `{shop.Prefix}usermeta` SET meta_value = @value WHERE user_id = 4 AND meta_key = 'k9_capabilities'",
            ("@value", subscriber));

        var outcome = await shop.Containment.CompensateAsync(new LockAdmin("mallory"), before, new CompensationOptions(), CancellationToken.None);

        (await shop.MetaAsync(4, "k9_capabilities")).Should().Be(subscriber, "a person's later decision is not overwritten");
        outcome.Summary.Should().Contain("k9_usermeta[umeta_id=14, k9_capabilities] was changed since containment to subscriber and was left so");
    }

    [Fact]
    public async Task on_a_multisite_the_login_leaves_the_network_super_admins_and_comes_back()
    {
        await using var shop = await WordPressShop.CreateAsync(multisite: true);
        var network = await shop.RowsAsync("sitemeta");

        var (before, outcome) = await LockAsync(shop, "mallory");

        (await shop.Database.ScalarAsync<string>($"SELECT meta_value FROM `{shop.Prefix}sitemeta` WHERE meta_key = 'site_admins'"))
            .Should().Be(PhpSerializer.Serialize(PhpArray.List("olga")));
        before.Summary.Should().Contain("network super admin");
        outcome.Changes.Should().Contain(new ShopChange("k9_sitemeta[meta_id=1, site_admins]", "removed 'mallory'", "listed at position 1", "not listed"));

        await shop.Containment.CompensateAsync(new LockAdmin("mallory"), before, new CompensationOptions(), CancellationToken.None);

        (await shop.RowsAsync("sitemeta")).Should().Equal(network);
    }
}
