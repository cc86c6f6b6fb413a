using CaseManagement.Shops.Model;
using CaseManagement.Shops.Php;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Detection;

/// <summary>
/// Detection on WordPress with WooCommerce. Users and usermeta are read with the site's own prefix, so on a
/// multisite give the main site's prefix; network super admins come from <c>{prefix}sitemeta</c> when that table exists.
/// Serialized meta is only ever parsed with the PHP codec; SQL merely skips values known to grant nothing.
/// </summary>
public sealed class WooCommerceDetection(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) : IShopDetection
{
    private const string ReportExportHook = "wc-admin_report_export";

    private string P => shop.TablePrefix;

    public Task<IReadOnlyList<AdminAccount>> AdminsAsync(CancellationToken ct) => ReadAdminsAsync(null, ct);

    public Task<IReadOnlyList<AdminAccount>> AdminsCreatedSinceAsync(DateTimeOffset since, CancellationToken ct) => ReadAdminsAsync(since, ct);

    public async Task<IReadOnlyList<IntegrationCredential>> CredentialsSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var options = await ReadOptionsAsync(ct);
        var credentials = new List<IntegrationCredential>();
        credentials.AddRange((await ListAsync(ApplicationPasswordsQuery, r => (UserId: r.GetInt64(0), Login: Detected.Text(r, 1), Value: r.GetString(2)), ct))
            .SelectMany(row => ApplicationPasswords(row.UserId, row.Login, row.Value, since)));
        credentials.AddRange(await ListAsync(c => WebhooksQuery(c, since), r => Webhook(r, since, options.ShopHost), ct));
        credentials.AddRange(await ListAsync(ApiKeysQuery, r => ApiKey(r, options.Zone(shop.TimeZone)), ct));
        return credentials;
    }

    public async Task<IReadOnlyList<ExportSign>> BulkExportSignsSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var reportExports = await ListAsync(c => ReportExportsQuery(c, since), r => ReportExport(r, since), ct);
        var privacyExports = await ListAsync(c => PrivacyExportsQuery(c, since), r => PrivacyExport(r, since), ct);
        return [.. reportExports, .. privacyExports];
    }

    private Task<List<T>> ListAsync<T>(Func<MySqlConnection, MySqlCommand> query, Func<MySqlDataReader, T> map, CancellationToken ct) =>
        Detected.ListAsync(shop, statementTimeout, query, map, ct);

    // ---- Admins ----

    private async Task<IReadOnlyList<AdminAccount>> ReadAdminsAsync(DateTimeOffset? since, CancellationToken ct) =>
        (await WordPressAdmins.ReadAsync(new DetectionRows(shop, statementTimeout), P, since, ct)).Select(user =>
        {
            var (lastLogin, lastIp) = LastLogin(user.Sessions);
            var why = string.Join("; ", user.Assessment.Reasons);
            return new AdminAccount(user.Id, user.Login, user.Email, user.Name, user.Registered, user.Assessment.Roles, user.Assessment.FullAccess, true,
                null, lastLogin, lastIp,
                since is { } s && user.Registered is { } registered ? $"{Detected.CreatedSince(registered, s)}; {why}" : why,
                user.Assessment.Note);
        }).ToList();

    /// <summary>The newest login among the user's live sessions (session_tokens: hash → {expiration, ip, ua, login}).</summary>
    private static (DateTimeOffset? At, string? Ip) LastLogin(string? sessions)
    {
        if (PhpSerializer.TryDeserialize(sessions) is not PhpArray tokens)
        {
            return (null, null);
        }

        return tokens.Values.OfType<PhpArray>()
            .Select(session => (At: session.TryGetValue("login", out var login) && login is PhpInt seconds ? Detected.FromUnixTime(seconds.Value) : null,
                Ip: session.TryGetValue("ip", out var ip) && ip is PhpString text ? text.Text : null))
            .Where(session => session.At is not null)
            .OrderByDescending(session => session.At)
            .FirstOrDefault();
    }

    // ---- Credentials ----

    private MySqlCommand ApplicationPasswordsQuery(MySqlConnection connection) => new($"""
        SELECT m.user_id, u.user_login, m.meta_value
        FROM `{P}usermeta` m
        LEFT JOIN `{P}users` u ON u.ID = m.user_id
        WHERE m.meta_key = '_application_passwords' AND CAST(m.meta_value AS BINARY) <> @none
        ORDER BY m.user_id, m.umeta_id
        """, connection) { Parameters = { new MySqlParameter("@none", PhpSerializer.Serialize(PhpArray.Empty)) } };

    /// <summary>The user's application passwords (a list of {uuid, app_id, name, password, created, last_used, last_ip}) created since.</summary>
    private static IEnumerable<IntegrationCredential> ApplicationPasswords(long userId, string? login, string value, DateTimeOffset since)
    {
        var owner = new CredentialOwner(CredentialOwnerKind.WordPressUser, userId, login);
        if (PhpSerializer.TryDeserialize(value) is not PhpArray list)
        {
            yield return new IntegrationCredential(CredentialKind.WordPressApplicationPassword, WordPressRoles.Unreadable, null, owner, null, null, null,
                null, null, null, null, null, $"application passwords of user {login ?? $"#{userId}"} are unreadable",
                "The _application_passwords value is not a readable serialized list: WordPress cannot use it either, but it may have been tampered with.");
            yield break;
        }

        foreach (var entry in list.Values)
        {
            var password = entry as PhpArray ?? PhpArray.Empty;
            string? Text(string key) => password.TryGetValue(key, out var v) && v is PhpString s ? s.Text : null;
            DateTimeOffset? Time(string key) => password.TryGetValue(key, out var v) && v is PhpInt i ? Detected.FromUnixTime(i.Value) : null;
            var created = Time("created");
            // An entry without a readable time is kept: its age is unknown.
            if (created is { } known && known < since)
            {
                continue;
            }

            var name = Text("name");
            yield return new IntegrationCredential(CredentialKind.WordPressApplicationPassword, Text("uuid") ?? WordPressRoles.Unreadable, name, owner,
                created, Time("last_used"), Text("last_ip"), null, null, null, null, null,
                created is { } at
                    ? $"application password '{name}' of user {login ?? $"#{userId}"}, {Detected.CreatedSince(at, since)}"
                    : $"application password '{name}' of user {login ?? $"#{userId}"} with no readable creation time",
                created is null ? "The entry has no readable 'created' time, so it is listed whatever its age." : null);
        }
    }

    private MySqlCommand WebhooksQuery(MySqlConnection connection, DateTimeOffset since)
    {
        var command = new MySqlCommand($"""
            SELECT w.webhook_id, w.name, w.status, w.topic, w.delivery_url, w.user_id, u.user_login, w.date_created_gmt
            FROM `{P}wc_webhooks` w
            LEFT JOIN `{P}users` u ON u.ID = w.user_id
            WHERE w.date_created_gmt >= @since
            ORDER BY w.date_created_gmt, w.webhook_id
            """, connection);
        return Detected.WithSince(command, since);
    }

    private static IntegrationCredential Webhook(MySqlDataReader r, DateTimeOffset since, string? shopHost)
    {
        var url = r.GetString(4);
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
        // Delivery to another host is the exfiltration route; the shop's own host (or a subdomain) is usually an integration it runs.
        var destination = host is null ? $"delivering to '{url}'"
            : shopHost is not null && (host.Equals(shopHost, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + shopHost, StringComparison.OrdinalIgnoreCase))
                ? $"delivering to the shop's own host {host}"
                : $"delivering to {host}, outside the shop";
        var created = Detected.Utc(r, 7)!.Value;
        return new IntegrationCredential(CredentialKind.WooCommerceWebhook, Detected.Id(r, 0),
            r.GetString(1), new CredentialOwner(CredentialOwnerKind.WordPressUser, r.GetInt64(5), Detected.Text(r, 6)), created, null, null,
            r.GetString(2), r.GetString(3), url, null, null,
            $"webhook '{r.GetString(1)}' ({r.GetString(3)}, {r.GetString(2)}) {destination}, {Detected.CreatedSince(created, since)}");
    }

    private MySqlCommand ApiKeysQuery(MySqlConnection connection) => new($"""
        SELECT k.key_id, k.user_id, u.user_login, k.description, k.permissions, k.truncated_key, NULLIF(k.last_access, '0000-00-00 00:00:00')
        FROM `{P}woocommerce_api_keys` k
        LEFT JOIN `{P}users` u ON u.ID = k.user_id
        ORDER BY k.key_id
        """, connection);

    // WooCommerce stores no creation time for API keys, so every key is listed.
    private static IntegrationCredential ApiKey(MySqlDataReader r, TimeZoneInfo site)
    {
        var lastAccess = r.IsDBNull(6) ? (DateTimeOffset?)null : FromSiteLocal(r.GetDateTime(6), site);
        var login = Detected.Text(r, 2);
        var user = login ?? $"#{r.GetInt64(1)}";
        var description = Detected.Text(r, 3);
        return new IntegrationCredential(CredentialKind.WooCommerceApiKey, Detected.Id(r, 0),
            description, new CredentialOwner(CredentialOwnerKind.WordPressUser, r.GetInt64(1), login), null, lastAccess, null, null, r.GetString(4), null,
            r.GetString(5), null,
            $"API key ...{r.GetString(5)} ('{description}', {r.GetString(4)}) of user {user}, "
            + (lastAccess is { } at ? $"last used {Detected.Stamp(at)}" : "never used (or last-access tracking is off)"),
            "WooCommerce records no creation time for API keys, so all are listed: a key_id above the highest in an earlier snapshot is new.");
    }

    /// <summary>A site-local wall-clock time as UTC. In a repeated daylight-saving hour .NET takes standard time; a time in a skipped hour cannot be written by the site, so it is read with the offset before the jump.</summary>
    private static DateTimeOffset FromSiteLocal(DateTime local, TimeZoneInfo site)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = site.IsInvalidTime(local) ? site.GetUtcOffset(local.AddHours(-3)) : site.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    // ---- Exports ----

    private MySqlCommand ReportExportsQuery(MySqlConnection connection, DateTimeOffset since)
    {
        // Action Scheduler keeps arguments longer than 191 characters in extended_args and only their hash in args.
        var command = new MySqlCommand($"""
            SELECT a.action_id, a.status, a.scheduled_date_gmt, COALESCE(a.extended_args, a.args)
            FROM `{P}actionscheduler_actions` a
            WHERE a.hook = @hook AND a.scheduled_date_gmt >= @since
            ORDER BY a.scheduled_date_gmt, a.action_id
            """, connection);
        command.Parameters.AddWithValue("@hook", ReportExportHook);
        return Detected.WithSince(command, since);
    }

    private static ExportSign ReportExport(MySqlDataReader r, DateTimeOffset since)
    {
        var at = Detected.Utc(r, 2)!.Value;
        return new ExportSign(ExportSignKind.WooCommerceReportExport, Detected.Id(r, 0), at,
            r.GetString(1), null, Detected.Text(r, 3),
            $"Analytics CSV export ({ReportExportHook}, {r.GetString(1)}) scheduled {Detected.Stamp(at)}, on or after {Detected.Stamp(since)}");
    }

    private MySqlCommand PrivacyExportsQuery(MySqlConnection connection, DateTimeOffset since)
    {
        var command = new MySqlCommand($"""
            SELECT p.ID, p.post_status, p.post_date_gmt, p.post_title, p.post_author
            FROM `{P}posts` p
            WHERE p.post_type = 'user_request' AND p.post_name = 'export_personal_data' AND p.post_date_gmt >= @since
            ORDER BY p.post_date_gmt, p.ID
            """, connection);
        return Detected.WithSince(command, since);
    }

    private static ExportSign PrivacyExport(MySqlDataReader r, DateTimeOffset since)
    {
        var at = Detected.Utc(r, 2)!.Value;
        var subject = r.GetString(3);
        return new ExportSign(ExportSignKind.WordPressPersonalDataExport, Detected.Id(r, 0), at,
            r.GetString(1), r.GetInt64(4) is > 0 and var user ? user : null, subject,
            $"personal-data export request for {subject} ({r.GetString(1)}), {Detected.CreatedSince(at, since)}");
    }

    // ---- Options ----

    private sealed record SiteOptions(string? TimezoneString, string? GmtOffset, string? ShopHost)
    {
        // The scoper's rule, so both read site-local times alike: registered zone, timezone_string, gmt_offset, UTC.
        public TimeZoneInfo Zone(string? registered) =>
            new WooCommerceScoper.SiteOptions(TimezoneString, GmtOffset).SiteZone(registered);
    }

    private async Task<SiteOptions> ReadOptionsAsync(CancellationToken ct)
    {
        var values = (await ListAsync(connection => new MySqlCommand(
                $"SELECT option_name, option_value FROM `{P}options` WHERE option_name IN ('timezone_string', 'gmt_offset', 'home', 'siteurl')", connection),
            r => (Name: r.GetString(0), Value: r.GetString(1)), ct))
            .ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        return new SiteOptions(values.GetValueOrDefault("timezone_string"), values.GetValueOrDefault("gmt_offset"),
            ShopHosts.FromUrl(values.GetValueOrDefault("home") ?? values.GetValueOrDefault("siteurl")));
    }
}
