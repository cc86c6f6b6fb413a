using System.Text.RegularExpressions;
using CaseManagement.Api;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using CaseManagement.Shops;
using CaseManagement.Shops.Connectivity;
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
    string? TimeZone)
{
    // Table prefixes are spliced into SQL identifiers, so only the characters WordPress and Magento allow.
    [GeneratedRegex("^[A-Za-z0-9_]{0,32}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    public Validation Validate()
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
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/shops", async (RegisterShop request, IDocumentSession session, PiiVault vault, HttpContext http, TimeProvider clock,
                CancellationToken ct) =>
            {
                var validation = request.Validate();
                if (!validation.IsValid)
                {
                    return Problems.Invalid(validation.Errors);
                }

                var name = request.Name!;
                if (await session.LoadAsync<RegisteredShop>(name, ct) is not null)
                {
                    return Results.Problem(title: "Shop already registered", detail: $"A shop named '{name}' is already registered in this organisation.",
                        statusCode: StatusCodes.Status409Conflict);
                }

                RegisteredShop.TryParsePlatform(request.Platform, out var platform);
                var port = request.Port ?? 3306;
                var prefix = request.TablePrefix ?? (platform == ShopPlatform.WooCommerce ? "wp_" : "");
                var primary = RegisteredShop.Settings(platform, request.Host!, port, request.Database!, request.User!, request.Password!, prefix, request.TimeZone);
                var probe = await ShopDatabaseProbe.ProbeAsync(primary.ConnectionString, ct);
                if (!probe.Reachable)
                {
                    return ConnectionProblem("connection", probe.Problem!);
                }

                if (await ShopLayoutCheck.ProblemsAsync(primary, ct) is { Count: > 0 } layout)
                {
                    return ConnectionProblem("tablePrefix", layout.ToArray());
                }

                if (request.ReadOnlyUser is not null)
                {
                    var readOnly = primary with
                    {
                        ConnectionString = RegisteredShop.Settings(platform, request.Host!, port, request.Database!, request.ReadOnlyUser, request.ReadOnlyPassword!,
                            prefix, request.TimeZone).ConnectionString,
                    };
                    if (await ShopLayoutCheck.ProblemsAsync(readOnly, ct) is { Count: > 0 } readOnlyProblems)
                    {
                        return ConnectionProblem("readOnlyUser", readOnlyProblems.ToArray());
                    }
                }

                var subject = RegisteredShop.SecretSubject(name);
                var shop = new RegisteredShop
                {
                    Id = name,
                    Platform = platform,
                    Host = request.Host!,
                    Port = port,
                    Database = request.Database!,
                    User = request.User!,
                    Password = await vault.ProtectAsync(session, subject, request.Password!, ct),
                    ReadOnlyUser = request.ReadOnlyUser,
                    ReadOnlyPassword = request.ReadOnlyPassword is null ? null : await vault.ProtectAsync(session, subject, request.ReadOnlyPassword, ct),
                    TablePrefix = prefix,
                    TimeZone = request.TimeZone,
                    RegisteredAt = clock.GetUtcNow(),
                    RegisteredBy = CaseManagementClaims.ActorOf(http.User),
                    ServerVersion = probe.ServerVersion,
                };
                session.Insert(shop);
                await session.SaveChangesAsync(ct);
                return Results.Created($"/api/shops/{name}", ShopView.Of(shop));
            })
            .WithName("RegisterShop")
            .WithSummary("Register a shop database (connection tested, layout checked, password stored encrypted)")
            .RequireAuthorization(Policies.Administer)
            .Produces<ShopView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/api/shops", async (IQuerySession session, CancellationToken ct) =>
                Results.Ok((await session.Query<RegisteredShop>().OrderBy(s => s.Id).ToListAsync(ct)).Select(ShopView.Of).ToList()))
            .WithName("ListShops")
            .WithSummary("The organisation's registered shops, without credentials")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<List<ShopView>>();

        app.MapGet("/api/shops/{name}", async (string name, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<RegisteredShop>(name, ct) is { } shop
                    ? Results.Ok(ShopView.Of(shop))
                    : Results.Problem(title: "Shop not found", detail: $"No shop named '{name}' is registered in this organisation.",
                        statusCode: StatusCodes.Status404NotFound))
            .WithName("GetShop")
            .WithSummary("One registered shop, without credentials")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<ShopView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult ConnectionProblem(string field, params string[] problems) =>
        Problems.Invalid(new Dictionary<string, string[]> { [field] = problems });
}
