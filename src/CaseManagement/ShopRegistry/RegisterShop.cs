using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.RegularExpressions;
using CaseManagement.Security.Pii;
using CaseManagement.Shops;
using CaseManagement.Shops.Connectivity;
using CaseManagement.Shops.Model;
using Marten;

namespace CaseManagement.ShopRegistry;

public sealed partial record RegisterShop(
    string? Name,
    string? Platform,
    string? Host,
    int? Port,
    string? Database,
    string? User,
    string? Password,
    string? ReadOnlyUser,
    string? ReadOnlyPassword,
    string? TablePrefix,
    string? TimeZone,
    bool? Sandbox = null)
{
    // Table prefixes are spliced into SQL identifiers, so only the characters WordPress and Magento allow.
    [GeneratedRegex("^[A-Za-z0-9_]{0,32}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    public static bool IsSafePrefix(string prefix) => PrefixPattern().IsMatch(prefix);

    public Validation Check()
    {
        var validation = new Validation()
            .Required("name", Name, 64)
            .Required("host", Host, 255)
            .Required("database", Database, 64)
            .Required("user", User, 80)
            .Required("password", Password, 500);
        if (!RegisteredShop.TryParsePlatform(Platform, out _))
        {
            validation.Add("platform", "is required; one of: woocommerce, magento");
        }

        if (Name is not null && !NamePattern().IsMatch(Name))
        {
            validation.Add("name", "lower-case letters, digits and dashes, as incidents name the shop (e.g. \"demo-woocommerce\")");
        }

        if (Port is < 1 or > 65535)
        {
            validation.Add("port", "must be between 1 and 65535");
        }

        if (TablePrefix is not null && !PrefixPattern().IsMatch(TablePrefix))
        {
            validation.Add("tablePrefix", "letters, digits and underscores only, at most 32 (e.g. \"wp_\")");
        }

        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            validation.Add("timeZone", $"'{TimeZone}' is not an IANA time zone id (e.g. \"Europe/Berlin\")");
        }

        if ((ReadOnlyUser is null) != (ReadOnlyPassword is null))
        {
            validation.Add("readOnlyUser", "give both readOnlyUser and readOnlyPassword, or neither");
        }

        return validation;
    }
}

public static class RegisterShopEndpoint
{
    public static ProblemDetails Validate(RegisterShop request) => request.Check().ToProblem();

    public static async Task<ProblemDetails> ValidateAsync(RegisterShop request, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<RegisteredShop>(request.Name!, ct) is not null)
        {
            return new ProblemDetails
            {
                Title = "Shop already registered", Detail = $"A shop named '{request.Name}' is already registered in this organisation.",
                Status = StatusCodes.Status409Conflict,
            };
        }

        // A sandbox is a copy: one that points at the database of a shop registered for real would let an exercise change it.
        var port = request.Port ?? 3306;
        var real = request.Sandbox == true
            ? await session.Query<RegisteredShop>().Where(s => !s.Sandbox && s.Host == request.Host && s.Port == port && s.Database == request.Database).FirstOrDefaultAsync(ct)
            : null;
        return real is null
            ? WolverineContinue.NoProblems
            : new Validation().Add("sandbox", $"{request.Host}:{port}/{request.Database} is the database of shop '{real.Id}', registered for real; " +
                                              "a sandbox must be a generated copy in a database of its own").ToProblem();
    }

    /// <summary>The connection is tested and the table layout checked, as the shop's user and its read-only user, before anything is stored.</summary>
    public static async Task<ShopConnectionTest> LoadAsync(RegisterShop request, CancellationToken ct)
    {
        var primary = Settings(request, request.User!, request.Password!);
        var test = await ShopConnectionTest.RunAsync(primary,
            request.ReadOnlyUser is null ? null : Settings(request, request.ReadOnlyUser, request.ReadOnlyPassword!), ct);
        if (test.Field is not null || request.Sandbox != true)
        {
            return test;
        }

        return await SandboxMarker.ReadAsync(primary, ct) is { } mark
            ? test with { SandboxMark = mark }
            : new ShopConnectionTest("sandbox", [$"the database carries no sandbox mark (table {SandboxMarker.Table(primary.TablePrefix)}, written by the shop " +
                                                 "generator when it marks a generated copy, CaseManagement.ShopGeneration.SandboxShop); only a generated copy can be a sandbox"], null);
    }

    public static ProblemDetails Validate(ShopConnectionTest test) => test.ToProblem();

    [WolverinePost("/api/shops", OperationId = nameof(RegisterShop),
        Summary = "Register a shop database (connection tested, layout checked, password stored encrypted)")]
    [Authorize(Policies.Administer)]
    public static async Task<(Created<ShopView>, Insert<RegisteredShop>, Monitoring.Scheduling.StartShopMonitoring)> Post(RegisterShop request, ShopConnectionTest test, IDocumentSession session,
        PiiVault vault, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var name = request.Name!;
        var settings = Settings(request, request.User!, request.Password!);
        var subject = RegisteredShop.SecretSubject(name);
        var shop = new RegisteredShop
        {
            Id = name,
            Platform = settings.Platform,
            Host = request.Host!,
            Port = request.Port ?? 3306,
            Database = request.Database!,
            User = request.User!,
            Password = await vault.ProtectAsync(session, subject, request.Password!, ct),
            ReadOnlyUser = request.ReadOnlyUser,
            ReadOnlyPassword = request.ReadOnlyPassword is null ? null : await vault.ProtectAsync(session, subject, request.ReadOnlyPassword, ct),
            TablePrefix = settings.TablePrefix,
            TimeZone = request.TimeZone,
            RegisteredAt = now,
            RegisteredBy = CaseManagementClaims.ActorOf(user),
            Sandbox = test.SandboxMark is not null,
            SandboxGeneratedAt = test.SandboxMark?.GeneratedAt,
        };
        test.Describe(shop);
        // Monitoring starts with the registration; its first pass, one interval later, records the baseline.
        return (TypedResults.Created($"/api/shops/{name}", ShopView.Of(shop)), Storage.Insert(shop), new Monitoring.Scheduling.StartShopMonitoring(name));
    }

    private static ShopConnectionSettings Settings(RegisterShop request, string user, string password)
    {
        RegisteredShop.TryParsePlatform(request.Platform, out var platform);
        return RegisteredShop.Settings(platform, request.Host!, request.Port ?? 3306, request.Database!, user, password,
            request.TablePrefix ?? (platform == ShopPlatform.WooCommerce ? "wp_" : ""), request.TimeZone);
    }
}

public static class ListShopsEndpoint
{
    [WolverineGet("/api/shops", OperationId = "ListShops",
        Summary = "The organisation's registered shops with who registered them and when, their state, detected storage and time zone; no credentials")]
    [Authorize(Policies.ReadShops)]
    public static async Task<List<ShopView>> Get(IQuerySession session, CancellationToken ct) =>
        [.. (await RegisteredShops.AllAsync(session, ct)).Select(ShopView.Of)];
}

public static class GetShopEndpoint
{
    [WolverineGet("/api/shops/{name}", OperationId = "GetShop", Summary = "One registered shop, without credentials")]
    [Authorize(Policies.ReadShops)]
    public static async Task<IResult> Get(string name, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RegisteredShop>(name, ct) is { } shop
            ? Results.Ok(ShopView.Of(shop))
            : Results.Problem(title: "Shop not found", detail: $"No shop named '{name}' is registered in this organisation.", statusCode: StatusCodes.Status404NotFound);
}
