using CaseManagement.Shops.Scoping;

namespace CaseManagement.Shops.ShopActions.Magento;

/// <summary>
/// Revokes Magento integrations and tokens without deleting anything: integration.status = 0 and oauth_token.revoked = 1 for
/// the integration's consumer (found by name, by its consumer key, or by one of its access tokens), and for an admin
/// account its OAuth tokens plus a JSON web token revocation. Deleting the oauth_consumer row would also work (it cascades),
/// but could not be undone. Compensation restores statuses and tokens only when the caller asks.
/// </summary>
internal sealed class MagentoCredentialRevocation(RevokeCredentials action) : IPlaybook
{
    private sealed record Integration(long Id, string Name, int Status, long? ConsumerId);

    private sealed record State(IReadOnlyList<Integration> Integrations, IReadOnlyList<OAuthToken> Tokens, Account? Admin, JwtRevocation? Jwt);

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var admin = string.IsNullOrWhiteSpace(action.UserLogin) ? null : await MagentoAdminLock.FindAsync(session, action.UserLogin.Trim());
        var state = await ReadAsync(session, admin, capturing: true);
        var active = state.Integrations.Where(i => i.Status != 0).Select(i => $"integration '{i.Name}'")
            .Concat(state.Tokens.Where(t => !t.Revoked).Select(t => $"OAuth {t.Type} token #{t.Id} of {t.Owner}"))
            .Concat(admin is null ? [] : [$"JSON web tokens of admin {admin}"])
            .ToList();
        return await Snapshots.CreateAsync(session, action, state, active.Count > 0 ? $"To revoke: {string.Join("; ", active)}" : "Nothing matches; nothing to revoke");
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        var (captured, takenAt) = Snapshots.Read<State>(session, action, before);
        // The captured admin id, not the login: the attacker may rename the account in between.
        var current = await ReadAsync(session, captured.Admin, capturing: false);
        var changes = new List<ShopChange>();
        foreach (var integration in current.Integrations.Where(i => i.Status != 0))
        {
            await SetStatusAsync(session, integration, 0);
            changes.Add(new ShopChange(Target(session, integration), $"integration '{integration.Name}' deactivated", Status(integration.Status), Status(0)));
        }

        changes.AddRange(await MagentoTokens.RevokeAsync(session, current.Tokens));
        if (current.Admin is { } admin && await MagentoTokens.RevokeJwtAsync(session, MagentoTokens.AdminUserType, admin.Id, takenAt) is { } jwt)
        {
            changes.Add(jwt);
        }

        var summary = changes.Count > 0
            ? $"Revoked {changes.Count} integration(s) and token(s). {ShopManualSteps.MagentoCacheReminder}"
            : current.Integrations.Count == 0 && current.Tokens.Count == 0 && current.Admin is null
                ? "No integration, consumer or token matches; nothing to revoke."
                : "Revoked already; nothing changed.";
        return new ActionOutcome(changes, summary + WebhookNote);
    }

    public async Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        var (state, takenAt) = Snapshots.Read<State>(session, action, before);
        if (!options.RestoreCredentials)
        {
            var revoked = state.Integrations.Where(i => i.Status != 0).Select(i => $"integration '{i.Name}'")
                .Concat(state.Tokens.Where(t => !t.Revoked).Select(t => $"token #{t.Id} of {t.Owner}"))
                .Concat(state.Admin is { } admin ? [$"the JSON web token revocation of admin {admin}"] : []);
            return new ActionOutcome([], $"Deliberately not restored (RestoreCredentials is off): {string.Join("; ", revoked)}.");
        }

        var changes = new List<ShopChange>();
        var notes = new List<string>();
        foreach (var integration in state.Integrations.Where(i => i.Status != 0))
        {
            var status = (await session.ListAsync($"SELECT status FROM `{session.P}integration` WHERE integration_id = @id{session.ForUpdate}", r => (int?)r.GetInt32(0),
                ("@id", integration.Id))).SingleOrDefault();
            if (status != 0)
            {
                notes.Add(status is null ? $"integration '{integration.Name}' no longer exists" : $"integration '{integration.Name}' is {Status(status.Value)} now and was left so");
                continue;
            }

            await SetStatusAsync(session, integration, integration.Status);
            changes.Add(new ShopChange(Target(session, integration), $"integration '{integration.Name}' restored", Status(0), Status(integration.Status)));
        }

        changes.AddRange(await MagentoTokens.RestoreAsync(session, state.Tokens));
        if (await MagentoTokens.RestoreJwtAsync(session, state.Jwt, takenAt) is { } jwt)
        {
            changes.Add(jwt);
        }

        var summary = changes.Count > 0 ? $"Restored {changes.Count} integration(s) and token(s) as before containment." : "Nothing restored.";
        return Outcomes.With(changes, summary, notes);
    }

    private string WebhookNote => string.IsNullOrWhiteSpace(action.WebhookDeliveryHost) ? "" : " Magento Open Source has no webhooks table; WebhookDeliveryHost was not used.";

    /// <param name="capturing">An unknown integration name is an error at capture; at apply it was deleted since, leaving nothing to revoke.</param>
    private async Task<State> ReadAsync(ContainmentSession session, Account? admin, bool capturing)
    {
        var integrations = new List<Integration>();
        if (action.IntegrationName?.Trim() is { Length: > 0 } name)
        {
            integrations.AddRange(await IntegrationsAsync(session, "name = @name", ("@name", name)));
            if (integrations.Count == 0 && capturing)
            {
                throw new ShopContainmentException($"No Magento integration is named '{name}'.", transient: false);
            }
        }

        var consumers = integrations.Select(i => i.ConsumerId).OfType<long>().ToList();
        var leakedTokens = new List<long>();
        if (action.LeakedKey?.Trim() is { Length: > 0 } key)
        {
            consumers.AddRange(await session.ListAsync($"SELECT entity_id FROM `{session.P}oauth_consumer` WHERE `key` = @key", r => r.GetInt64(0), ("@key", key)));
            // An integration's access token is leaked as often as its consumer key; it leads to the same consumer.
            var tokens = await session.ListAsync($"SELECT entity_id, consumer_id FROM `{session.P}oauth_token` WHERE token = @key",
                r => (Id: r.GetInt64(0), Consumer: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)), ("@key", key));
            leakedTokens.AddRange(tokens.Select(t => t.Id));
            consumers.AddRange(tokens.Select(t => t.Consumer).OfType<long>());
        }

        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        if (consumers.Count > 0)
        {
            var (list, consumerParameters) = ShopSql.In("consumer", consumers.Distinct());
            integrations.AddRange((await IntegrationsAsync(session, $"consumer_id IN ({list})", consumerParameters)).Where(i => integrations.All(known => known.Id != i.Id)));
            conditions.Add($"consumer_id IN ({list})");
            parameters.AddRange(consumerParameters);
        }

        if (leakedTokens.Count > 0)
        {
            var (list, tokenParameters) = ShopSql.In("leaked", leakedTokens);
            conditions.Add($"entity_id IN ({list})");
            parameters.AddRange(tokenParameters);
        }

        if (admin is not null)
        {
            conditions.Add("admin_id = @admin");
            parameters.Add(("@admin", admin.Id));
        }

        var oauthTokens = conditions.Count == 0 ? [] : await MagentoTokens.ReadAsync(session, string.Join(" OR ", conditions), parameters.ToArray());
        var jwt = admin is null ? null : await MagentoTokens.ReadJwtAsync(session, MagentoTokens.AdminUserType, admin.Id);
        return new State(integrations, oauthTokens, admin, jwt);
    }

    private static Task<List<Integration>> IntegrationsAsync(ContainmentSession session, string condition, params (string Name, object? Value)[] parameters) =>
        session.ListAsync($"SELECT integration_id, name, status, consumer_id FROM `{session.P}integration` WHERE {condition} ORDER BY integration_id{session.ForUpdate}",
            r => new Integration(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt64(3)), parameters);

    private static Task<int> SetStatusAsync(ContainmentSession session, Integration integration, int status) =>
        session.ExecuteAsync($"UPDATE `{session.P}integration` SET status = @status WHERE integration_id = @id", ("@status", status), ("@id", integration.Id));

    private static string Status(int status) => Detection.MagentoDetection.IntegrationStatus(status);

    private static string Target(ContainmentSession session, Integration integration) => $"{session.P}integration[integration_id={integration.Id}]";
}
