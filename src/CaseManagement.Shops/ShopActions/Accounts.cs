namespace CaseManagement.Shops.ShopActions;

/// <summary>A back-office account found by login or email address.</summary>
internal sealed record Account(long Id, string Login)
{
    public override string ToString() => $"{Login} (#{Id})";
}

internal static class Accounts
{
    /// <summary>
    /// The one account whose login, or else whose email address, is <paramref name="who"/> (case-blind, as the platforms'
    /// collations compare). A login wins over another account's email address, as both platforms try the login first.
    /// </summary>
    /// <param name="candidates">Accounts the database matched on either column.</param>
    /// <param name="kind">"WordPress user", "Magento admin user".</param>
    /// <exception cref="ShopContainmentException">None or several match (permanent).</exception>
    public static Account Pick(IReadOnlyList<(long Id, string Login, string? Email)> candidates, string who, string kind)
    {
        var byLogin = candidates.Where(c => string.Equals(c.Login, who, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = byLogin.Count > 0 ? byLogin : candidates.Where(c => string.Equals(c.Email, who, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => new Account(matches[0].Id, matches[0].Login),
            0 => throw new ShopContainmentException($"No {kind} has the login or email address '{who}'.", transient: false),
            _ => throw new ShopContainmentException(
                $"'{who}' matches {matches.Count} {kind}s ({string.Join(", ", matches.Select(m => $"#{m.Id}"))}); give the login instead.", transient: false),
        };
    }
}
