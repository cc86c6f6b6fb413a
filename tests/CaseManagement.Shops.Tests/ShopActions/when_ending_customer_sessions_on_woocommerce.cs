using CaseManagement.Shops.ShopActions;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_ending_customer_sessions_on_woocommerce
{
    private static readonly EndCustomerSessions End = new();

    private static async Task<IReadOnlyList<string>> SignedInAsync(WordPressShop shop) =>
        (await shop.Database.QueryAsync(
            $"SELECT u.user_login FROM `{shop.Prefix}usermeta` m JOIN `{shop.Prefix}users` u ON u.ID = m.user_id WHERE m.meta_key = 'session_tokens' ORDER BY u.ID"))
        .Select(r => (string)r["user_login"]!)
        .ToList();

    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> EndAsync(WordPressShop shop)
    {
        var before = await shop.Containment.CaptureAsync(End, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(End, before, CancellationToken.None));
    }

    [Fact]
    public async Task shoppers_are_signed_out_while_back_office_accounts_and_carts_stay()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var carts = await shop.RowsAsync("woocommerce_sessions");
        var otherMeta = await shop.RowsAsync("usermeta", "meta_key <> 'session_tokens'");

        var (before, outcome) = await EndAsync(shop);

        (await SignedInAsync(shop)).Should().Equal(["olga", "sam", "mallory"],
            "administrators and shop managers keep their sessions: locking them is a separate, deliberate step");
        (await shop.RowsAsync("woocommerce_sessions")).Should().Equal(carts, "carts sign nobody in, and deleting them loses checkouts in progress");
        (await shop.RowsAsync("usermeta", "meta_key <> 'session_tokens'")).Should().Equal(otherMeta);
        before.Summary.Should().Be("2 shopper session row(s) to end; accounts with back-office rights keep their sessions (olga, sam, mallory); lock any that should not");
        outcome.Changes.Should().Equal(new ShopChange("k9_usermeta[session_tokens]", "sessions of users without back-office rights deleted", "2 user(s) signed in", "none"));
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var (before, _) = await EndAsync(shop);
        var afterFirst = await shop.RowsAsync("usermeta");

        var repeat = await shop.Containment.ApplyAsync(End, before, CancellationToken.None);

        repeat.Changed.Should().BeFalse();
        repeat.Summary.Should().StartWith("No shopper is signed in; nothing changed");
        (await shop.RowsAsync("usermeta")).Should().Equal(afterFirst);
    }

    [Fact]
    public async Task compensation_changes_nothing_and_says_sessions_are_not_restorable()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var (before, _) = await EndAsync(shop);
        var afterApply = await shop.RowsAsync("usermeta");

        var outcome = await shop.Containment.CompensateAsync(End, before, new CompensationOptions(RestoreCredentials: true), CancellationToken.None);

        outcome.Changed.Should().BeFalse();
        outcome.Summary.Should().Be("Sessions are not restorable: shoppers sign in again. Nothing changed.");
        (await shop.RowsAsync("usermeta")).Should().Equal(afterApply);
    }
}
