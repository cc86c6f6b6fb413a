using System.Globalization;
using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.Detection;

/// <summary>
/// Judges a user's <c>{prefix}capabilities</c> the way WordPress does (WP_User::get_role_caps): every key that names a
/// defined role makes the user a member whatever its value, the members' role capabilities are merged, and the user's
/// own entries overlay them, so a capability given there is granted and one set to false is denied. Role definitions
/// come from the <c>{prefix}user_roles</c> option, where an attacker can also hide a powerful custom role.
/// </summary>
internal sealed class WordPressRoles
{
    public const string Unreadable = "<unreadable>";

    public const string SuperAdmin = "super_admin";

    /// <summary>Capabilities that let the holder change the site, its users or its code, or pull customers and reports in bulk.</summary>
    public static readonly IReadOnlyList<string> KeyCapabilities =
    [
        "manage_options", "promote_users", "create_users", "edit_users", "activate_plugins", "install_plugins", "edit_plugins",
        "manage_woocommerce", "view_woocommerce_reports", "export",
    ];

    // Privileged by name, whatever the site's definition says, because responders look for them by name.
    private static readonly string[] PrivilegedRoleNames = ["administrator", "shop_manager"];

    private static readonly WordPressRoles Defaults = new(
        new Dictionary<string, IReadOnlyDictionary<string, bool>>(StringComparer.Ordinal)
        {
            ["administrator"] = KeyCapabilities.ToDictionary(c => c, _ => true, StringComparer.Ordinal),
            ["shop_manager"] = new Dictionary<string, bool>(StringComparer.Ordinal) { ["manage_woocommerce"] = true, ["view_woocommerce_reports"] = true },
            ["customer"] = new Dictionary<string, bool>(StringComparer.Ordinal) { ["read"] = true },
            ["subscriber"] = new Dictionary<string, bool>(StringComparer.Ordinal) { ["read"] = true },
        },
        assumed: true);

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> roles;
    private readonly bool assumed;

    private WordPressRoles(IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> roles, bool assumed)
    {
        this.roles = roles;
        this.assumed = assumed;
    }

    /// <summary>What a user's capabilities amount to; null from <see cref="Assess"/> when nothing privileged.</summary>
    /// <param name="Reasons">Short phrases: "role administrator", "role Customer grants manage_woocommerce", "manage_options granted directly".</param>
    public sealed record Assessment(IReadOnlyList<string> Roles, bool FullAccess, IReadOnlyList<string> Reasons, string? Note);

    /// <param name="userRoles">The <c>{prefix}user_roles</c> option; when missing or unreadable, WordPress's and WooCommerce's default roles are assumed.</param>
    public static WordPressRoles Parse(string? userRoles)
    {
        if (userRoles is null)
        {
            return Defaults;
        }

        try
        {
            return PhpSerializer.Deserialize(userRoles) is PhpArray defined ? new WordPressRoles(Read(defined), assumed: false) : Defaults;
        }
        catch (PhpSerializationException)
        {
            return Defaults;
        }
    }

    /// <summary>
    /// Serialized values that give exactly one unprivileged role (<c>a:1:{s:8:"customer";b:1;}</c>) or nothing, as almost every
    /// customer's does: the query skips them by exact byte comparison, so only the rest needs parsing.
    /// </summary>
    public IEnumerable<string> PlainUnprivilegedValues() =>
        roles.Keys.Where(role => !IsPrivileged(role))
            .Select(role => PhpSerializer.Serialize(PhpArray.Map((role, true))))
            .Append(PhpSerializer.Serialize(PhpArray.Empty));

    public Assessment? Assess(string? capabilities, bool superAdmin)
    {
        PhpValue? parsed = null;
        string? unreadable = null;
        if (capabilities is not null)
        {
            try
            {
                parsed = PhpSerializer.Deserialize(capabilities);
                unreadable = parsed is PhpArray ? null : "a serialized value that is not an array";
            }
            catch (PhpSerializationException ex)
            {
                unreadable = $"not valid serialized PHP ({ex.Message})";
            }
        }

        var superAdminRole = superAdmin ? new[] { SuperAdmin } : [];
        var superAdminReason = superAdmin ? new[] { "network super admin (site_admins)" } : [];
        if (unreadable is not null)
        {
            return new Assessment([Unreadable, .. superAdminRole], superAdmin, ["capabilities unreadable", .. superAdminReason],
                Join($"The capabilities value is {unreadable}: WordPress reads that as no role, but a value it cannot read may have been tampered with.",
                    AssumedNote));
        }

        var entries = (parsed as PhpArray)?.Entries ?? [];
        var members = new List<string>();
        var direct = new List<string>();
        var effective = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (key, _) in entries)
        {
            if (roles.TryGetValue(KeyText(key), out var granted))
            {
                members.Add(KeyText(key));
                foreach (var (capability, allowed) in granted)
                {
                    effective[capability] = allowed;
                }
            }
        }

        foreach (var (key, value) in entries)
        {
            effective[KeyText(key)] = Truthy(value);
            if (!roles.ContainsKey(KeyText(key)) && Truthy(value))
            {
                direct.Add(KeyText(key));
            }
        }

        var privilegedRoles = members.Where(IsPrivileged).ToList();
        var directKey = direct.Where(KeyCapabilities.Contains).ToList();
        if (privilegedRoles.Count == 0 && directKey.Count == 0 && !superAdmin)
        {
            return null;
        }

        var reasons = privilegedRoles
            .Select(role => PrivilegedRoleNames.Contains(role) ? $"role {role}" : $"role {role} grants {string.Join(", ", KeyCapabilitiesOf(role))}")
            .Concat(directKey.Count > 0 ? [$"{string.Join(", ", directKey)} granted directly"] : [])
            .Concat(superAdminReason)
            .ToList();
        return new Assessment([.. members, .. direct, .. superAdminRole], superAdmin || effective.GetValueOrDefault("manage_options"), reasons, AssumedNote);
    }

    private string? AssumedNote => assumed
        ? "The site's role definitions (user_roles option) are missing or unreadable, so WordPress's default roles were assumed."
        : null;

    private bool IsPrivileged(string role) => PrivilegedRoleNames.Contains(role) || KeyCapabilitiesOf(role).Any();

    private IEnumerable<string> KeyCapabilitiesOf(string role) =>
        KeyCapabilities.Where(c => roles.TryGetValue(role, out var granted) && granted.GetValueOrDefault(c));

    private static Dictionary<string, IReadOnlyDictionary<string, bool>> Read(PhpArray defined)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var (key, value) in defined.Entries)
        {
            // A role without a readable capabilities map still exists for WordPress; it just grants nothing.
            var capabilities = value is PhpArray role && role.TryGetValue("capabilities", out var caps) && caps is PhpArray map ? map.Entries : [];
            result[KeyText(key)] = capabilities.ToDictionary(c => KeyText(c.Key), c => Truthy(c.Value), StringComparer.Ordinal);
        }

        return result;
    }

    private static string KeyText(PhpValue key) => key switch
    {
        PhpString text => text.Text,
        PhpInt number => number.Value.ToString(CultureInfo.InvariantCulture),
        _ => key.ToString(),
    };

    /// <summary>PHP's conversion to bool, which is how WordPress tests a capability's value.</summary>
    private static bool Truthy(PhpValue value) => value switch
    {
        PhpBool b => b.Value,
        PhpInt i => i.Value != 0,
        PhpFloat f => f.Value != 0,
        PhpString s => !(s.Length == 0 || (s.Length == 1 && s.Bytes.Span[0] == (byte)'0')),
        PhpArray a => a.Count > 0,
        PhpNull => false,
        _ => true,
    };

    private static string? Join(params string?[] notes) => notes.Any(n => n is not null) ? string.Join(" ", notes.OfType<string>()) : null;
}
