using CaseManagement.Shops;
using CaseManagement.Shops.Connectivity;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;

namespace CaseManagement.ShopRegistry;

/// <summary>
/// What connecting to a shop database found: the field whose value fails and why, or the server's version, how the shop
/// stores its orders and its site's time zone (and a sandbox's mark). Registration and every later change of credentials or
/// prefix run the same test, so nothing is stored that the service could not read.
/// </summary>
public sealed record ShopConnectionTest(string? Field, IReadOnlyList<string> Problems, string? ServerVersion, SandboxMark? SandboxMark = null,
    ShopLayout? Layout = null)
{
    /// <param name="readOnly">The read-only user's settings, when the shop has one: probed like the primary user, so refused
    /// credentials are a 422 naming it, not a failed layout query.</param>
    /// <param name="primaryField">The field a failed connection as the primary user is reported on: "connection" at registration
    /// (host, port, database or credentials may be wrong), "password" when only the credentials changed.</param>
    public static async Task<ShopConnectionTest> RunAsync(ShopConnectionSettings primary, ShopConnectionSettings? readOnly, CancellationToken ct,
        string primaryField = "connection")
    {
        var probe = await ShopDatabaseProbe.ProbeAsync(primary.ConnectionString, ct);
        if (!probe.Reachable)
        {
            return new ShopConnectionTest(primaryField, [probe.Problem!], null);
        }

        if (await ShopLayoutCheck.ProblemsAsync(primary, ct) is { Count: > 0 } layout)
        {
            return new ShopConnectionTest("tablePrefix", layout, null);
        }

        if (readOnly is not null)
        {
            var readOnlyProbe = await ShopDatabaseProbe.ProbeAsync(readOnly.ConnectionString, ct);
            if (!readOnlyProbe.Reachable)
            {
                return new ShopConnectionTest("readOnlyUser", [readOnlyProbe.Problem!], null);
            }

            if (await ShopLayoutCheck.ProblemsAsync(readOnly, ct) is { Count: > 0 } readOnlyProblems)
            {
                return new ShopConnectionTest("readOnlyUser", readOnlyProblems, null);
            }
        }

        try
        {
            return new ShopConnectionTest(null, [], probe.ServerVersion, Layout: await ShopLayoutCheck.DescribeAsync(primary, ct));
        }
        catch (ShopScopingException ex)
        {
            return new ShopConnectionTest("tablePrefix", [$"the shop's settings could not be read: {ex.Message}"], null);
        }
    }

    public ProblemDetails ToProblem() =>
        Field is { } field ? Api.Problems.InvalidDetails(new Dictionary<string, string[]> { [field] = [.. Problems] }) : WolverineContinue.NoProblems;

    /// <summary>Writes what the test detected onto the registration.</summary>
    public void Describe(RegisteredShop shop)
    {
        shop.ServerVersion = ServerVersion;
        shop.StorageMode = Layout?.StorageMode;
        shop.StorageDescription = Layout?.StorageDescription;
        shop.DetectedTimeZone = Layout?.TimeZone;
    }
}
