using CaseManagement.Shops.ShopActions;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_revoking_credentials_on_magento
{
    private static readonly string[] CredentialTables = ["integration", "oauth_consumer", "oauth_token", "jwt_auth_revoked"];

    private static async Task<(ActionSnapshot Before, ActionOutcome Outcome)> RevokeAsync(MagentoShop shop, RevokeCredentials action)
    {
        var before = await shop.Containment.CaptureAsync(action, CancellationToken.None);
        return (before, await shop.Containment.ApplyAsync(action, before, CancellationToken.None));
    }

    private static async Task<string> StateAsync(MagentoShop shop) =>
        string.Join(" ", (await shop.Database.QueryAsync($"SELECT integration_id, status FROM `{shop.Prefix}integration` ORDER BY integration_id"))
            .Select(r => $"i{r["integration_id"]}:{r["status"]}")
            .Concat((await shop.Database.QueryAsync($"SELECT entity_id, revoked FROM `{shop.Prefix}oauth_token` ORDER BY entity_id"))
                .Select(r => $"t{r["entity_id"]}:{r["revoked"]}")));

    [Fact]
    public async Task a_leaked_consumer_key_deactivates_its_integration_and_revokes_its_tokens()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var consumers = await shop.RowsAsync("oauth_consumer");

        var (before, outcome) = await RevokeAsync(shop, new RevokeCredentials(MagentoShop.LeakedConsumerKey, null, null, null));

        (await StateAsync(shop)).Should().Be("i1:0 i2:1 t1:0 t2:1 t3:1 t4:0 t5:0 t6:0 t7:1",
            "the Exfil integration and its consumer's tokens are revoked; the ERP connector, admins and customers are not");
        (await shop.RowsAsync("oauth_consumer")).Should().Equal(consumers, "nothing is deleted, so nothing is lost");
        before.Summary.Should().Be("To revoke: integration 'Exfil'; OAuth access token #2 of consumer #2");
        outcome.Changes.Select(c => (c.Target, c.What, c.Before, c.After)).Should().Equal(
            ("mg_integration[integration_id=1]", "integration 'Exfil' deactivated", "active", "inactive"),
            ("mg_oauth_token[entity_id=2]", "OAuth access token of consumer #2 revoked", "active", "revoked"));
        string.Join(" ", outcome.Changes, outcome.Summary, before.Summary).Should().NotContain(MagentoShop.LeakedConsumerKey).And.NotContain(MagentoShop.LeakedAccessToken);
    }

    [Fact]
    public async Task a_leaked_access_token_or_the_integration_name_leads_to_the_same_integration()
    {
        await using var byToken = await MagentoShop.CreateAsync();
        await using var byName = await MagentoShop.CreateAsync();

        await RevokeAsync(byToken, new RevokeCredentials(MagentoShop.LeakedAccessToken, null, null, null));
        await RevokeAsync(byName, new RevokeCredentials(null, null, null, "Exfil"));

        (await StateAsync(byToken)).Should().Be("i1:0 i2:1 t1:0 t2:1 t3:1 t4:0 t5:0 t6:0 t7:1");
        (await StateAsync(byName)).Should().Be("i1:0 i2:1 t1:0 t2:1 t3:1 t4:0 t5:0 t6:0 t7:1");
    }

    [Fact]
    public async Task an_admin_login_revokes_its_oauth_tokens_and_its_json_web_tokens()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var now = await shop.ScalarAsync<long>("SELECT UNIX_TIMESTAMP()");

        var (_, outcome) = await RevokeAsync(shop, new RevokeCredentials(null, "svc@evil.example", null, null));

        (await StateAsync(shop)).Should().Be("i1:1 i2:1 t1:0 t2:0 t3:1 t4:1 t5:0 t6:0 t7:1", "only svc_backup's token #4");
        (await shop.ScalarAsync<long>("SELECT revoke_before FROM {p}jwt_auth_revoked WHERE user_type_id = 2 AND user_id = 3"))
            .Should().BeGreaterThanOrEqualTo(now, "tokens issued until now are rejected");
        (await shop.ScalarAsync<long>("SELECT revoke_before FROM {p}jwt_auth_revoked WHERE user_type_id = 2 AND user_id = 1"))
            .Should().Be(MagentoShop.AdminRevokedBefore, "another admin's revocation is untouched");
        outcome.Changes.Select(c => c.Target).Should().Equal("mg_oauth_token[entity_id=4]", "mg_jwt_auth_revoked[user_type_id=2, user_id=3]");
        outcome.Changes[1].Before.Should().Be("none");
    }

    [Fact]
    public async Task a_repeat_with_the_same_snapshot_changes_nothing()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var action = new RevokeCredentials(MagentoShop.LeakedConsumerKey, "svc_backup", null, null);
        var (before, _) = await RevokeAsync(shop, action);
        var afterFirst = await shop.DumpAsync(CredentialTables);

        var repeat = await shop.Containment.ApplyAsync(action, before, CancellationToken.None);

        repeat.Changed.Should().BeFalse("the JSON web token revocation written after the snapshot already covers it");
        repeat.Summary.Should().Be("Revoked already; nothing changed.");
        (await shop.DumpAsync(CredentialTables)).Should().BeEquivalentTo(afterFirst, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task compensation_without_restoring_credentials_changes_nothing_and_says_so()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var action = new RevokeCredentials(MagentoShop.LeakedConsumerKey, "svc_backup", null, null);
        var (before, _) = await RevokeAsync(shop, action);
        var afterApply = await shop.DumpAsync(CredentialTables);

        var outcome = await shop.Containment.CompensateAsync(action, before, new CompensationOptions(), CancellationToken.None);

        outcome.Changed.Should().BeFalse();
        outcome.Summary.Should().Be("Deliberately not restored (RestoreCredentials is off): integration 'Exfil'; token #2 of consumer #2; token #4 of admin #3; "
            + "the JSON web token revocation of admin svc_backup (#3).");
        (await shop.DumpAsync(CredentialTables)).Should().BeEquivalentTo(afterApply, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task compensation_with_restoring_credentials_restores_statuses_tokens_and_revocations_exactly()
    {
        await using var shop = await MagentoShop.CreateAsync();
        var original = await shop.DumpAsync(CredentialTables);
        var action = new RevokeCredentials(MagentoShop.LeakedConsumerKey, "admin", null, null);
        var (before, _) = await RevokeAsync(shop, action);

        var outcome = await shop.Containment.CompensateAsync(action, before, new CompensationOptions(RestoreCredentials: true), CancellationToken.None);

        var restored = await shop.DumpAsync(CredentialTables);
        restored["oauth_token"].Should().Equal(original["oauth_token"]);
        restored["jwt_auth_revoked"].Should().Equal(original["jwt_auth_revoked"], "admin #1's earlier revocation time comes back");
        restored["integration"].Select(Without("updated_at")).Should().Equal(original["integration"].Select(Without("updated_at")),
            "integration.updated_at is the shop's own ON UPDATE clock");
        outcome.Changes.Select(c => c.What).Should().Equal("integration 'Exfil' restored", "OAuth access token of consumer #2 restored",
            "OAuth access token of admin #1 restored", "JSON web token revocation restored as before containment");
    }

    [Fact]
    public async Task an_unknown_integration_name_or_admin_is_a_permanent_error()
    {
        await using var shop = await MagentoShop.CreateAsync();

        var integration = () => shop.Containment.CaptureAsync(new RevokeCredentials(null, null, null, "Nope"), CancellationToken.None);
        var admin = () => shop.Containment.CaptureAsync(new RevokeCredentials(null, "nobody", null, null), CancellationToken.None);

        (await integration.Should().ThrowAsync<ShopContainmentException>()).Which.Should()
            .Match<ShopContainmentException>(e => !e.Transient && e.Message == "No Magento integration is named 'Nope'.");
        (await admin.Should().ThrowAsync<ShopContainmentException>()).Which.Message.Should().Be("No Magento admin user has the login or email address 'nobody'.");
    }

    private static Func<string, string> Without(string column) =>
        row => string.Join(" | ", row.Split(" | ").Where(cell => !cell.StartsWith(column + "=", StringComparison.Ordinal)));
}
