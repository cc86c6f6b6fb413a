using CaseManagement.Shops.Php;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Detection;

/// <summary>
/// The WordPress users with back-office rights, judged by <see cref="WordPressRoles"/>: what detection lists as admins and
/// what containment leaves alone when it ends shoppers' sessions. Users and usermeta are read with the site's own prefix;
/// network super admins come from <c>{prefix}sitemeta</c> when that table exists.
/// </summary>
internal static class WordPressAdmins
{
    /// <param name="Sessions">The raw session_tokens value, for the last login.</param>
    public sealed record Privileged(long Id, string Login, string? Email, string? Name, DateTimeOffset? Registered, string? Sessions,
        WordPressRoles.Assessment Assessment);

    /// <param name="since">Only users registered at or after this instant; null for all.</param>
    public static async Task<IReadOnlyList<Privileged>> ReadAsync(IShopRows rows, string prefix, DateTimeOffset? since, CancellationToken ct)
    {
        var roles = WordPressRoles.Parse((await rows.ListAsync(c => UserRolesQuery(c, prefix), r => r.GetString(0), ct)).SingleOrDefault());
        var superAdmins = await SuperAdminsAsync(rows, prefix, ct);
        var users = await rows.ListAsync(c => Query(c, prefix, roles, superAdmins, since), r => (Id: r.GetInt64(0), Login: r.GetString(1),
            Email: Detected.Text(r, 2), Name: Detected.Text(r, 3), Registered: Detected.Utc(r, 4), Capabilities: Detected.Text(r, 5),
            Sessions: Detected.Text(r, 6)), ct);
        return users
            .Select(u => roles.Assess(u.Capabilities, superAdmins.Contains(u.Login)) is { } assessment
                ? new Privileged(u.Id, u.Login, u.Email, u.Name, u.Registered, u.Sessions, assessment)
                : null)
            .OfType<Privileged>()
            .ToList();
    }

    /// <summary>Logins in the network's <c>site_admins</c> lists, when the site is (the main site of) a multisite.</summary>
    public static async Task<IReadOnlySet<string>> SuperAdminsAsync(IShopRows rows, string prefix, CancellationToken ct)
    {
        // WordPress matches logins case-insensitively, as the *_ci collation of user_login does.
        var logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!await ShopSql.TableExistsAsync(rows, prefix + "sitemeta", ct))
        {
            return logins;
        }

        var lists = await rows.ListAsync(c => new MySqlCommand($"SELECT meta_value FROM `{prefix}sitemeta` WHERE meta_key = 'site_admins'", c),
            r => Detected.Text(r, 0), ct);
        // An unreadable list names no one for WordPress either.
        logins.UnionWith(lists.Select(PhpSerializer.TryDeserialize).OfType<PhpArray>().SelectMany(list => list.Values.OfType<PhpString>())
            .Select(login => login.Text));
        return logins;
    }

    private static MySqlCommand UserRolesQuery(MySqlConnection connection, string prefix)
    {
        var command = new MySqlCommand($"SELECT option_value FROM `{prefix}options` WHERE option_name = @name", connection);
        command.Parameters.AddWithValue("@name", prefix + "user_roles");
        return command;
    }

    private static MySqlCommand Query(MySqlConnection connection, string prefix, WordPressRoles roles, IReadOnlySet<string> superAdmins, DateTimeOffset? since)
    {
        var command = new MySqlCommand { Connection = connection };
        command.Parameters.AddWithValue("@capabilities", prefix + "capabilities");
        // The skip list compares bytes, not by the column's case- and accent-blind collation: a role "Customer" is not "customer" to WordPress.
        var plain = ShopSql.In(command, "plain", roles.PlainUnprivilegedValues());
        var orSuperAdmin = superAdmins.Count == 0 ? "" : $"OR u.user_login IN ({ShopSql.In(command, "login", superAdmins)})";
        var registered = "";
        if (since is { } s)
        {
            Detected.WithSince(command, s);
            registered = "AND u.user_registered >= @since";
        }

        // WordPress reads the first row of a meta key (lowest umeta_id), so a second row changes nothing.
        command.CommandText = $"""
            SELECT u.ID, u.user_login, u.user_email, u.display_name, NULLIF(u.user_registered, '0000-00-00 00:00:00'),
                   (SELECT c.meta_value FROM `{prefix}usermeta` c WHERE c.user_id = u.ID AND c.meta_key = @capabilities ORDER BY c.umeta_id LIMIT 1),
                   (SELECT s.meta_value FROM `{prefix}usermeta` s WHERE s.user_id = u.ID AND s.meta_key = 'session_tokens' ORDER BY s.umeta_id LIMIT 1)
            FROM `{prefix}users` u
            WHERE (u.ID IN (SELECT m.user_id FROM `{prefix}usermeta` m
                            WHERE m.meta_key = @capabilities AND CAST(m.meta_value AS BINARY) NOT IN ({plain}))
                   {orSuperAdmin})
              {registered}
            ORDER BY u.ID
            """;
        return command;
    }
}
