namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// The real servers started by build/test.sh (PostgreSQL and MariaDB on loopback). The defaults match
/// that script; set the variables to point the tests at other servers.
/// </summary>
public static class TestDatabases
{
    public static string Marten =>
        Environment.GetEnvironmentVariable("ConnectionStrings__MartenTests")
        ?? "Host=127.0.0.1;Port=55432;Database=casemanagement_tests;Username=casemanagement;Password=casemanagement";

    public static string Shop =>
        Environment.GetEnvironmentVariable("ConnectionStrings__ShopTests")
        ?? "Server=127.0.0.1;Port=53306;Database=shop_tests;User ID=casemanagement;Password=casemanagement";
}
