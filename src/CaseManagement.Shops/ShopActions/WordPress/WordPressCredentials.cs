using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>
/// WooCommerce API keys and WordPress application passwords, as whole rows. Revoking deletes the rows, which is what
/// WooCommerce (remove_key) and WordPress (delete all application passwords) do; the rows hold the consumer secret in
/// plain text and the password hashes, so outcomes describe them by id, description, key ending, permissions and name only.
/// </summary>
internal sealed record WordPressCredentials(IReadOnlyList<RowImage> ApiKeys, IReadOnlyList<RowImage> ApplicationPasswords)
{
    public bool IsEmpty => ApiKeys.Count == 0 && ApplicationPasswords.Count == 0;

    /// <param name="keyCondition">Which woocommerce_api_keys rows, as an SQL condition; null for none.</param>
    /// <param name="applicationPasswordsOf">The user whose application passwords are included; null for none.</param>
    public static async Task<WordPressCredentials> ReadAsync(ContainmentSession session, string? keyCondition, (string Name, object? Value)[] keyParameters,
        long? applicationPasswordsOf)
    {
        var keys = keyCondition is null ? [] : await RowImage.ReadAsync(session, "woocommerce_api_keys", $"({keyCondition}) ORDER BY key_id", keyParameters);
        var passwords = applicationPasswordsOf is { } user ? await WordPressUsers.MetaAsync(session, user, "_application_passwords") : [];
        return new WordPressCredentials(keys, passwords);
    }

    public async Task<List<ShopChange>> DeleteAsync(ContainmentSession session)
    {
        await session.DeleteByIdAsync("woocommerce_api_keys", "key_id", ApiKeys.Select(k => k.Long("key_id")));
        await session.DeleteByIdAsync("usermeta", "umeta_id", ApplicationPasswords.Select(m => m.Long("umeta_id")));
        return
        [
            .. ApiKeys.Select(key => new ShopChange(KeyTarget(session, key), "API key deleted (revoked)", DescribeKey(key), null)),
            .. ApplicationPasswords.Select(row => new ShopChange(PasswordsTarget(session, row), "application passwords deleted (revoked)",
                DescribePasswords(row), null)),
        ];
    }

    /// <summary>Inserts the rows again where nothing has taken their place; says why any was left out.</summary>
    public async Task<(List<ShopChange> Changes, List<string> Notes)> RestoreAsync(ContainmentSession session)
    {
        var changes = new List<ShopChange>();
        var notes = new List<string>();
        foreach (var key in ApiKeys)
        {
            if (await session.ExistsAsync("woocommerce_api_keys", "key_id", key.Long("key_id")))
            {
                notes.Add($"{DescribeKey(key)} exists already");
                continue;
            }

            await key.InsertAsync(session);
            changes.Add(new ShopChange(KeyTarget(session, key), "API key restored from the snapshot", null, DescribeKey(key)));
        }

        foreach (var user in ApplicationPasswords.GroupBy(row => row.Long("user_id")))
        {
            // Passwords the user created since stay as they are; merging the revoked ones into them is a person's decision.
            if ((await WordPressUsers.MetaAsync(session, user.Key, "_application_passwords")).Count > 0)
            {
                notes.Add($"user #{user.Key} has application passwords again, so the revoked ones were not put back");
                continue;
            }

            foreach (var row in user)
            {
                await row.InsertAsync(session);
                changes.Add(new ShopChange(PasswordsTarget(session, row), "application passwords restored from the snapshot", null, DescribePasswords(row)));
            }
        }

        return (changes, notes);
    }

    /// <summary>Rows here that <paramref name="snapshot"/> does not hold: revoked now, but beyond any compensation.</summary>
    public IEnumerable<string> NotIn(WordPressCredentials snapshot) =>
        ApiKeys.Where(key => snapshot.ApiKeys.All(s => s["key_id"] != key["key_id"])).Select(DescribeKey)
            .Concat(ApplicationPasswords.Where(row => snapshot.ApplicationPasswords.All(s => s["umeta_id"] != row["umeta_id"])).Select(DescribePasswords));

    /// <summary>One phrase naming every credential, or null when there is none.</summary>
    public string? Describe() => IsEmpty ? null : string.Join("; ", ApiKeys.Select(DescribeKey).Concat(ApplicationPasswords.Select(DescribePasswords)));

    public static string DescribeKey(RowImage key) =>
        $"API key #{key["key_id"]} '{key["description"]}' ending {key["truncated_key"]} ({key["permissions"]}) of user #{key["user_id"]}";

    /// <summary>Names the application passwords in a meta row; the list holds their hashes, which are never shown.</summary>
    public static string DescribePasswords(RowImage row)
    {
        var names = PhpSerializer.TryDeserialize(row["meta_value"]) is PhpArray list
            ? list.Values.OfType<PhpArray>().Select(p => p.TryGetValue("name", out var name) && name is PhpString text ? $"'{text.Text}'" : "(unnamed)").ToList()
            : null;
        return names is null
            ? $"unreadable application passwords of user #{row["user_id"]}"
            : $"{names.Count} application password(s) of user #{row["user_id"]}{(names.Count > 0 ? $": {string.Join(", ", names)}" : "")}";
    }

    private static string KeyTarget(ContainmentSession session, RowImage key) => $"{session.P}woocommerce_api_keys[key_id={key["key_id"]}]";

    private static string PasswordsTarget(ContainmentSession session, RowImage row) =>
        $"{session.P}usermeta[umeta_id={row["umeta_id"]}, user_id={row["user_id"]}, _application_passwords]";
}
