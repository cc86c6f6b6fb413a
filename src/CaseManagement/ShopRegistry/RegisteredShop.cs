using CaseManagement.Security.Pii;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using Marten;
using MySqlConnector;

namespace CaseManagement.ShopRegistry;

/// <summary>
/// A shop whose database the service may read, within one organisation. Passwords are stored encrypted
/// with the PII vault (their own data key, so they can be shredded), never returned, never logged.
/// </summary>
public sealed class RegisteredShop
{
    /// <summary>The shop's name, as incidents refer to it ("demo-woocommerce").</summary>
    public string Id { get; set; } = "";
    public ShopPlatform Platform { get; set; }
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public string Database { get; set; } = "";
    public string User { get; set; } = "";
    public ProtectedValue Password { get; set; } = null!;

    /// <summary>Preferred for scoping when the shop provides one: evidence reads cannot change the shop.</summary>
    public string? ReadOnlyUser { get; set; }
    public ProtectedValue? ReadOnlyPassword { get; set; }
    public string TablePrefix { get; set; } = "";
    public string? TimeZone { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredBy { get; set; } = "";
    public string? ServerVersion { get; set; }

    /// <summary>A generated copy for exercises (ADR 24): its database carried the generator's mark when it was registered.</summary>
    public bool Sandbox { get; set; }

    /// <summary>When the generator wrote the sandbox, from its mark.</summary>
    public DateTimeOffset? SandboxGeneratedAt { get; set; }

    /// <summary>How the shop stores its orders, detected when the connection was last tested ("hpos", "posts", "sales-order").</summary>
    public string? StorageMode { get; set; }
    public string? StorageDescription { get; set; }

    /// <summary>The site's time zone as the shop's own settings said when the connection was last tested.</summary>
    public string? DetectedTimeZone { get; set; }

    /// <summary>Set when an admin took the shop out of use: no new incidents, scoping or containment runs against it.</summary>
    public ShopDeactivation? Deactivated { get; set; }

    /// <summary>What admins changed since registration, oldest first (never a password).</summary>
    public List<RegistryChange> Changes { get; set; } = [];

    public bool Active => Deactivated is null;

    /// <summary>A 409 naming the shop's state when no new scoping or containment run may start against it; no problem when it may.</summary>
    public ProblemDetails RefuseNewRuns() => Refuse("no new run may start against it",
        "Correct the incident's shop (POST …/correct-shop) if it names the wrong one.");

    /// <summary>A 409 naming the shop's state (when, by whom, why) and what is refused; no problem while the shop is active.</summary>
    public ProblemDetails Refuse(string refused, string remedy) => Deactivated is { } d
        ? new ProblemDetails
        {
            Title = "Shop deactivated",
            Detail = $"Shop '{Id}' is deactivated (since {d.At:O}, by {d.By}: {d.Reason}); {refused}. {remedy}",
            Status = StatusCodes.Status409Conflict,
            Extensions = { ["shop"] = Id, ["shopState"] = "deactivated" },
        }
        : WolverineContinue.NoProblems;

    /// <summary>"woocommerce" or "magento", as shop people write them.</summary>
    public static string PlatformName(ShopPlatform platform) => platform.ToString().ToLowerInvariant();

    public static bool TryParsePlatform(string? name, out ShopPlatform platform)
    {
        foreach (var candidate in Enum.GetValues<ShopPlatform>())
        {
            if (string.Equals(PlatformName(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                platform = candidate;
                return true;
            }
        }

        platform = default;
        return false;
    }

    public static string SecretSubject(string shop) => $"shop-credentials:{shop}";

    /// <summary>Connection settings for reading evidence: the read-only user when there is one.</summary>
    public Task<ShopConnectionSettings> ReadSettingsAsync(PiiVault vault, IQuerySession session, CancellationToken ct) =>
        ReadOnlyUser is not null && ReadOnlyPassword is not null
            ? SettingsAsync(ReadOnlyUser, ReadOnlyPassword, vault, session, ct)
            : WriteSettingsAsync(vault, session, ct);

    /// <summary>Connection settings for changing the shop (containment actions): the registered read-write user.</summary>
    public Task<ShopConnectionSettings> WriteSettingsAsync(PiiVault vault, IQuerySession session, CancellationToken ct) =>
        SettingsAsync(User, Password, vault, session, ct);

    private async Task<ShopConnectionSettings> SettingsAsync(string user, ProtectedValue secret, PiiVault vault, IQuerySession session, CancellationToken ct)
    {
        var password = await vault.RevealAsync(session, secret, ct)
            ?? throw new InvalidOperationException($"The credentials of shop '{Id}' were shredded; register the shop again.");
        return Settings(Platform, Host, Port, Database, user, password, TablePrefix, TimeZone);
    }

    public static ShopConnectionSettings Settings(ShopPlatform platform, string host, int port, string database, string user, string password,
        string prefix, string? timeZone) =>
        new(platform, new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = (uint)port,
            Database = database,
            UserID = user,
            Password = password,
            // Shop data is often latin1 or utf8mb3 on old installs; the server converts to what we ask for.
            CharacterSet = "utf8mb4",
        }.ConnectionString, prefix, timeZone);
}

public sealed record ShopDeactivation(DateTimeOffset At, string By, string Reason);

/// <summary>One change an admin made to a registered shop: what (e.g. "credentials rotated"), when, by whom and why.</summary>
public sealed record RegistryChange(DateTimeOffset At, string By, string What, string Reason);

/// <summary>What people see of a registered shop: never a password.</summary>
public sealed record ShopView(string Name, string Platform, string Host, int Port, string Database, string User, string? ReadOnlyUser, string TablePrefix,
    string? TimeZone, DateTimeOffset RegisteredAt, string RegisteredBy, string? ServerVersion, bool Sandbox,
    string State, string? StorageMode, string? StorageDescription, string? DetectedTimeZone, ShopDeactivation? Deactivated, IReadOnlyList<RegistryChange> Changes)
{
    public static ShopView Of(RegisteredShop s) => new(s.Id, RegisteredShop.PlatformName(s.Platform), s.Host, s.Port, s.Database, s.User, s.ReadOnlyUser,
        s.TablePrefix, s.TimeZone, s.RegisteredAt, s.RegisteredBy, s.ServerVersion, s.Sandbox,
        s.Active ? "active" : "deactivated", s.StorageMode, s.StorageDescription, s.DetectedTimeZone, s.Deactivated, s.Changes);
}
