using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using static CaseManagement.Shops.Tests.Scoping.ScopingShops;

namespace CaseManagement.Shops.Tests.Scoping;

/// <summary>
/// The same shop in each layout gives the same people and counts: both WooCommerce order stores (and sync
/// mode without double counting), a custom prefix, Magento with and without a prefix. The adapters read as
/// the read-only user.
/// </summary>
public sealed class when_scoping_a_shop_database
{
    private static readonly IReadOnlySet<string> Skimmer = new HashSet<string> { "email", "name", "postal-address", "payment-card" };

    private static async Task<List<AffectedPerson>> ScopeAsync(Layout layout, ShopDatabase database)
    {
        var settings = await WriteAsync(database, layout);
        var people = new List<AffectedPerson>();
        await foreach (var person in ShopScopers.For(settings).AffectedPeopleAsync(new ScopeRequest(From, To, Skimmer), null, CancellationToken.None))
        {
            people.Add(person);
        }

        return people;
    }

    [Theory]
    [InlineData(Layout.WooCommerceHpos)]
    [InlineData(Layout.WooCommerceLegacyCustomPrefix)]
    [InlineData(Layout.WooCommerceHposWithSync)]
    [InlineData(Layout.Magento)]
    [InlineData(Layout.MagentoWithPrefix)]
    public async Task the_right_people_are_found_once_each_with_their_residence(Layout layout)
    {
        await using var database = await ShopDatabase.CreateAsync();

        var people = await ScopeAsync(layout, database);

        var tally = new ScopeTally();
        people.ForEach(tally.Add);
        tally.ByJurisdiction.Should().BeEquivalentTo(ExpectedByJurisdiction,
            "{0}: refunds, orders outside the window (also by Berlin-vs-UTC minutes) and the second copy of a synced order are no one", layout);
        tally.ResidenceUnknown.Should().Be(0);
        people.Select(p => p.Email.ToLowerInvariant().Trim()).Should().OnlyHaveUniqueItems("the repeat guest typed her email in two cases");
        var anna = people.Single(p => p.Email.Trim().Equals("anna@x.test", StringComparison.OrdinalIgnoreCase));
        anna.Orders.Should().Be(2);
        anna.DataCategories.Should().Contain("payment-card", "one of her orders was paid by card");
        people.Single(p => p.Email == "bob@x.test").DataCategories.Should().NotContain("payment-card", "a bank transfer shows no card field");
        var zoe = people.Single(p => p.Key == "customer:1");
        zoe.Residence.Jurisdiction.Should().Be("DE", "her latest order in the window bills to Germany");
        zoe.Orders.Should().Be(3, "her guest checkout with her account's email is hers");
        people.Single(p => p.Email == "ken@example.test").Residence.Should().Match<Residence>(r => r.Jurisdiction == "JP" && r.Source.Contains("account"),
            "the order has no billing country, so the account's billing address decides");
        people.Single(p => p.Email == "zoe@example.test").FirstName.Should().Be("Zoë", "multi-byte names survive the round trip");
        people.Where(p => p.Email is "josé@x.test" or "jose@x.test").Should().HaveCount(2,
            "josé@ and jose@ are different mailboxes; person keys are sorted byte for byte, so an accent-folding collation cannot interleave their orders");
        people.Single(p => p.Email == "josé@x.test").Orders.Should().Be(2);
    }

    /// <summary>
    /// The registered zone says Berlin, but the site wrote its local times in another zone (a wrong registration, or WordPress's
    /// zone changed since): an order a minute inside each edge of the window is still found, and one a minute outside is not.
    /// </summary>
    [Theory]
    [InlineData("Pacific/Kiritimati", "local time 14 hours ahead of UTC: the order just before the window's end is local 'tomorrow'")]
    [InlineData("Pacific/Pago_Pago", "local time 11 hours behind UTC: the order just after the window's start is local 'yesterday'")]
    public async Task a_legacy_shop_whose_local_times_are_in_another_zone_than_registered_loses_nobody_at_the_edges(string writtenIn, string because)
    {
        await using var database = await ShopDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await Schema.ShopSchema.CreateWooCommerceAsync(connection, "wp_", false, CancellationToken.None);
            var writer = new WooCommerceShopWriter(connection, new WooCommerceWriterOptions("wp_", writtenIn, WooCommerceOrderStorage.Legacy));
            await writer.WriteSiteAsync();
            ShopOrder Order(long id, string email, DateTimeOffset at) => new(id, null, email, at, "processing",
                new ShopAddress("A", "B", null, "1 Main St", null, "Town", null, "10115", "DE", email, null), null, "bacs", null, null, "2001:db8::7", 10m, false, null);
            await writer.WriteOrdersAsync([
                Order(1, "first-inside@x.test", From.AddMinutes(1)), Order(2, "last-inside@x.test", To.AddMinutes(-1)),
                Order(3, "before@x.test", From.AddMinutes(-1)), Order(4, "after@x.test", To.AddMinutes(1)),
            ]);
        }

        var people = await ShopScopers.For(database.Settings(ShopPlatform.WooCommerce, "wp_", timeZone: "Europe/Berlin"))
            .AffectedPeopleAsync(new ScopeRequest(From, To, Skimmer), null, CancellationToken.None).ToListAsync();

        people.Select(p => p.Email).Should().BeEquivalentTo(["first-inside@x.test", "last-inside@x.test"], because);
    }

    [Fact]
    public async Task wrong_credentials_and_missing_tables_are_explained_without_the_password()
    {
        await using var database = await ShopDatabase.CreateAsync();
        var settings = database.Settings(ShopPlatform.WooCommerce, "wp_");
        var wrongPassword = settings with { ConnectionString = settings.ConnectionString.Replace("Password=casemanagement_ro", "Password=not-the-password-xyz") };

        var refused = async () => await ShopScopers.For(wrongPassword).AffectedPeopleAsync(new ScopeRequest(From, To, Skimmer), null, CancellationToken.None).ToListAsync();
        var missing = async () => await ShopScopers.For(settings).AffectedPeopleAsync(new ScopeRequest(From, To, Skimmer), null, CancellationToken.None).ToListAsync();

        (await refused.Should().ThrowAsync<ShopScopingException>()).Which.Message.Should().Contain("refused user").And.NotContain("not-the-password-xyz");
        (await missing.Should().ThrowAsync<ShopScopingException>()).Which.Message.Should().Contain("wp_options");
    }

    [Fact]
    public async Task scoping_can_be_cancelled()
    {
        await using var database = await ShopDatabase.CreateAsync();
        var settings = await WriteAsync(database, Layout.WooCommerceHpos);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var run = async () => await ShopScopers.For(settings).AffectedPeopleAsync(new ScopeRequest(From, To, Skimmer), null, cancel.Token).ToListAsync();

        await run.Should().ThrowAsync<OperationCanceledException>();
    }
}
