using CaseManagement.Shops.Detection;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using static CaseManagement.Shops.Tests.Detection.WooCommerceDetectionShop;

namespace CaseManagement.Shops.Tests.Detection;

/// <summary>
/// A user's <c>{prefix}capabilities</c> is judged as WordPress judges it: a key naming a role makes the user a member
/// whatever its value, the user's own entries overlay the roles' capabilities, and a value WordPress cannot read
/// grants nothing but is still reported. Each case adds one user to the shop and looks only at that user.
/// </summary>
public sealed class when_reading_wordpress_capabilities(when_reading_wordpress_capabilities.Sites sites)
    : IClassFixture<when_reading_wordpress_capabilities.Sites>
{
    /// <summary>One database with two sites: "wp_" with the usual role definitions, "bare_" without any.</summary>
    public sealed class Sites : IAsyncLifetime
    {
        private int lastUserId;
        private ShopDatabase? database;

        public ShopDatabase Database => database ?? throw new InvalidOperationException("Created in InitializeAsync.");

        public int NextUserId() => Interlocked.Increment(ref lastUserId);

        public async Task InitializeAsync()
        {
            database = await ShopDatabase.CreateAsync();
            await WriteSiteAsync(Database, "wp_", UserRoles);
            await WriteSiteAsync(Database, "bare_", userRoles: null);
        }

        public async Task DisposeAsync()
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    private async Task<AdminAccount?> AdminWithAsync(string capabilities, string prefix = "wp_")
    {
        var id = sites.NextUserId();
        await new WordPressRows(sites.Database, prefix).UserAsync(id, $"user{id}", new DateTime(2025, 1, 1), capabilities);
        var admins = await ShopDetections.For(sites.Database.Settings(ShopPlatform.WooCommerce, prefix)).AdminsAsync(CancellationToken.None);
        return admins.SingleOrDefault(a => a.UserId == id);
    }

    [Theory]
    [InlineData("""a:1:{s:13:"administrator";b:1;}""", new[] { "administrator" }, true, "role administrator")]
    [InlineData("""a:1:{s:13:"administrator";b:0;}""", new[] { "administrator" }, true, "role administrator")]
    [InlineData("""a:1:{s:12:"shop_manager";i:1;}""", new[] { "shop_manager" }, false, "role shop_manager")]
    [InlineData("""a:2:{s:13:"administrator";b:1;s:14:"manage_options";b:0;}""", new[] { "administrator" }, false, "role administrator")]
    [InlineData("""a:2:{s:10:"subscriber";b:1;s:18:"manage_woocommerce";s:1:"1";}""", new[] { "subscriber", "manage_woocommerce" }, false,
        "manage_woocommerce granted directly")]
    public async Task privileged_capabilities_are_listed(string capabilities, string[] roles, bool fullAccess, string why)
    {
        var admin = await AdminWithAsync(capabilities);

        admin.Should().NotBeNull();
        admin!.Roles.Should().Equal(roles);
        admin.FullAccess.Should().Be(fullAccess, "a role is held whatever its value, but the user's own false denies a capability");
        admin.Why.Should().Be(why);
        admin.Note.Should().BeNull();
    }

    [Theory]
    [InlineData("""a:1:{s:8:"customer";b:1;}""")]
    [InlineData("""a:2:{s:8:"customer";b:1;s:10:"subscriber";b:1;}""")]
    [InlineData("""a:1:{s:6:"editor";b:1;}""")]
    [InlineData("""a:2:{s:8:"customer";b:1;s:14:"manage_options";b:0;}""")]
    [InlineData("a:0:{}")]
    public async Task capabilities_that_grant_no_back_office_right_are_not_listed(string capabilities)
    {
        (await AdminWithAsync(capabilities)).Should().BeNull();
    }

    [Theory]
    [InlineData("""a:1:{s:13:"administrator";b:1;""", "not valid serialized PHP")]
    [InlineData("""a:1:{s:12:"administrator";b:1;}""", "not valid serialized PHP")]
    [InlineData("""s:13:"administrator";""", "a serialized value that is not an array")]
    [InlineData("administrator", "not valid serialized PHP")]
    public async Task unreadable_capabilities_are_listed_as_unreadable_with_a_note(string capabilities, string problem)
    {
        var admin = await AdminWithAsync(capabilities);

        admin.Should().NotBeNull();
        admin!.Roles.Should().Equal("<unreadable>");
        admin.FullAccess.Should().BeFalse();
        admin.Note.Should().StartWith($"The capabilities value is {problem}");
    }

    [Fact]
    public async Task without_role_definitions_the_default_roles_are_assumed_and_said_so()
    {
        var admin = await AdminWithAsync("""a:1:{s:13:"administrator";b:1;}""", prefix: "bare_");

        admin.Should().NotBeNull();
        admin!.FullAccess.Should().BeTrue();
        admin.Note.Should().Be("The site's role definitions (user_roles option) are missing or unreadable, so WordPress's default roles were assumed.");
    }

    [Fact]
    public async Task an_admin_without_a_registration_date_is_listed_without_one()
    {
        var id = sites.NextUserId();
        await sites.Database.ExecuteAsync("INSERT INTO wp_users (ID, user_login) VALUES (@id, @login)", ("@id", id), ("@login", $"user{id}"));
        await new WordPressRows(sites.Database, "wp_").MetaAsync(id, "wp_capabilities", Capabilities("administrator"));

        var admins = await ShopDetections.For(sites.Database.Settings(ShopPlatform.WooCommerce, "wp_")).AdminsAsync(CancellationToken.None);

        admins.Single(a => a.UserId == id).CreatedAt.Should().BeNull("WordPress's column default '0000-00-00 00:00:00' is no date");
    }
}
