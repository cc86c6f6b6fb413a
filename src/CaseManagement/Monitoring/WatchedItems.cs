using System.Security.Cryptography;
using System.Text;
using CaseManagement.Incidents;
using CaseManagement.Shops.Detection;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Monitoring;

/// <summary>What monitoring compares with the baseline.</summary>
public enum WatchedCategory
{
    Admin,
    Credential,
    Extension,
    Skimmer,
    ExportSign,
    FailedLogins,
}

/// <summary>
/// One thing a monitoring pass saw in a shop, in a form that can be compared with the baseline: a key stable between passes and a
/// digest of what matters about it (a changed digest is a changed item).
/// </summary>
/// <param name="Key">"admin:17", "credential:woo-commerce-webhook:3", "extension:word-press-plugin:akismet/akismet.php", "skimmer:wp_options[…]".</param>
/// <param name="Digest">Admins: roles, full access, active; credentials: scope, endpoint, owner (not the status: disabling a webhook is no new risk);
/// extensions: version; skimmers: a hash of what was found; failed logins: the count.</param>
/// <param name="CreatedAt">When the shop says the item was created, where it records it.</param>
/// <param name="Owner">The key of the admin that holds a credential, so a credential of a flagged account is flagged with it.</param>
/// <param name="Count">Failed logins: the counter's value.</param>
public sealed record WatchedItem(
    string Key,
    WatchedCategory Category,
    string Digest,
    string Description,
    IncidentKind Kind,
    Severity Severity,
    DateTimeOffset? CreatedAt = null,
    string? Owner = null,
    long? Count = null);

/// <summary>Turns the detection queries' answers into watched items (pure).</summary>
public static class WatchedItems
{
    /// <summary>Statuses of credentials that no longer let anyone in or send anything: not watched, so re-enabling one is new again.</summary>
    private static readonly HashSet<string> Dead = new(StringComparer.OrdinalIgnoreCase) { "disabled", "paused", "revoked", "inactive" };

    public static IReadOnlyList<WatchedItem> From(IReadOnlyList<AdminAccount> admins, IReadOnlyList<IntegrationCredential> credentials,
        IReadOnlyList<ShopExtension> extensions, IReadOnlyList<SkimmerFinding> skimmers, IReadOnlyList<ExportSign> exports, FailedLogins failedLogins) =>
    [
        // Like a dead credential, a deactivated account (Magento's is_active 0, as containment's lock leaves it) lets nobody in: a lock
        // clears the finding instead of raising the account again, and reactivating it is a change again.
        .. admins.Where(a => a.IsActive).Select(Admin),
        .. credentials.Where(c => c.Status is null || !Dead.Contains(c.Status)).Select(Credential),
        .. extensions.Select(Extension),
        .. skimmers.Select(Skimmer),
        .. exports.Select(Export),
        .. failedLogins.Counters.Select(FailedLogin),
    ];

    public static string AdminKey(long userId) => $"admin:{userId}";

    private static WatchedItem Admin(AdminAccount a) => new(
        AdminKey(a.UserId), WatchedCategory.Admin,
        // "|active" stays in the digest: baselines already recorded compare with it.
        $"{string.Join(",", a.Roles.Order(StringComparer.Ordinal))}|{(a.FullAccess ? "full" : "partial")}|active",
        $"back-office account '{a.Login}'{(a.Email is null ? "" : $" <{a.Email}>")}, roles {(a.Roles.Count == 0 ? "none" : string.Join(", ", a.Roles))}" +
        $"{(a.FullAccess ? ", full access" : "")}{(a.CreatedAt is { } at ? $", created {Stamp(at)}" : "")}",
        IncidentKind.AccountTakeover, a.FullAccess ? Severity.High : Severity.Medium, a.CreatedAt);

    private static WatchedItem Credential(IntegrationCredential c) => new(
        $"credential:{ApiJson.WireName(c.Kind)}:{c.Id}", WatchedCategory.Credential,
        $"{c.Scope}|{c.Endpoint}|{c.Owner?.Kind}:{c.Owner?.Id}",
        $"{Words(c.Kind)}{(c.Name is null ? "" : $" '{c.Name}'")}{(c.Owner is { } o ? $" of {o.Login ?? $"#{o.Id}"}" : "")}" +
        $"{(c.Scope is null ? "" : $", scope {c.Scope}")}{(c.Endpoint is null ? "" : $", sends to {c.Endpoint}")}" +
        $"{(c.KeyHint is null ? "" : $", key ending {c.KeyHint}")}{(c.CreatedAt is { } at ? $", created {Stamp(at)}" : "")}",
        IncidentKind.LeakedApiKey, Severity.High, c.CreatedAt,
        c.Owner is { Kind: CredentialOwnerKind.WordPressUser or CredentialOwnerKind.MagentoAdmin } owner ? AdminKey(owner.Id) : null);

    private static WatchedItem Extension(ShopExtension e) => new(
        $"extension:{ApiJson.WireName(e.Kind)}:{e.Name}", WatchedCategory.Extension, e.Version ?? "-",
        $"{Words(e.Kind)} '{e.Name}'{(e.Version is null ? "" : $" ({e.Version})")}", IncidentKind.PluginCompromise, Severity.Medium);

    private static WatchedItem Skimmer(SkimmerFinding s) => new(
        $"skimmer:{s.Location}", WatchedCategory.Skimmer, Hash(s.Excerpt),
        $"skimmer signs at {s.Location}: {s.Why}", IncidentKind.CheckoutSkimmer, Severity.Critical);

    private static WatchedItem Export(ExportSign e) => new(
        $"export:{ApiJson.WireName(e.Kind)}:{e.Id}", WatchedCategory.ExportSign, "-",
        $"{Words(e.Kind)} {e.Id}{(e.Status is null ? "" : $" ({e.Status})")}{(e.At is { } at ? $" at {Stamp(at)}" : "")}: {e.Why}",
        IncidentKind.Other, Severity.Medium, e.At);

    private static WatchedItem FailedLogin(FailedLoginCounter c) => new(
        $"failed-logins:{c.Key}", WatchedCategory.FailedLogins, c.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        $"{c.Failures} failed sign-ins counted for {c.Who}", IncidentKind.AccountTakeover, Severity.Medium, Count: c.Failures);

    private static string Words<TEnum>(TEnum value) where TEnum : struct, Enum => ApiJson.WireName(value).Replace('-', ' ');

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
