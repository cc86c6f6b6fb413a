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

    private sealed record UserRow(long Id, string Login, string? Email, string? Name, DateTimeOffset? Registered, string? Capabilities, string? Sessions);

    private async Task<IReadOnlyList<AdminAccount>> ReadAdminsAsync(DateTimeOffset? since, CancellationToken ct)
    {
        var roles = WordPressRoles.Parse((await ListAsync(
            c => OptionQuery(c, P + "user_roles"), r => r.GetString(0), ct)).SingleOrDefault());
        var superAdmins = await SuperAdminsAsync(ct);
        var rows = await ListAsync(c => AdminsQuery(c, roles, superAdmins, since), r => new UserRow(r.GetInt64(0), r.GetString(1),
            Detected.Text(r, 2), Detected.Text(r, 3), Detected.Utc(r, 4), Detected.Text(r, 5), Detected.Text(r, 6)), ct);

        var admins = new List<AdminAccount>();
        foreach (var row in rows)
        {
            if (roles.Assess(row.Capabilities, superAdmins.Contains(row.Login)) is not { } assessment)
            {
                continue;
            }

            var (lastLogin, lastIp) = LastLogin(row.Sessions);
            var why = string.Join("; ", assessment.Reasons);
            admins.Add(new AdminAccount(row.Id, row.Login, row.Email, row.Name, row.Registered, assessment.Roles, assessment.FullAccess, true, null,
                lastLogin, lastIp, since is { } s && row.Registered is { } registered ? $"{Detected.CreatedSince(registered, s)}; {why}" : why,
                assessment.Note));
        }

        return admins;
    }

    private MySqlCommand AdminsQuery(MySqlConnection connection, WordPressRoles roles, IReadOnlySet<string> superAdmins, DateTimeOffset? since)
    {
        var command = new MySqlCommand { Connection = connection };
        command.Parameters.AddWithValue("@capabilities", P + "capabilities");
        // The skip list compares bytes, not by the column's case- and accent-blind collation: a role "Customer" is not "customer" to WordPress.
        var plain = In(command, "plain", roles.PlainUnprivilegedValues());
        var orSuperAdmin = superAdmins.Count == 0 ? "" : $"OR u.user_login IN ({In(command, "login", superAdmins)})";
        var registered = "";
        if (since is { } s)
        {
            Detected.WithSince(command, s);
            registered = "AND u.user_registered >= @since";
        }

        // WordPress reads the first row of a meta key (lowest umeta_id), so a second row changes nothing.
        command.CommandText = $"""
            SELECT u.ID, u.user_login, u.user_email, u.display_name, NULLIF(u.user_registered, '0000-00-00 00:00:00'),
                   (SELECT c.meta_value FROM `{P}usermeta` c WHERE c.user_id = u.ID AND c.meta_key = @capabilities ORDER BY c.umeta_id LIMIT 1),
                   (SELECT s.meta_value FROM `{P}usermeta` s WHERE s.user_id = u.ID AND s.meta_key = 'session_tokens' ORDER BY s.umeta_id LIMIT 1)
            FROM `{P}users` u
            WHERE (u.ID IN (SELECT m.user_id FROM `{P}usermeta` m
                            WHERE m.meta_key = @capabilities AND CAST(m.meta_value AS BINARY) NOT IN ({plain}))
                   {orSuperAdmin})
              {registered}
            ORDER BY u.ID
            """;
        return command;
    }

    /// <summary>Logins in the network's <c>site_admins</c> lists, when the site is (the main site of) a multisite.</summary>
    private async Task<IReadOnlySet<string>> SuperAdminsAsync(CancellationToken ct)
    {
        // WordPress matches logins case-insensitively, as the *_ci collation of user_login does.
        var logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tables = await ListAsync(c =>
        {
            var command = new MySqlCommand("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table", c);
            command.Parameters.AddWithValue("@table", P + "sitemeta");
            return command;
        }, r => r.GetInt32(0), ct);
        if (tables.Count == 0)
        {
            return logins;
        }

        var lists = await ListAsync(c => new MySqlCommand($"SELECT meta_value FROM `{P}sitemeta` WHERE meta_key = 'site_admins'", c),
            r => Detected.Text(r, 0), ct);
        // An unreadable list names no one for WordPress either.
        logins.UnionWith(lists.Select(TryParse).OfType<PhpArray>().SelectMany(list => list.Values.OfType<PhpString>()).Select(login => login.Text));
        return logins;
    }

    /// <summary>The newest login among the user's live sessions (session_tokens: hash → {expiration, ip, ua, login}).</summary>
    private static (DateTimeOffset? At, string? Ip) LastLogin(string? sessions)
    {
        if (TryParse(sessions) is not PhpArray tokens)
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
        if (TryParse(value) is not PhpArray list)
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
            new WooCommerceScoper.SiteOptions(Hpos: false, TimezoneString, GmtOffset).SiteZone(registered);
    }

    private async Task<SiteOptions> ReadOptionsAsync(CancellationToken ct)
    {
        var values = (await ListAsync(connection => new MySqlCommand(
                $"SELECT option_name, option_value FROM `{P}options` WHERE option_name IN ('timezone_string', 'gmt_offset', 'home', 'siteurl')", connection),
            r => (Name: r.GetString(0), Value: r.GetString(1)), ct))
            .ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        var url = values.GetValueOrDefault("home") ?? values.GetValueOrDefault("siteurl");
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
        return new SiteOptions(values.GetValueOrDefault("timezone_string"), values.GetValueOrDefault("gmt_offset"),
            host is not null && host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host);
    }

    private MySqlCommand OptionQuery(MySqlConnection connection, string name)
    {
        var command = new MySqlCommand($"SELECT option_value FROM `{P}options` WHERE option_name = @name", connection);
        command.Parameters.AddWithValue("@name", name);
        return command;
    }

    // ---- Helpers ----

    /// <summary>Adds the values as parameters @name0, @name1, … and returns them as the list of an IN clause.</summary>
    private static string In(MySqlCommand command, string name, IEnumerable<string> values) =>
        string.Join(", ", values.Select((value, i) =>
        {
            command.Parameters.AddWithValue($"@{name}{i}", value);
            return $"@{name}{i}";
        }));

    private static PhpValue? TryParse(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            return PhpSerializer.Deserialize(serialized);
        }
        catch (PhpSerializationException)
        {
            return null;
        }
    }
}
