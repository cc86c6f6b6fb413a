using System.Text.RegularExpressions;
using MySqlConnector;

namespace CaseManagement.Shops.Schema;

/// <summary>
/// Creates the tables of a WooCommerce/WordPress or Magento 2 shop database (the subset a data-leak
/// investigation reads, with the platforms' real names, types and indexes) so that adapters can be
/// tested against realistic data. Idempotent: every table is created only if missing.
/// </summary>
public static partial class ShopSchema
{
    private const string PrefixPlaceholder = "{prefix}";

    /// <summary>Creates all tables of the platform, including WooCommerce's HPOS order tables.</summary>
    public static Task CreateAsync(MySqlConnection connection, ShopPlatform platform, string prefix, CancellationToken cancellationToken = default) =>
        platform switch
        {
            ShopPlatform.WooCommerce => CreateWooCommerceAsync(connection, prefix, includeHposTables: true, cancellationToken),
            ShopPlatform.Magento => RunScriptsAsync(connection, prefix, ["magento"], cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown shop platform."),
        };

    /// <summary>
    /// Creates the WordPress and WooCommerce tables. Without <paramref name="includeHposTables"/> the shop looks like one
    /// that never enabled high-performance order storage, where the wc_orders tables do not exist at all.
    /// </summary>
    public static Task CreateWooCommerceAsync(MySqlConnection connection, string prefix, bool includeHposTables, CancellationToken cancellationToken = default) =>
        RunScriptsAsync(
            connection,
            prefix,
            includeHposTables ? ["wordpress", "woocommerce", "woocommerce-hpos"] : ["wordpress", "woocommerce"],
            cancellationToken);

    /// <summary>Drops every table <see cref="CreateAsync"/> creates for the platform and prefix, leaving other tables alone.</summary>
    public static async Task DropAsync(MySqlConnection connection, ShopPlatform platform, string prefix, CancellationToken cancellationToken = default)
    {
        var tables = TableNames(platform, prefix);
        await using var command = new MySqlCommand(
            $"DROP TABLE IF EXISTS {string.Join(", ", tables.Select(t => $"`{t}`"))}",
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The prefixed names of the tables <see cref="CreateAsync"/> creates, in creation order.</summary>
    public static IReadOnlyList<string> TableNames(ShopPlatform platform, string prefix)
    {
        ValidatePrefix(prefix);
        string[] scripts = platform switch
        {
            ShopPlatform.WooCommerce => ["wordpress", "woocommerce", "woocommerce-hpos"],
            ShopPlatform.Magento => ["magento"],
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown shop platform."),
        };
        return scripts
            .SelectMany(s => CreateTableName().Matches(LoadScript(s)).Select(m => m.Groups["name"].Value))
            .Select(name => name.Replace(PrefixPlaceholder, prefix, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>WordPress allows only letters, digits and underscores in <c>$table_prefix</c>; Magento's prefix is used the same way.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException($"Table prefix '{prefix}' may contain only letters, digits and underscores (at most 40).", nameof(prefix));
        }
    }

    private static async Task RunScriptsAsync(MySqlConnection connection, string prefix, string[] scripts, CancellationToken cancellationToken)
    {
        ValidatePrefix(prefix);
        foreach (var script in scripts)
        {
            foreach (var statement in Statements(LoadScript(script)))
            {
                await using var command = new MySqlCommand(statement.Replace(PrefixPlaceholder, prefix, StringComparison.Ordinal), connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    // The scripts end every statement with ';' at the end of a line and keep comments on lines of their own.
    private static IEnumerable<string> Statements(string script)
    {
        var lines = script.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        return string.Join('\n', lines)
            .Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd(';'))
            .Where(s => s.Length > 0);
    }

    private static string LoadScript(string name)
    {
        var resource = $"CaseManagement.Shops.Schema.{name}.sql";
        using var stream = typeof(ShopSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9_]{0,40}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS `(?<name>[^`]+)`")]
    private static partial Regex CreateTableName();
}
