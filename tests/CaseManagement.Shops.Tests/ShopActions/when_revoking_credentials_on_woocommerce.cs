using CaseManagement.Shops.ShopActions;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_revoking_credentials_on_woocommerce
{
    private static readonly string[] CredentialTables = ["woocommerce_api_keys", "usermeta", "wc_webhooks"];

    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> RevokeAsync(WordPressShop shop, RevokeCredentials action)
    {
        var before = await shop.Containment.CaptureAsync(action, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(action, before, CancellationToken.None));
    }

    private static async Task<IReadOnlyList<string>> KeyIdsAsync(WordPressShop shop) =>
        (await shop.Database.QueryAsync($"SELECT key_id FROM `{shop.Prefix}woocommerce_api_keys` ORDER BY key_id")).Select(r => $"{r["key_id"]}").ToList();

    [Fact]
    public async Task a_leaked_consumer_key_is_found_by_its_hash_and_its_row_deleted()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var (before, outcome) = await RevokeAsync(shop, new RevokeCredentials(WordPressShop.LeakedKey, null, null, null));

        (await KeyIdsAsync(shop)).Should().Equal(["1", "3", "4"], "only the key whose wc_api_hash matches is deleted, as WooCommerce's remove_key does");
        outcome.Changes.Should().Equal(new ShopChange("k9_woocommerce_api_keys[key_id=2]", "API key deleted (revoked)",
            $"API key #2 'Mobile app' ending {WordPressShop.LeakedKey[^7..]} (read_write) of user #4", null));
        var shown = string.Join(" ", outcome.Summary, before.Summary, string.Join(" ", outcome.Changes));
        shown.Should().NotContain(WordPressShop.LeakedSecret, "the consumer secret is stored in plain text and must never be shown")
            .And.NotContain(WordPressShop.LeakedKey);
        before.Json.Should().Contain(WordPressShop.LeakedSecret, "the snapshot keeps the whole row, which is why the caller encrypts it");
        before.Json.Should().NotContain(WordPressShop.LeakedKey, "the shop stores only the key's hash, and the snapshot does not copy the action's parameters");
    }

    [Fact]
    public async Task the_last_seven_characters_or_the_consumer_secret_find_the_key_too()
    {
        await using var byEnding = await WordPressShop.CreateAsync();
        await using var bySecret = await WordPressShop.CreateAsync();

        await RevokeAsync(byEnding, new RevokeCredentials(WordPressShop.LeakedKey[^7..], null, null, null));
        await RevokeAsync(bySecret, new RevokeCredentials(WordPressShop.LeakedSecret, null, null, null));

        (await KeyIdsAsync(byEnding)).Should().Equal(["1", "3", "4"], "truncated_key holds the key's last 7 characters");
        (await KeyIdsAsync(bySecret)).Should().Equal(["1", "3", "4"], "WooCommerce keeps the consumer secret in plain text");
    }

    [Fact]
    public async Task a_user_loses_every_api_key_and_application_password_and_no_one_else_does()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var othersMeta = await shop.RowsAsync("usermeta", "user_id <> 4");

        var (_, outcome) = await RevokeAsync(shop, new RevokeCredentials(null, "MALLORY@evil.example", null, null));

        (await KeyIdsAsync(shop)).Should().Equal(["1", "4"], "mallory's keys 2 and 3 go, olga's and carl's stay");
        (await shop.MetaAsync(4, "_application_passwords")).Should().BeNull();
        (await shop.MetaAsync(4, "session_tokens")).Should().NotBeNull("revoking credentials is not locking the account");
        (await shop.RowsAsync("usermeta", "user_id <> 4")).Should().Equal(othersMeta);
        outcome.Changes.Select(c => c.Target).Should().Equal(
            "k9_woocommerce_api_keys[key_id=2]", "k9_woocommerce_api_keys[key_id=3]", "k9_usermeta[umeta_id=18, user_id=4, _application_passwords]");
        outcome.Changes[2].Before.Should().Be("2 application password(s) of user #4: 'backup-sync', 'sync2'").And.NotContain("$P$");
    }

    [Fact]
    public async Task webhooks_to_the_host_and_its_subdomains_are_disabled()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var (_, outcome) = await RevokeAsync(shop, new RevokeCredentials(null, null, "Exfil.Example.NET", null));

        var statuses = (await shop.Database.QueryAsync($"SELECT webhook_id, status FROM `{shop.Prefix}wc_webhooks` ORDER BY webhook_id"))
            .Select(r => $"{r["webhook_id"]}:{r["status"]}");
        statuses.Should().Equal(["1:active", "2:disabled", "3:disabled", "4:active"],
            "the host and its subdomain match case-blind; a look-alike host that merely starts with the name does not");
        outcome.Changes.Select(c => (c.What, c.Before, c.After)).Should().Equal(
            ("webhook 'Order sync' delivering to exfil.example.net disabled", "active", "disabled"),
            ("webhook 'Stock feed' delivering to cdn.exfil.example.net disabled", "paused", "disabled"));
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var action = new RevokeCredentials(WordPressShop.LeakedKey, "mallory", "exfil.example.net", null);
        var (before, _) = await RevokeAsync(shop, action);
        var afterFirst = await shop.DumpAsync(CredentialTables);

        var repeat = await shop.Containment.ApplyAsync(action, before, CancellationToken.None);

        repeat.Changed.Should().BeFalse();
        repeat.Summary.Should().Be("Revoked already; nothing changed.");
        (await shop.DumpAsync(CredentialTables)).Should().BeEquivalentTo(afterFirst);
    }

    [Fact]
    public async Task compensation_without_restoring_credentials_brings_back_only_the_webhooks_and_says_what_stays_revoked()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var original = await shop.DumpAsync(CredentialTables);
        var action = new RevokeCredentials(null, "mallory", "exfil.example.net", null);
        var (before, _) = await RevokeAsync(shop, action);

        var outcome = await shop.Containment.CompensateAsync(action, before, new CompensationOptions(), CancellationToken.None);

        (await shop.RowsAsync("wc_webhooks")).Should().Equal(original["wc_webhooks"], "webhook statuses are not secrets and come back");
        (await KeyIdsAsync(shop)).Should().Equal(["1", "4"], "a leaked key stays dead unless a person asks");
        (await shop.MetaAsync(4, "_application_passwords")).Should().BeNull();
        outcome.Changes.Select(c => c.What).Should().Equal(
            "webhook 'Order sync' delivering to exfil.example.net re-enabled", "webhook 'Stock feed' delivering to cdn.exfil.example.net re-enabled");
        outcome.Summary.Should().Contain("deliberately not restored (RestoreCredentials is off): API key #2 'Mobile app'")
            .And.Contain("API key #3 'Backup'").And.Contain("2 application password(s) of user #4");
    }

    [Fact]
    public async Task compensation_with_restoring_credentials_puts_the_deleted_rows_back_exactly()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var original = await shop.DumpAsync(CredentialTables);
        var action = new RevokeCredentials(WordPressShop.LeakedKey, "mallory", "exfil.example.net", null);
        var (before, _) = await RevokeAsync(shop, action);

        var outcome = await shop.Containment.CompensateAsync(action, before, new CompensationOptions(RestoreCredentials: true), CancellationToken.None);

        (await shop.DumpAsync(CredentialTables)).Should().BeEquivalentTo(original, o => o.WithStrictOrdering(), "rows come back with their ids, secrets and hashes");
        outcome.Changes.Should().HaveCount(5);
        var again = await shop.Containment.CompensateAsync(action, before, new CompensationOptions(RestoreCredentials: true), CancellationToken.None);
        again.Changed.Should().BeFalse("a repeated compensation finds everything in place");
    }

    [Fact]
    public async Task an_unknown_user_login_is_a_permanent_error_naming_it()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var capture = () => shop.Containment.CaptureAsync(new RevokeCredentials(null, "nobody", null, null), CancellationToken.None);

        var failure = (await capture.Should().ThrowAsync<ShopContainmentException>()).Which;
        failure.Transient.Should().BeFalse();
        failure.Message.Should().Be("No WordPress user has the login or email address 'nobody'.");
    }

    [Fact]
    public async Task a_leaked_key_that_matches_nothing_revokes_nothing_and_says_so()
    {
        await using var shop = await WordPressShop.CreateAsync();
        var original = await shop.DumpAsync(CredentialTables);

        var (before, outcome) = await RevokeAsync(shop, new RevokeCredentials("ck_ffffffffffffffffffffffffffffffffffffffff", null, null, null));

        before.Summary.Should().Be("Nothing matches; nothing to revoke");
        outcome.Summary.Should().Be("No API key, application password or webhook matches; nothing to revoke.");
        (await shop.DumpAsync(CredentialTables)).Should().BeEquivalentTo(original);
    }

    [Fact]
    public async Task a_selector_is_required_and_a_key_must_look_like_one()
    {
        await using var shop = await WordPressShop.CreateAsync();

        var none = () => shop.Containment.CaptureAsync(new RevokeCredentials(null, " ", null, null), CancellationToken.None);
        var odd = () => shop.Containment.CaptureAsync(new RevokeCredentials("not-a-key", null, null, null), CancellationToken.None);

        (await none.Should().ThrowAsync<ShopContainmentException>()).Which.Transient.Should().BeFalse();
        (await odd.Should().ThrowAsync<ShopContainmentException>()).Which.Message.Should().Contain("consumer key (ck_…)");
    }
}
