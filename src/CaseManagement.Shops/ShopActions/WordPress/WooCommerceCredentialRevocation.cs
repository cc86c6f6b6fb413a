using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>
/// Revokes WooCommerce API keys (by the leaked key or its owner), the owner's application passwords, and disables webhooks
/// that deliver to a host. Keys and passwords are revoked by deleting their rows, webhooks by status 'disabled', as the
/// platforms do. Compensation puts webhooks back always, but keys and passwords only when the caller asks: a leaked
/// credential should stay dead.
/// </summary>
internal sealed class WooCommerceCredentialRevocation(RevokeCredentials action) : IPlaybook
{
    private const string Disabled = "disabled";

    private sealed record Webhook(long Id, string Name, string Status, string Host);

    private sealed record State(Account? User, WordPressCredentials Credentials, IReadOnlyList<Webhook> Webhooks);

    private readonly string? deliveryHost = DeliveryHost(action);

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var user = string.IsNullOrWhiteSpace(action.UserLogin) ? null : await WordPressUsers.FindAsync(session, action.UserLogin.Trim());
        var state = await ReadAsync(session, user);
        var active = state.Webhooks.Where(w => w.Status != Disabled).ToList();
        var parts = new[]
        {
            state.Credentials.Describe(),
            active.Count > 0 ? $"{active.Count} webhook(s) delivering to {deliveryHost}: {string.Join(", ", active.Select(w => $"#{w.Id} '{w.Name}'"))}" : null,
        }.OfType<string>().ToList();
        return await Snapshots.CreateAsync(session, action, state, parts.Count > 0 ? $"To revoke: {string.Join("; ", parts)}" : "Nothing matches; nothing to revoke");
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        var captured = Snapshots.Read<State>(session, action, before).State;
        // The captured account id, not the login: the attacker may rename or delete the account in between.
        var current = await ReadAsync(session, captured.User);
        var changes = await current.Credentials.DeleteAsync(session);
        changes.AddRange(await DisableAsync(session, current.Webhooks.Where(w => w.Status != Disabled).ToList()));
        if (changes.Count == 0)
        {
            return new ActionOutcome([], captured.Credentials.IsEmpty && captured.Webhooks.All(w => w.Status == Disabled)
                ? "No API key, application password or webhook matches; nothing to revoke."
                : "Revoked already; nothing changed.");
        }

        var unrestorable = current.Credentials.NotIn(captured.Credentials).ToList();
        return new ActionOutcome(changes, $"Revoked {changes.Count} credential(s) and webhook(s). {ShopManualSteps.WordPressCacheReminder}"
            + (unrestorable.Count > 0 ? $" Created after the snapshot, so no compensation can restore them: {string.Join("; ", unrestorable)}." : ""));
    }

    public async Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        var captured = Snapshots.Read<State>(session, action, before).State;
        var (changes, notes) = await EnableAsync(session, captured.Webhooks.Where(w => w.Status != Disabled).ToList());
        if (options.RestoreCredentials)
        {
            var (restored, skipped) = await captured.Credentials.RestoreAsync(session);
            changes.AddRange(restored);
            notes.AddRange(skipped);
        }
        else if (captured.Credentials.Describe() is { } revoked)
        {
            notes.Add($"deliberately not restored (RestoreCredentials is off): {revoked}");
        }

        var summary = changes.Count > 0 ? $"Restored {changes.Count} item(s) as before containment." : "Nothing restored.";
        return Outcomes.With(changes, summary, notes);
    }

    private async Task<State> ReadAsync(ContainmentSession session, Account? user)
    {
        var (condition, parameters) = KeyCondition(user);
        var credentials = await WordPressCredentials.ReadAsync(session, condition, parameters, user?.Id);
        var webhooks = deliveryHost is null ? [] : await session.ListAsync(
            $"SELECT webhook_id, name, status, delivery_url FROM `{session.P}wc_webhooks` ORDER BY webhook_id{session.ForUpdate}",
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Status: r.GetString(2), Url: r.GetString(3)));
        return new State(user, credentials, webhooks
            .Select(w => new Webhook(w.Id, w.Name, w.Status, Uri.TryCreate(w.Url, UriKind.Absolute, out var uri) ? uri.IdnHost.ToLowerInvariant() : ""))
            .Where(w => w.Host == deliveryHost || w.Host.EndsWith("." + deliveryHost, StringComparison.Ordinal))
            .ToList());
    }

    private (string? Condition, (string Name, object? Value)[] Parameters) KeyCondition(Account? user)
    {
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        if (action.LeakedKey?.Trim() is { Length: > 0 } key)
        {
            var (condition, value) = key switch
            {
                _ when key.StartsWith("ck_", StringComparison.Ordinal) => ("consumer_key = @leaked", WcApiHash(key)),
                // WooCommerce keeps the consumer secret in plain text, so a leaked secret is found as it is.
                _ when key.StartsWith("cs_", StringComparison.Ordinal) => ("consumer_secret = @leaked", key),
                { Length: 7 } => ("truncated_key = @leaked", key),
                _ => throw new ShopContainmentException(
                    "LeakedKey must be a WooCommerce consumer key (ck_…), its consumer secret (cs_…), or the key's last 7 characters.", transient: false),
            };
            conditions.Add(condition);
            parameters.Add(("@leaked", value));
        }

        if (user is not null)
        {
            conditions.Add("user_id = @user");
            parameters.Add(("@user", user.Id));
        }

        return (conditions.Count == 0 ? null : string.Join(" OR ", conditions), parameters.ToArray());
    }

    /// <summary>wc_api_hash(): lower-case hex HMAC-SHA256 of the plaintext key with the key "wc-api", as WooCommerce stores consumer_key.</summary>
    internal static string WcApiHash(string consumerKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("wc-api"), Encoding.UTF8.GetBytes(consumerKey)));

    private static async Task<List<ShopChange>> DisableAsync(ContainmentSession session, IReadOnlyList<Webhook> webhooks)
    {
        var changes = new List<ShopChange>();
        foreach (var webhook in webhooks)
        {
            await session.ExecuteAsync($"UPDATE `{session.P}wc_webhooks` SET status = @disabled WHERE webhook_id = @id", ("@disabled", Disabled), ("@id", webhook.Id));
            changes.Add(new ShopChange(Target(session, webhook), $"webhook '{webhook.Name}' delivering to {webhook.Host} disabled", webhook.Status, Disabled));
        }

        return changes;
    }

    /// <summary>Gives each webhook its status back if it is still disabled; a status someone set since stays.</summary>
    private static async Task<(List<ShopChange> Changes, List<string> Notes)> EnableAsync(ContainmentSession session, IReadOnlyList<Webhook> webhooks)
    {
        var changes = new List<ShopChange>();
        var notes = new List<string>();
        foreach (var webhook in webhooks)
        {
            var status = (await session.ListAsync($"SELECT status FROM `{session.P}wc_webhooks` WHERE webhook_id = @id{session.ForUpdate}", r => r.GetString(0),
                ("@id", webhook.Id))).SingleOrDefault();
            if (status != Disabled)
            {
                notes.Add(status is null ? $"webhook #{webhook.Id} no longer exists" : $"webhook #{webhook.Id} is '{status}' now and was left so");
                continue;
            }

            await session.ExecuteAsync($"UPDATE `{session.P}wc_webhooks` SET status = @status WHERE webhook_id = @id", ("@status", webhook.Status), ("@id", webhook.Id));
            changes.Add(new ShopChange(Target(session, webhook), $"webhook '{webhook.Name}' delivering to {webhook.Host} re-enabled", Disabled, webhook.Status));
        }

        return (changes, notes);
    }

    private static string Target(ContainmentSession session, Webhook webhook) => $"{session.P}wc_webhooks[webhook_id={webhook.Id}]";

    private static string? DeliveryHost(RevokeCredentials action)
    {
        // A host or a whole URL; subdomains of the host match too, as exfiltration often rotates them.
        var host = action.WebhookDeliveryHost?.Trim();
        return string.IsNullOrEmpty(host) ? null
            : Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.IdnHost.ToLowerInvariant()
            : host.TrimEnd('.').ToLowerInvariant();
    }
}
