using CaseManagement.Audit.Reports.PeriodReports;
using CaseManagement.Security.Pii;
using CaseManagement.Shops.Model;
using Marten;

namespace CaseManagement.ShopRegistry;

// Changes an admin makes to a registered shop. Shops are documents, so each change is recorded on the shop (RegistryChange:
// what, when, by whom, why); new credentials and prefixes are connection-tested before they replace the old ones, and
// old credentials are never shown.

/// <summary>Replace a shop's database credentials, e.g. after a compromise; the read-only pair is kept unless given.</summary>
public sealed record RotateShopCredentials(string? User, string? Password, string? ReadOnlyUser, string? ReadOnlyPassword, string? Reason);

/// <summary>Correct the table prefix the shop's tables carry (e.g. "wp_" to "shop7_").</summary>
public sealed record ChangeShopPrefix(string? TablePrefix, string? Reason);

/// <summary>Take a shop out of use: no new incident may name it, and incidents can no longer start scoping or containment runs against it.</summary>
public sealed record DeactivateShop(string? Reason);

/// <summary>Put a deactivated shop back into use; its connection is tested again first.</summary>
public sealed record ReactivateShop(string? Reason);

/// <summary>A registered shop and what testing its changed settings found.</summary>
public sealed record ShopChangeCheck(RegisteredShop? Shop, ShopConnectionTest? Test);

internal static class ShopChanges
{
    public static ProblemDetails NotFound(string name) => new()
    {
        Title = "Shop not found", Detail = $"No shop named '{name}' is registered in this organisation.", Status = StatusCodes.Status404NotFound,
    };

    /// <summary>Tests the shop's settings with the given changes applied, as the primary user and the read-only user.</summary>
    public static async Task<ShopChangeCheck> TestAsync(string name, IDocumentSession session, PiiVault vault, string? user, string? password,
        (string User, string Password)? readOnly, string? prefix, CancellationToken ct)
    {
        if (await session.LoadAsync<RegisteredShop>(name, ct) is not { } shop)
        {
            return new ShopChangeCheck(null, null);
        }

        var tablePrefix = prefix ?? shop.TablePrefix;
        var primary = password is null ? await shop.WriteSettingsAsync(vault, session, ct) : Settings(shop, user ?? shop.User, password, tablePrefix);
        primary = primary with { TablePrefix = tablePrefix };
        ShopConnectionSettings? readOnlySettings = readOnly is { } given
            ? Settings(shop, given.User, given.Password, tablePrefix)
            : shop.ReadOnlyUser is not null ? (await shop.ReadSettingsAsync(vault, session, ct)) with { TablePrefix = tablePrefix } : null;
        return new ShopChangeCheck(shop, await ShopConnectionTest.RunAsync(primary, readOnlySettings, ct, password is null ? "connection" : "password"));
    }

    public static ProblemDetails Refusal(ShopChangeCheck check, string name) =>
        check.Shop is null ? NotFound(name) : check.Test!.ToProblem();

    private static ShopConnectionSettings Settings(RegisteredShop shop, string user, string password, string prefix) =>
        RegisteredShop.Settings(shop.Platform, shop.Host, shop.Port, shop.Database, user, password, prefix, shop.TimeZone);
}

public static class RotateShopCredentialsEndpoint
{
    public static ProblemDetails Validate(RotateShopCredentials command)
    {
        var validation = new Validation()
            .Optional("user", command.User, 80)
            .Required("password", command.Password, 500)
            .Optional("readOnlyUser", command.ReadOnlyUser, 80)
            .Optional("readOnlyPassword", command.ReadOnlyPassword, 500)
            .Required("reason", command.Reason, 4000);
        if ((command.ReadOnlyUser is null) != (command.ReadOnlyPassword is null))
        {
            validation.Add("readOnlyUser", "give both readOnlyUser and readOnlyPassword, or neither (the current read-only pair is kept)");
        }

        return validation.ToProblem();
    }

    public static Task<ShopChangeCheck> LoadAsync(string name, RotateShopCredentials command, IDocumentSession session, PiiVault vault, CancellationToken ct) =>
        ShopChanges.TestAsync(name, session, vault, command.User, command.Password,
            command.ReadOnlyUser is { } user ? (user, command.ReadOnlyPassword!) : null, null, ct);

    public static ProblemDetails Validate(ShopChangeCheck check, string name) => ShopChanges.Refusal(check, name);

    [WolverinePost("/api/shops/{name}/rotate-credentials", OperationId = nameof(RotateShopCredentials),
        Summary = "Replace a shop's database credentials (tested before they are accepted; the old ones are never shown)")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static async Task<(ShopView, IStorageAction<RegisteredShop>)> Post(RotateShopCredentials command, ShopChangeCheck check, IDocumentSession session,
        PiiVault vault, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var shop = check.Shop!;
        var subject = RegisteredShop.SecretSubject(shop.Id);
        shop.User = command.User?.Trim() ?? shop.User;
        shop.Password = await vault.ProtectAsync(session, subject, command.Password!, ct);
        if (command.ReadOnlyUser is { } readOnlyUser)
        {
            shop.ReadOnlyUser = readOnlyUser.Trim();
            shop.ReadOnlyPassword = await vault.ProtectAsync(session, subject, command.ReadOnlyPassword!, ct);
        }

        check.Test!.Describe(shop);
        shop.Changes.Add(new RegistryChange(now, CaseManagementClaims.ActorOf(user),
            command.ReadOnlyUser is null ? "credentials rotated" : "credentials rotated, with the read-only pair", command.Reason!.Trim()));
        return (ShopView.Of(shop), Storage.Update(shop));
    }
}

public static class ChangeShopPrefixEndpoint
{
    public static ProblemDetails Validate(ChangeShopPrefix command)
    {
        var validation = new Validation().Required("reason", command.Reason, 4000);
        if (command.TablePrefix is null || !RegisterShop.IsSafePrefix(command.TablePrefix))
        {
            validation.Add("tablePrefix", "is required: letters, digits and underscores only, at most 32 (e.g. \"wp_\")");
        }

        return validation.ToProblem();
    }

    public static Task<ShopChangeCheck> LoadAsync(string name, ChangeShopPrefix command, IDocumentSession session, PiiVault vault, CancellationToken ct) =>
        ShopChanges.TestAsync(name, session, vault, null, null, null, command.TablePrefix, ct);

    public static ProblemDetails Validate(ShopChangeCheck check, string name) => ShopChanges.Refusal(check, name);

    [WolverinePost("/api/shops/{name}/change-prefix", OperationId = nameof(ChangeShopPrefix),
        Summary = "Correct a shop's table prefix (tested against the database; a wrong one lists the prefixes found)")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static (ShopView, IStorageAction<RegisteredShop>) Post(ChangeShopPrefix command, ShopChangeCheck check,
        System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now)
    {
        var shop = check.Shop!;
        var previous = shop.TablePrefix;
        shop.TablePrefix = command.TablePrefix!;
        check.Test!.Describe(shop);
        shop.Changes.Add(new RegistryChange(now, CaseManagementClaims.ActorOf(user), $"table prefix changed from '{previous}' to '{shop.TablePrefix}'",
            command.Reason!.Trim()));
        return (ShopView.Of(shop), Storage.Update(shop));
    }
}

public static class DeactivateShopEndpoint
{
    public static ProblemDetails Validate(DeactivateShop command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    public static Task<RegisteredShop?> LoadAsync(string name, IDocumentSession session, CancellationToken ct) => session.LoadAsync<RegisteredShop>(name, ct);

    public static ProblemDetails Validate(RegisteredShop? shop, string name) => shop switch
    {
        null => ShopChanges.NotFound(name),
        { Deactivated: { } d } => new ProblemDetails
        {
            Title = "Shop already deactivated", Detail = $"Shop '{name}' was deactivated at {d.At:O} by {d.By}: {d.Reason}",
            Status = StatusCodes.Status409Conflict,
        },
        _ => WolverineContinue.NoProblems,
    };

    [WolverinePost("/api/shops/{name}/deactivate", OperationId = nameof(DeactivateShop),
        Summary = "Take a shop out of use: no new incidents, scoping or containment runs against it")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static (ShopView, IStorageAction<RegisteredShop>) Post(DeactivateShop command, RegisteredShop shop, IDocumentSession session,
        System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now)
    {
        var by = CaseManagementClaims.ActorOf(user);
        shop.Deactivated = new ShopDeactivation(now, by, command.Reason!.Trim());
        shop.Changes.Add(new RegistryChange(now, by, "deactivated", shop.Deactivated.Reason));
        var log = AuditLog.StreamFor(CaseManagementClaims.OrganisationOf(user)!);
        session.Events.Append(log, new ShopDeactivated(log, shop.Id, shop.Deactivated.Reason));
        return (ShopView.Of(shop), Storage.Update(shop));
    }
}

public static class ReactivateShopEndpoint
{
    public static ProblemDetails Validate(ReactivateShop command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    /// <summary>The settings kept while it was out of use are tested as they stand: the database may have moved or its credentials changed.</summary>
    public static Task<ShopChangeCheck> LoadAsync(string name, IDocumentSession session, PiiVault vault, CancellationToken ct) =>
        ShopChanges.TestAsync(name, session, vault, null, null, null, null, ct);

    public static ProblemDetails Validate(ShopChangeCheck check, string name) => check.Shop switch
    {
        null => ShopChanges.NotFound(name),
        { Active: true } => new ProblemDetails
        {
            Title = "Shop already active", Detail = $"Shop '{name}' is in use; only a deactivated shop can be reactivated.", Status = StatusCodes.Status409Conflict,
            Extensions = { ["shop"] = name, ["shopState"] = "active" },
        },
        _ => check.Test!.ToProblem(),
    };

    [WolverinePost("/api/shops/{name}/reactivate", OperationId = nameof(ReactivateShop),
        Summary = "Put a deactivated shop back into use (its connection is tested again; the decision goes on the audit log)")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static (ShopView, IStorageAction<RegisteredShop>) Post(ReactivateShop command, ShopChangeCheck check, IDocumentSession session,
        System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now)
    {
        var shop = check.Shop!;
        var ended = shop.Deactivated!;
        var reason = command.Reason!.Trim();
        shop.Deactivated = null;
        check.Test!.Describe(shop);
        shop.Changes.Add(new RegistryChange(now, CaseManagementClaims.ActorOf(user), "reactivated", reason));
        var log = AuditLog.StreamFor(CaseManagementClaims.OrganisationOf(user)!);
        session.Events.Append(log, new ShopReactivated(log, shop.Id, reason, ended.At, ended.By, ended.Reason, shop.ServerVersion));
        return (ShopView.Of(shop), Storage.Update(shop));
    }
}
