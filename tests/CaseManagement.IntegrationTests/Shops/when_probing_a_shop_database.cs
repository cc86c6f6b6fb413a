using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Shops.Connectivity;
using FluentAssertions;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Shops;

/// <summary>Against the MariaDB server started by build/test.sh.</summary>
public sealed class when_probing_a_shop_database
{
    [Fact]
    public async Task a_reachable_shop_database_reports_its_server_and_database()
    {
        var result = await ShopDatabaseProbe.ProbeAsync(TestDatabases.Shop);

        result.Reachable.Should().BeTrue(result.Problem);
        result.ServerVersion.Should().Contain("MariaDB");
        result.Database.Should().Be(new MySqlConnectionStringBuilder(TestDatabases.Shop).Database);
    }

    [Fact]
    public async Task wrong_credentials_are_named_without_the_password()
    {
        var wrong = new MySqlConnectionStringBuilder(TestDatabases.Shop) { Password = "not-the-password" };

        var result = await ShopDatabaseProbe.ProbeAsync(wrong.ConnectionString);

        result.Reachable.Should().BeFalse();
        result.Problem.Should().Contain("refused the credentials").And.NotContain("not-the-password");
    }

    [Fact]
    public async Task a_missing_database_is_named()
    {
        var missing = new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "shop_does_not_exist" };

        var result = await ShopDatabaseProbe.ProbeAsync(missing.ConnectionString);

        result.Problem.Should().Match("*shop_does_not_exist*");
    }

    [Fact]
    public async Task an_unreachable_server_is_named()
    {
        var nowhere = new MySqlConnectionStringBuilder(TestDatabases.Shop) { Server = "127.0.0.1", Port = 9 };

        var result = await ShopDatabaseProbe.ProbeAsync(nowhere.ConnectionString);

        result.Problem.Should().Be("Cannot reach a MySQL/MariaDB server at 127.0.0.1:9.");
    }
}
