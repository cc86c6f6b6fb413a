using CaseManagement.Shops.ShopActions;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_ending_customer_sessions_on_magento
{
    private static readonly EndCustomerSessions End = new();

    private static readonly string[] SessionTables = ["customer_entity", "persistent_session", "oauth_token", "jwt_auth_revoked", "admin_user_session"];

    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> EndAsync(MagentoShop shop)
    {
        var before = await shop.Containment.CaptureAsync(End, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(End, before, CancellationToken.None));
    }

    [Fact]
    public async Task customers_get_a_session_cutoff_and_lose_persistent_sessions_and_tokens()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var now = await shop.ScalarAsync<long>("SELECT UNIX_TIMESTAMP()");

        var (before, outcome) = await EndAsync(shop);

        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM {p}customer_entity WHERE UNIX_TIMESTAMP(session_cutoff) >= @now", ("@now", now)))
            .Should().Be(3, "every customer, also the one with an older cutoff, gets a cutoff of now");
        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM {p}persistent_session")).Should().Be(0);
        (await shop.ScalarAsync<int>("SELECT revoked FROM {p}oauth_token WHERE entity_id = 6")).Should().Be(1);
        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM {p}jwt_auth_revoked WHERE user_type_id = 3 AND revoke_before >= @now", ("@now", now)))
            .Should().Be(3, "customer JSON web tokens are not stored, so each customer gets a revocation");
        before.Summary.Should().Be("3 customer(s); 2 persistent session(s); 1 active customer OAuth token(s); session cutoff available");
        outcome.Changes.Select(c => (c.Target, c.Before)).Should().Equal(
            ("mg_customer_entity[session_cutoff]", "3 customer(s) without a current cutoff"),
            ("mg_persistent_session", "2 session(s)"),
            ("mg_oauth_token[user_type=3]", "1 active"),
            ("mg_jwt_auth_revoked[user_type_id=3]", "3 customer(s)"));
    }

    [Fact]
    public async Task admins_integrations_and_the_customers_updated_at_do_not_change()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var updatedAt = await shop.RowsAsync("customer_entity");
        var admins = await shop.RowsAsync("admin_user_session");
        var otherTokens = await shop.RowsAsync("oauth_token", "user_type <> 3");
        var otherRevocations = await shop.RowsAsync("jwt_auth_revoked", "user_type_id <> 3");

        await EndAsync(shop);

        (await shop.RowsAsync("customer_entity")).Select(row => row.Split(" | ").Single(c => c.StartsWith("updated_at=", StringComparison.Ordinal)))
            .Should().Equal(updatedAt.Select(row => row.Split(" | ").Single(c => c.StartsWith("updated_at=", StringComparison.Ordinal))),
                "syncs that watch updated_at must not see every customer as changed");
        (await shop.RowsAsync("admin_user_session")).Should().Equal(admins, "admins are signed out by locking them, one by one");
        (await shop.RowsAsync("oauth_token", "user_type <> 3")).Should().Equal(otherTokens);
        (await shop.RowsAsync("jwt_auth_revoked", "user_type_id <> 3")).Should().Equal(otherRevocations);
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var (before, _) = await EndAsync(shop);
        var afterFirst = await shop.DumpAsync(SessionTables);

        var repeat = await shop.Containment.ApplyAsync(End, before, CancellationToken.None);

        repeat.Changed.Should().BeFalse();
        repeat.Summary.Should().Be("Customers are signed out already; nothing changed.");
        (await shop.DumpAsync(SessionTables)).Should().BeEquivalentTo(afterFirst, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task compensation_changes_nothing_and_says_sessions_are_not_restorable()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var (before, _) = await EndAsync(shop);
        var afterApply = await shop.DumpAsync(SessionTables);

        var outcome = await shop.Containment.CompensateAsync(End, before, new CompensationOptions(RestoreCredentials: true), CancellationToken.None);

        outcome.Changed.Should().BeFalse();
        outcome.Summary.Should().StartWith("Sessions are not restorable: customers sign in again.");
        (await shop.DumpAsync(SessionTables)).Should().BeEquivalentTo(afterApply, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task without_a_session_cutoff_column_the_rest_still_happens_and_the_outcome_says_so()
    {
        await using var shop = await MagentoShop.CreateAsync();
        await shop.ExecuteAsync("ALTER TABLE {p}customer_entity DROP COLUMN session_cutoff");

        var (before, outcome) = await EndAsync(shop);

        before.Summary.Should().EndWith("no session_cutoff column (before Magento 2.4.7)");
        outcome.Changes.Select(c => c.Target).Should().Equal("mg_persistent_session", "mg_oauth_token[user_type=3]", "mg_jwt_auth_revoked[user_type_id=3]");
        outcome.Summary.Should().Contain("this Magento has no customer_entity.session_cutoff (before 2.4.7)");
    }
}
