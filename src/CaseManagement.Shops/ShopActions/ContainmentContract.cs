using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.ShopActions;

/// <summary>An action a containment step asks of the shop's database.</summary>
public abstract record ContainmentAction
{
    /// <summary>The kebab-case name playbooks use for the action ("deactivate-plugin").</summary>
    public abstract string Name { get; }
}

/// <summary>
/// Take a plugin out of WordPress's <c>active_plugins</c> (and the network's <c>active_sitewide_plugins</c> when present).
/// <paramref name="Plugin"/> is the plugin file as WordPress stores it ("dir/file.php") or its folder ("dir"), which
/// matches every active file in that folder.
/// </summary>
public sealed record DeactivatePlugin(string Plugin) : ContainmentAction
{
    public override string Name => "deactivate-plugin";
}

/// <summary>
/// Revoke what an attacker may hold that needs no password. At least one selector is given; all given ones are applied.
/// </summary>
/// <param name="LeakedKey">A leaked WooCommerce consumer key (ck_…, matched by its wc_api_hash) or its last 7 characters
/// (truncated_key); on Magento an integration's or OAuth consumer's key.</param>
/// <param name="UserLogin">Every credential of this account: WooCommerce API keys, application passwords (WordPress);
/// admin OAuth tokens and JWTs (Magento).</param>
/// <param name="WebhookDeliveryHost">Disable WooCommerce webhooks delivering to this host (exfiltration).</param>
/// <param name="IntegrationName">A Magento integration by name: deactivated, its tokens revoked.</param>
public sealed record RevokeCredentials(string? LeakedKey, string? UserLogin, string? WebhookDeliveryHost, string? IntegrationName) : ContainmentAction
{
    public override string Name => "revoke-credentials";
}

/// <summary>
/// Lock a back-office account and end its sessions. <paramref name="Login"/> is the login name or email address.
/// WordPress: roles removed, password hash scrambled (kills auth cookies), sessions, application passwords and
/// WooCommerce API keys revoked. Magento: is_active=0, far-future lock_expires, admin sessions ended, tokens revoked.
/// </summary>
public sealed record LockAdmin(string Login) : ContainmentAction
{
    public override string Name => "lock-admin";
}

/// <summary>End every shopper's login session (WordPress session_tokens; Magento session cutoff, persistent sessions, customer tokens).</summary>
public sealed record EndCustomerSessions : ContainmentAction
{
    public override string Name => "end-customer-sessions";
}

/// <summary>
/// The state of everything an action is about to change, captured before it changes anything: opaque JSON that only the
/// adapter reads back. It may hold secrets (password hashes, API key rows): the caller stores it encrypted.
/// </summary>
/// <param name="Summary">One line a person can read, without secrets.</param>
public sealed record ActionSnapshot(string Action, string Json, string Summary);

/// <summary>One change made to the shop, as a responder or auditor reads it. Never holds a secret: such values are described.</summary>
/// <param name="Target">Table and row, e.g. "wp_options[active_plugins]" or "admin_user[user_id=3]".</param>
public sealed record ShopChange(string Target, string What, string? Before, string? After);

/// <summary>What an action or its compensation did. <paramref name="Changes"/> is empty when the shop already was as asked (a repeat).</summary>
public sealed record ActionOutcome(IReadOnlyList<ShopChange> Changes, string Summary)
{
    public bool Changed => Changes.Count > 0;
}

/// <summary>How a compensation may restore.</summary>
/// <param name="RestoreCredentials">Put back revoked keys, tokens, password hashes and application passwords. Off by
/// default: a leaked credential should stay dead unless a person explicitly asks.</param>
public sealed record CompensationOptions(bool RestoreCredentials = false);

/// <summary>Whether the platform can do an action through its database, or only a person on the server can.</summary>
/// <param name="Manual">Null when automated; otherwise what a person must do instead, as checklist lines.</param>
public sealed record ActionCapability(bool Automated, IReadOnlyList<string>? Manual);

/// <summary>A place a skimmer script is known to hide, and what was found there.</summary>
/// <param name="Location">e.g. "core_config_data[design/head/includes] scope default/0", "wp_posts[ID=12] page 'Checkout'".</param>
/// <param name="ExternalHosts">Hosts of script sources or URLs found in the content, lower-cased.</param>
/// <param name="Excerpt">Up to 300 characters around the first script tag.</param>
public sealed record SkimmerFinding(string Location, string Why, IReadOnlyList<string> ExternalHosts, string Excerpt);

/// <param name="Checked">Every location looked at, so "nothing found" can be shown to be a real search.</param>
public sealed record SkimmerScan(IReadOnlyList<string> Checked, IReadOnlyList<SkimmerFinding> Findings);

/// <summary>
/// Containment actions against one shop's database (the shop's read-write user). Every action is split in two so the
/// caller can record the before-state durably before anything changes: <see cref="CaptureAsync"/> reads, <see cref="ApplyAsync"/>
/// changes the shop to the target state in one transaction and is idempotent (a repeat changes nothing and says so), and
/// <see cref="CompensateAsync"/> restores what the snapshot recorded. Failures are <see cref="ShopContainmentException"/>.
/// </summary>
public interface IShopContainment
{
    ShopPlatform Platform { get; }

    ActionCapability Capability(ContainmentAction action);

    Task<ActionSnapshot> CaptureAsync(ContainmentAction action, CancellationToken ct);

    Task<ActionOutcome> ApplyAsync(ContainmentAction action, ActionSnapshot before, CancellationToken ct);

    Task<ActionOutcome> CompensateAsync(ContainmentAction action, ActionSnapshot before, CompensationOptions options, CancellationToken ct);

    /// <summary>Read-only: the known skimmer locations of the platform.</summary>
    Task<SkimmerScan> ScanForSkimmersAsync(CancellationToken ct);
}

/// <summary>A containment action failed; the message is safe to show and record (never a password or key).</summary>
/// <param name="Transient">Worth retrying as is (unreachable, timeout, deadlock); otherwise a person must fix something first.</param>
public sealed class ShopContainmentException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
