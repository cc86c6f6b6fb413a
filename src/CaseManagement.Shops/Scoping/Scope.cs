using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// What to look for: people who placed an order in [<paramref name="From"/>, <paramref name="To"/>) (a skimmer's
/// active window, an exposed export's range), and which kinds of their data the incident involves.
/// </summary>
public sealed record ScopeRequest(DateTimeOffset From, DateTimeOffset To, IReadOnlySet<string> DataCategories)
{
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (To <= From)
        {
            problems.Add("the window must end after it starts");
        }

        problems.AddRange(DataCategories.Where(c => !PersonalData.Categories.Contains(c)).Select(c => $"unknown data category '{c}'"));
        return problems;
    }
}

/// <summary>Where a person lives, per the residence rules, and which record it was taken from.</summary>
/// <param name="Jurisdiction">A code the obligations engine accepts ("US-CA", "DE", "US" when the state is unknown), or null when nothing usable was recorded.</param>
public sealed record Residence(string? Jurisdiction, string Source);

/// <summary>
/// One affected person, once, with the contact needed to notify them and the data of theirs the incident
/// involves. Registered customers are one person per account; guests one per lower-cased email (per website on Magento).
/// </summary>
public sealed record AffectedPerson(
    string Key,
    string Email,
    string? FirstName,
    string? LastName,
    string? Phone,
    ShopAddress? Address,
    Residence Residence,
    IReadOnlyList<string> DataCategories,
    int Orders,
    DateTimeOffset LastOrderAt);

public sealed record ScopeProgress(long RowsScanned, long PeopleFound);

/// <summary>A shop platform's scoping query: streams affected people, never holding the whole set in memory.</summary>
public interface IShopScoper
{
    IAsyncEnumerable<AffectedPerson> AffectedPeopleAsync(ScopeRequest request, IProgress<ScopeProgress>? progress, CancellationToken ct);
}

/// <summary>The shop's database is not what the adapter expects, or refused it; the message is safe to show and record.</summary>
public sealed class ShopScopingException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Worth retrying as is: the server was unreachable, busy or too slow, rather than wrong.</summary>
    public bool Transient { get; } = inner is MySqlConnector.MySqlException ex && ShopConnections.IsTransient(ex);
}
