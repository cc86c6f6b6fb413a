using CaseManagement.Shops.ShopActions;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_locking_an_admin_on_magento
{
    private static readonly string[] AdminTables = ["admin_user", "admin_user_session", "oauth_token", "jwt_auth_revoked", "authorization_role"];

    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> LockAsync(MagentoShop shop, string login)
    {
        var action = new LockAdmin(login);
        var before = await shop.Containment.CaptureAsync(action, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(action, before, CancellationToken.None));
    }

    /// <summary>The rows of every admin table that do not belong to admin #3.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> NotSvcBackupAsync(MagentoShop shop)
    {
        var dump = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (table, where) in new[]
                 {
                     ("admin_user", "user_id <> 3"), ("admin_user_session", "user_id <> 3"), ("oauth_token", "NOT (admin_id <=> 3)"),
                     ("jwt_auth_revoked", "NOT (user_type_id = 2 AND user_id = 3)"), ("authorization_role", "1 = 1"),
                 })
        {
            dump[table] = await shop.RowsAsync(table, where);
        }

        return dump;
    }

    private static Task<string?> AccountAsync(MagentoShop shop, long id) =>
        shop.ScalarAsync<string>("SELECT CONCAT(is_active, ' ', COALESCE(CAST(lock_expires AS CHAR), '-')) FROM {p}admin_user WHERE user_id = @id", ("@id", id));

    [Fact]
    public async Task the_admin_is_deactivated_locked_signed_out_and_its_tokens_revoked()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var now = await shop.ScalarAsync<long>("SELECT UNIX_TIMESTAMP()");

        var (before, outcome) = await LockAsync(shop, "svc_backup");

        (await AccountAsync(shop, 3)).Should().Be("0 2038-01-01 00:00:00", "either flag alone stops sign-in");
        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM {p}admin_user_session WHERE user_id = 3 AND status = 1")).Should().Be(0);
        (await shop.ScalarAsync<int>("SELECT status FROM {p}admin_user_session WHERE id = 4")).Should().Be(2, "a session already ended otherwise keeps its status");
        (await shop.ScalarAsync<int>("SELECT revoked FROM {p}oauth_token WHERE entity_id = 4")).Should().Be(1);
        (await shop.ScalarAsync<long>("SELECT revoke_before FROM {p}jwt_auth_revoked WHERE user_type_id = 2 AND user_id = 3")).Should().BeGreaterThanOrEqualTo(now);
        before.Summary.Should().Be("svc_backup (#3): active, locked until never; 1 signed-in session(s); 1 active OAuth token(s)");
        outcome.Changes.Select(c => (c.Target, c.What, c.Before, c.After)).Should().Equal(
            ("mg_admin_user[user_id=3]", "deactivated", "is_active 1", "is_active 0"),
            ("mg_admin_user[user_id=3]", "locked", "lock_expires none", "lock_expires 2038-01-01 00:00:00"),
            ("mg_admin_user_session[user_id=3]", "admin sessions ended", "1 signed in (status 1)", "signed out (status 0)"),
            ("mg_oauth_token[entity_id=4]", "OAuth access token of admin #3 revoked", "active", "revoked"),
            ("mg_jwt_auth_revoked[user_type_id=2, user_id=3]", "JSON web tokens issued until now revoked", "none", "now"));
    }

    [Fact]
    public async Task other_admins_do_not_change()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var others = await NotSvcBackupAsync(shop);

        await LockAsync(shop, "svc@evil.example");

        (await NotSvcBackupAsync(shop)).Should().BeEquivalentTo(others, o => o.WithStrictOrdering(),
            "the admin, its role and its sessions and tokens are the only rows that change");
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var (before, _) = await LockAsync(shop, "svc_backup");
        var afterFirst = await shop.DumpAsync(AdminTables);

        var repeat = await shop.Containment.ApplyAsync(new LockAdmin("svc_backup"), before, CancellationToken.None);

        repeat.Changed.Should().BeFalse();
        repeat.Summary.Should().Be("Admin svc_backup (#3) is locked already; nothing changed.");
        (await shop.DumpAsync(AdminTables)).Should().BeEquivalentTo(afterFirst, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task an_unknown_login_is_a_permanent_error_naming_it()
    {
        await using var shop = await MagentoShop.CreateAsync();

        var capture = () => shop.Containment.CaptureAsync(new LockAdmin("ghost"), CancellationToken.None);

        var failure = (await capture.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse();
        failure.Message.Should().Be("No Magento admin user has the login or email address 'ghost'.");
    }

    [Fact]
    public async Task unlocking_restores_is_active_and_lock_expires_but_keeps_tokens_revoked_by_default()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var (before, _) = await LockAsync(shop, "svc_backup");

        var outcome = await shop.Containment.CompensateAsync(new LockAdmin("svc_backup"), before, new CompensationOptions(), CancellationToken.None);

        (await AccountAsync(shop, 3)).Should().Be("1 -");
        (await shop.ScalarAsync<int>("SELECT revoked FROM {p}oauth_token WHERE entity_id = 4")).Should().Be(1, "a token is a credential");
        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM {p}admin_user_session WHERE user_id = 3 AND status = 1")).Should().Be(0, "sessions are never restored");
        outcome.Summary.Should().Be("Unlocked admin svc_backup (#3): 2 change(s). Note: deliberately not restored (RestoreCredentials is off): OAuth tokens stay revoked "
            + "and JSON web tokens issued before the lock stay rejected; admin sessions are never restored (1 ended): the admin signs in again.");
    }

    [Fact]
    public async Task unlocking_with_credentials_restores_everything_but_the_sessions()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var original = await shop.DumpAsync(AdminTables);
        var (before, _) = await LockAsync(shop, "admin");

        await shop.Containment.CompensateAsync(new LockAdmin("admin"), before, new CompensationOptions(RestoreCredentials: true), CancellationToken.None);

        var restored = await shop.DumpAsync(AdminTables);
        restored["oauth_token"].Should().Equal(original["oauth_token"]);
        restored["jwt_auth_revoked"].Should().Equal(original["jwt_auth_revoked"], "the earlier revocation time comes back, not the lock's");
        restored["admin_user"].Select(NoModified).Should().Equal(original["admin_user"].Select(NoModified), "modified is the shop's own ON UPDATE clock");
        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM {p}admin_user_session WHERE user_id = 1 AND status = 1")).Should().Be(0);
    }

    [Fact]
    public async Task a_lock_set_since_by_someone_else_survives_unlocking()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var (before, _) = await LockAsync(shop, "temp");
        (await AccountAsync(shop, 4)).Should().Be("0 2038-01-01 00:00:00", "a lock until 2037 is extended to the far-future lock");
        await shop.ExecuteAsync("UPDATE {p}admin_user SET lock_expires = '2030-06-30 00:00:00' WHERE user_id = 4");

        await shop.Containment.CompensateAsync(new LockAdmin("temp"), before, new CompensationOptions(), CancellationToken.None);

        (await AccountAsync(shop, 4)).Should().Be("1 2030-06-30 00:00:00", "is_active comes back, the lock a person set since stays");
    }

    [Fact]
    public async Task a_shop_without_a_table_prefix_works_the_same()
    {
        await using var shop = await MagentoShop.CreateAsync(prefix: "");

        var (_, outcome) = await LockAsync(shop, "svc_backup");

        outcome.Changes.Should().HaveCount(5);
        outcome.Changes[0].Target.Should().Be("admin_user[user_id=3]");
        (await AccountAsync(shop, 3)).Should().Be("0 2038-01-01 00:00:00");
    }

    private static string NoModified(string row) => string.Join(" | ", row.Split(" | ").Where(cell => !cell.StartsWith("modified=", StringComparison.Ordinal)));
}
