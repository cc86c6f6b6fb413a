using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Detection;

/// <summary>
/// Detection on Magento 2. Every admin_user is a back-office account; its rights come from its user role (an
/// authorization_role "U" row of user type 2) under a group role, whose rules may allow <c>Magento_Backend::all</c>.
/// Integrations have "U" rows of their own (user type 1) whose user_id is the integration's id, so the user type
/// is always checked. Timestamps are UTC, read in the UTC session.
/// </summary>
public sealed class MagentoDetection(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) : IShopDetection
{
    private const string FullAccessResource = "Magento_Backend::all";

    private const string ExportTopic = "import_export.export";

    private const int DetailLength = 500;

    private string P => shop.TablePrefix;

    public Task<IReadOnlyList<AdminAccount>> AdminsAsync(CancellationToken ct) => ReadAdminsAsync(null, ct);

    public Task<IReadOnlyList<AdminAccount>> AdminsCreatedSinceAsync(DateTimeOffset since, CancellationToken ct) => ReadAdminsAsync(since, ct);

    public async Task<IReadOnlyList<IntegrationCredential>> CredentialsSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var integrations = await ListAsync(c => IntegrationsQuery(c, since), r => Integration(r, since), ct);
        var consumers = await ListAsync(c => ConsumersQuery(c, since), r => Consumer(r, since), ct);
        var tokens = await ListAsync(c => TokensQuery(c, since), r => Token(r, since), ct);
        return [.. integrations, .. consumers, .. tokens];
    }

    public async Task<IReadOnlyList<ExportSign>> BulkExportSignsSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var bulks = await ListAsync(c => BulksQuery(c, since), r => Bulk(r, since), ct);
        var queued = await ListAsync(QueuedExportsQuery, QueuedExport, ct);
        return [.. bulks, .. queued];
    }

    private Task<List<T>> ListAsync<T>(Func<MySqlConnection, MySqlCommand> query, Func<MySqlDataReader, T> map, CancellationToken ct) =>
        Detected.ListAsync(shop, statementTimeout, query, map, ct);

    /// <summary>
    /// Modules from <c>setup_module</c> (module, schema_version, data_version; Magento\Framework\Module\ModuleResource) and from the patches
    /// applied (<c>patch_list.patch_name</c>, a class name "Vendor\Module\Setup\Patch\…"; Magento\Framework\Setup\Patch\PatchHistory). A
    /// module needs neither table to run, so one that registers nothing is not seen here.
    /// </summary>
    public async Task<IReadOnlyList<ShopExtension>> ExtensionsAsync(CancellationToken ct)
    {
        var rows = new DetectionRows(shop, statementTimeout);
        var modules = new SortedDictionary<string, (string? Version, string Why)>(StringComparer.Ordinal);
        if (await ShopSql.TableExistsAsync(rows, P + "setup_module", ct))
        {
            foreach (var (module, schema, data) in await ListAsync(connection => new MySqlCommand(
                         $"SELECT module, schema_version, data_version FROM `{P}setup_module` ORDER BY module", connection),
                         r => (r.GetString(0), Detected.Text(r, 1), Detected.Text(r, 2)), ct))
            {
                modules[module] = ($"schema {schema ?? "-"}, data {data ?? "-"}", $"module {module} is registered in setup_module");
            }
        }

        if (await ShopSql.TableExistsAsync(rows, P + "patch_list", ct))
        {
            var patches = await ListAsync(connection => new MySqlCommand($"SELECT patch_name FROM `{P}patch_list`", connection), r => r.GetString(0), ct);
            foreach (var module in patches.Select(ModuleOfPatch).OfType<string>().GroupBy(m => m, StringComparer.Ordinal))
            {
                modules.TryAdd(module.Key, ($"{module.Count()} patches", $"module {module.Key} applied {module.Count()} patches (patch_list)"));
            }
        }

        return [.. modules.Select(m => new ShopExtension(ExtensionKind.MagentoModule, m.Key, m.Value.Version, m.Value.Why))];
    }

    /// <summary>
    /// admin_user.failures_num per admin, and customer_entity.failures_num summed over customers: counters Magento raises on a failed sign-in and
    /// lowers again on its own (when a lock ends, a sign-in succeeds), so a burst is a rise between two readings, not a level.
    /// </summary>
    public async Task<FailedLogins> FailedLoginsAsync(CancellationToken ct)
    {
        var admins = await ListAsync(connection => new MySqlCommand(
                $"SELECT user_id, username, failures_num FROM `{P}admin_user` WHERE failures_num > 0 ORDER BY user_id", connection),
            r => new FailedLoginCounter($"admin:{Detected.Id(r, 0)}", r.GetString(1), r.GetInt64(2),
                $"admin {r.GetString(1)} has {r.GetInt64(2)} failed sign-ins on record (failures_num)"), ct);
        var customers = await ListAsync(connection => new MySqlCommand(
                $"SELECT COUNT(*), COALESCE(SUM(failures_num), 0) FROM `{P}customer_entity` WHERE failures_num > 0", connection),
            r => (People: r.GetInt64(0), Failures: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), ct);
        var (people, failures) = customers.Single();
        return new FailedLogins([.. admins, new FailedLoginCounter("customers", "customers", failures,
            $"{failures} failed customer sign-ins on record across {people} accounts (failures_num)")]);
    }

    /// <summary>"Vendor\Module\Setup\Patch\Data\X" is module Vendor_Module; a name of another shape names none.</summary>
    internal static string? ModuleOfPatch(string patch) =>
        patch.Split('\\') is [var vendor, var module, ..] && vendor.Length > 0 && module.Length > 0 ? $"{vendor}_{module}" : null;

    // ---- Admins ----

    private sealed record AdminRow(long Id, string Login, string? Email, string? Name, DateTimeOffset? Created, bool IsActive, DateTimeOffset? LockedUntil,
        DateTimeOffset? LastLogin, string? LastIp, string? Role, bool FullAccess);

    private async Task<IReadOnlyList<AdminAccount>> ReadAdminsAsync(DateTimeOffset? since, CancellationToken ct)
    {
        var rows = await ListAsync(c => AdminsQuery(c, since), r => new AdminRow(r.GetInt64(0), Detected.Text(r, 1) ?? "", Detected.Text(r, 2),
            Detected.Text(r, 3), Detected.Utc(r, 4), r.GetInt32(5) != 0, Detected.Utc(r, 6), Detected.Utc(r, 7), Detected.Text(r, 8), Detected.Text(r, 9),
            r.GetInt32(10) != 0), ct);
        // A user normally has one role; should the table hold more, each row adds one.
        return rows.GroupBy(r => r.Id).Select(user =>
        {
            var first = user.First();
            var roles = user.Select(r => r.Role).OfType<string>().ToList();
            var fullAccess = user.Any(r => r.FullAccess);
            var why = new List<string>();
            if (since is { } s && first.Created is { } created)
            {
                why.Add(Detected.CreatedSince(created, s));
            }

            why.Add(roles.Count == 0 ? "admin user with no role (cannot sign in until given one)"
                : fullAccess ? $"role {string.Join(", ", roles)} allows {FullAccessResource}"
                : $"limited role {string.Join(", ", roles)}");
            if (!first.IsActive)
            {
                why.Add("inactive");
            }

            if (first.LockedUntil is { } locked)
            {
                why.Add($"locked until {Detected.Stamp(locked)}");
            }

            return new AdminAccount(first.Id, first.Login, first.Email, first.Name, first.Created, roles, fullAccess, first.IsActive, first.LockedUntil,
                first.LastLogin, first.LastIp, string.Join("; ", why));
        }).ToList();
    }

    private MySqlCommand AdminsQuery(MySqlConnection connection, DateTimeOffset? since)
    {
        var command = new MySqlCommand { Connection = connection };
        var created = "";
        if (since is { } s)
        {
            Detected.WithSince(command, s);
            created = "WHERE u.created >= @since";
        }

        command.Parameters.AddWithValue("@all", FullAccessResource);
        // A lock that has run out no longer stops anyone, so only a future lock_expires counts.
        command.CommandText = $"""
            SELECT u.user_id, u.username, u.email, NULLIF(CONCAT_WS(' ', u.firstname, u.lastname), ''), u.created, u.is_active,
                   IF(u.lock_expires > UTC_TIMESTAMP(), u.lock_expires, NULL), u.logdate,
                   (SELECT s.ip FROM `{P}admin_user_session` s WHERE s.user_id = u.user_id ORDER BY s.created_at DESC, s.id DESC LIMIT 1),
                   g.role_name,
                   EXISTS (SELECT 1 FROM `{P}authorization_rule` r WHERE r.role_id = g.role_id AND r.resource_id = @all AND r.permission = 'allow')
            FROM `{P}admin_user` u
            LEFT JOIN `{P}authorization_role` ur ON ur.role_type = 'U' AND ur.user_type = '2' AND ur.user_id = u.user_id
            LEFT JOIN `{P}authorization_role` g ON g.role_id = ur.parent_id AND g.role_type = 'G'
            {created}
            ORDER BY u.user_id, g.role_id
            """;
        return command;
    }

    // ---- Credentials ----

    private MySqlCommand IntegrationsQuery(MySqlConnection connection, DateTimeOffset since)
    {
        // An integration's API rights are rules on its own user role (user type 1, user_id = integration_id).
        var command = new MySqlCommand($"""
            SELECT i.integration_id, i.name, i.email, i.endpoint, i.status, i.consumer_id, i.created_at,
                   EXISTS (SELECT 1 FROM `{P}authorization_role` ir JOIN `{P}authorization_rule` r ON r.role_id = ir.role_id
                           WHERE ir.role_type = 'U' AND ir.user_type = '1' AND ir.user_id = i.integration_id
                             AND r.resource_id = @all AND r.permission = 'allow')
            FROM `{P}integration` i
            WHERE i.created_at >= @since
            ORDER BY i.created_at, i.integration_id
            """, connection);
        command.Parameters.AddWithValue("@all", FullAccessResource);
        return Detected.WithSince(command, since);
    }

    private static IntegrationCredential Integration(MySqlDataReader r, DateTimeOffset since)
    {
        var status = IntegrationStatus(r.GetInt32(4));
        var scope = r.GetInt32(7) != 0 ? $"{FullAccessResource} (every API resource)" : "selected resources";
        var created = Detected.Utc(r, 6)!.Value;
        return new IntegrationCredential(CredentialKind.MagentoIntegration, Detected.Id(r, 0), r.GetString(1), null, created, null, null, status, scope,
            Detected.Text(r, 3), null, Detected.Number(r, 5),
            $"integration '{r.GetString(1)}' (contact {r.GetString(2)}, {status}, {scope}), {Detected.CreatedSince(created, since)}");
    }

    /// <summary>integration.status in words (Integration/Model/Integration.php).</summary>
    internal static string IntegrationStatus(int status) => status switch
    {
        0 => "inactive",
        1 => "active",
        2 => "recreated",
        _ => $"status {status}",
    };

    private MySqlCommand ConsumersQuery(MySqlConnection connection, DateTimeOffset since) => Detected.WithSince(new MySqlCommand($"""
        SELECT c.entity_id, c.name, c.callback_url, c.created_at, i.integration_id, i.name
        FROM `{P}oauth_consumer` c
        LEFT JOIN `{P}integration` i ON i.consumer_id = c.entity_id
        WHERE c.created_at >= @since
        ORDER BY c.created_at, c.entity_id
        """, connection), since);

    private static IntegrationCredential Consumer(MySqlDataReader r, DateTimeOffset since)
    {
        var created = Detected.Utc(r, 3)!.Value;
        var integration = Detected.Number(r, 4) is { } id ? new CredentialOwner(CredentialOwnerKind.MagentoIntegration, id, Detected.Text(r, 5)) : null;
        var of = integration is null ? "with no integration" : $"of integration #{integration.Id} '{integration.Login}'";
        return new IntegrationCredential(CredentialKind.MagentoOAuthConsumer, Detected.Id(r, 0), r.GetString(1), integration, created, null, null, null, null,
            Detected.Text(r, 2), null, r.GetInt64(0), $"OAuth consumer '{r.GetString(1)}' {of}, {Detected.CreatedSince(created, since)}");
    }

    private MySqlCommand TokensQuery(MySqlConnection connection, DateTimeOffset since) => Detected.WithSince(new MySqlCommand($"""
        SELECT t.entity_id, t.consumer_id, t.admin_id, t.customer_id, t.type, t.revoked, t.user_type, t.created_at,
               a.username, ce.email, i.integration_id, i.name
        FROM `{P}oauth_token` t
        LEFT JOIN `{P}admin_user` a ON a.user_id = t.admin_id
        LEFT JOIN `{P}customer_entity` ce ON ce.entity_id = t.customer_id
        LEFT JOIN `{P}integration` i ON i.consumer_id = t.consumer_id
        WHERE t.created_at >= @since
        ORDER BY t.created_at, t.entity_id
        """, connection), since);

    private static IntegrationCredential Token(MySqlDataReader r, DateTimeOffset since)
    {
        // user_type (1 integration, 2 admin, 3 customer) is missing on old rows; then the id that is set tells.
        var userType = Detected.Number(r, 6);
        var owner = (userType, Detected.Number(r, 2), Detected.Number(r, 3), Detected.Number(r, 10)) switch
        {
            (2 or null, { } admin, _, _) => new CredentialOwner(CredentialOwnerKind.MagentoAdmin, admin, Detected.Text(r, 8)),
            (3 or null, _, { } customer, _) => new CredentialOwner(CredentialOwnerKind.MagentoCustomer, customer, Detected.Text(r, 9)),
            (1 or null, _, _, { } integration) => new CredentialOwner(CredentialOwnerKind.MagentoIntegration, integration, Detected.Text(r, 11)),
            _ => null,
        };
        var who = owner switch
        {
            { Kind: CredentialOwnerKind.MagentoAdmin } => $"admin #{owner.Id} {owner.Login}",
            { Kind: CredentialOwnerKind.MagentoCustomer } => $"customer #{owner.Id} {owner.Login}",
            { Kind: CredentialOwnerKind.MagentoIntegration } => $"integration #{owner.Id} '{owner.Login}'",
            _ => "no known owner",
        };
        var status = r.GetInt32(5) != 0 ? "revoked" : "active";
        var created = Detected.Utc(r, 7)!.Value;
        return new IntegrationCredential(CredentialKind.MagentoOAuthToken, Detected.Id(r, 0), null, owner, created, null, null, status, r.GetString(4), null, null,
            Detected.Number(r, 1), $"OAuth {r.GetString(4)} token of {who} ({status}), {Detected.CreatedSince(created, since)}");
    }

    // ---- Exports ----

    private MySqlCommand BulksQuery(MySqlConnection connection, DateTimeOffset since) => Detected.WithSince(new MySqlCommand($"""
        SELECT b.id, CAST(b.uuid AS CHAR), b.user_id, b.description, b.operation_count, b.start_time
        FROM `{P}magento_bulk` b
        WHERE b.start_time >= @since
        ORDER BY b.start_time, b.id
        """, connection), since);

    private static ExportSign Bulk(MySqlDataReader r, DateTimeOffset since)
    {
        var at = Detected.Utc(r, 5)!.Value;
        var user = Detected.Number(r, 2);
        return new ExportSign(ExportSignKind.MagentoBulkOperation, Detected.Id(r, 0), at, null, user, Detected.Text(r, 3),
            $"bulk operation '{Detected.Text(r, 3)}' ({r.GetInt64(4)} operations, uuid {Detected.Text(r, 1)}) started by user "
            + $"{(user is { } id ? $"#{id}" : "unknown")} {Detected.Stamp(at)}, on or after {Detected.Stamp(since)}");
    }

    private MySqlCommand QueuedExportsQuery(MySqlConnection connection)
    {
        var command = new MySqlCommand($"SELECT q.id, LEFT(q.body, {DetailLength}) FROM `{P}queue_message` q WHERE q.topic_name = @topic ORDER BY q.id",
            connection);
        command.Parameters.AddWithValue("@topic", ExportTopic);
        return command;
    }

    private static ExportSign QueuedExport(MySqlDataReader r) =>
        new(ExportSignKind.MagentoQueuedExport, Detected.Id(r, 0), null, null, null, Detected.Text(r, 1),
            $"export queued on {ExportTopic}",
            "queue_message has no time column, so every queued export is listed whatever its age; the files are in var/export/.");
}
