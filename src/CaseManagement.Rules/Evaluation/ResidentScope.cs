using System.Collections.Frozen;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>Whose residence brings a rule into play, and how many of them were affected.</summary>
internal abstract record Scope
{
    private Scope()
    {
    }

    /// <summary>The rule binds the organisation wherever the affected people live (sector and card-brand rules).</summary>
    public sealed record Anywhere : Scope;

    /// <summary>A jurisdiction code this engine has no residence mapping for, e.g. from a newer catalogue version.</summary>
    public sealed record Unmapped : Scope;

    /// <param name="Name">"US-CA", "the EU/EEA": read as "residents of {Name}".</param>
    /// <param name="Known">Affected people known to live there.</param>
    /// <param name="Unplaced">Affected people who may live there: residents of the country with no recorded state or province.</param>
    /// <param name="UnplacedWho">Who the unplaced people are, e.g. "US residents with no recorded state".</param>
    public sealed record Residents(string Name, long Known, long Unplaced, string UnplacedWho) : Scope
    {
        public long AtMost => Known + Unplaced;

        public string Affected =>
            (Known > 0 ? $"{Text.Count(Known)} residents of {Name} affected" : $"no residents of {Name} recorded as affected")
            + (Unplaced > 0 ? $", plus {Text.Count(Unplaced)} {UnplacedWho}" : "");
    }
}

/// <summary>
/// Maps a rule's jurisdiction code to the residents it counts. Conventions, chosen to over-include rather than
/// miss a duty:
/// <list type="bullet">
/// <item>"EU", "EU-DORA", "EU-NIS2": residents of the 30 EEA states. DORA and NIS2 also need their sector flag, which is a trigger condition of their rules.</item>
/// <item>A country ("GB", "CH", "BR", "AU", "SG", "JP", "IN", "KR", "CN", "CA"): residents of the country, its subdivisions included.</item>
/// <item>A subdivision ("US-TX", "CA-QC"): residents of it; residents of the country with no recorded subdivision might be among them.</item>
/// <item>"US-FTC-GLBA", "US-HIPAA": any US residents, counted nationwide (the FTC and HHS count in total).</item>
/// <item>"IN-CERTIN", "CN-CAC": residents of India or China stand in for "an incident affecting that country".</item>
/// <item>"US-SEC", "US-NY-DFS", "PCI-VISA", "PCI-MASTERCARD": no residence test; the listed-company, licensee
/// (covered-entity) or card-data trigger conditions decide.</item>
/// </list>
/// </summary>
internal static class ResidentScope
{
    private static readonly FrozenSet<string> Anywhere =
        new[] { "US-SEC", "US-NY-DFS", "PCI-VISA", "PCI-MASTERCARD" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> UsNationwide =
        new[] { "US-FTC-GLBA", "US-HIPAA" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> CountryAgencies =
        new Dictionary<string, string> { ["IN-CERTIN"] = "IN", ["CN-CAC"] = "CN" }.ToFrozenDictionary(StringComparer.Ordinal);

    // HIPAA's media notice counts residents of each state separately ("more than 500 residents of a State"),
    // while the rest of US-HIPAA counts in total; nothing in the rule's structure says so, only its description.
    private static readonly FrozenSet<string> CountedPerUsState =
        new[] { "us-hipaa-164.406-media" }.ToFrozenSet(StringComparer.Ordinal);

    public static Scope For(ObligationRule rule, IReadOnlyDictionary<string, long> affected)
    {
        var jurisdiction = rule.Jurisdiction.Trim().ToUpperInvariant();
        if (Anywhere.Contains(jurisdiction))
            return new Scope.Anywhere();
        if (CountedPerUsState.Contains(rule.Id))
            return MostAffectedUsState(affected);
        if (jurisdiction == "EU" || jurisdiction.StartsWith("EU-", StringComparison.Ordinal))
            return new Scope.Residents("the EU/EEA", Sum(affected, code => ResidenceCodes.EuropeanEconomicArea.Contains(ResidenceCodes.CountryOf(code))), 0, "");
        if (UsNationwide.Contains(jurisdiction))
            return Country("US", "the US", affected);
        if (CountryAgencies.TryGetValue(jurisdiction, out var agencyCountry))
            return Country(agencyCountry, agencyCountry, affected);
        if (!ResidenceCodes.Known.Contains(jurisdiction))
            return new Scope.Unmapped();
        var country = ResidenceCodes.CountryOf(jurisdiction);
        return country == jurisdiction
            ? Country(country, country, affected)
            : new Scope.Residents(jurisdiction, affected.GetValueOrDefault(jurisdiction), affected.GetValueOrDefault(country), UnplacedWho(country));
    }

    /// <summary>
    /// Whether people living in <paramref name="residence"/> bring a rule of <paramref name="ruleJurisdiction"/> into play,
    /// by the same conventions as <see cref="For"/>. A null residence (unknown) may be anywhere; people of a country with
    /// no recorded subdivision may live in any of its subdivisions.
    /// </summary>
    public static bool Concerns(string ruleJurisdiction, string? residence)
    {
        var jurisdiction = ruleJurisdiction.Trim().ToUpperInvariant();
        if (residence is null || Anywhere.Contains(jurisdiction))
            return true;
        var code = residence.Trim().ToUpperInvariant();
        var country = ResidenceCodes.CountryOf(code);
        if (jurisdiction == "EU" || jurisdiction.StartsWith("EU-", StringComparison.Ordinal))
            return ResidenceCodes.EuropeanEconomicArea.Contains(country);
        if (UsNationwide.Contains(jurisdiction))
            return country == "US";
        if (CountryAgencies.TryGetValue(jurisdiction, out var agencyCountry))
            return country == agencyCountry;
        var ruleCountry = ResidenceCodes.CountryOf(jurisdiction);
        return ruleCountry == jurisdiction ? country == jurisdiction : code == jurisdiction || code == ruleCountry;
    }

    private static Scope.Residents Country(string country, string name, IReadOnlyDictionary<string, long> affected) =>
        new(name, Sum(affected, code => ResidenceCodes.CountryOf(code) == country), 0, "");

    private static Scope.Residents MostAffectedUsState(IReadOnlyDictionary<string, long> affected)
    {
        var states = affected.Where(a => a.Key.StartsWith("US-", StringComparison.Ordinal)).ToList();
        var unplaced = affected.GetValueOrDefault("US");
        if (states.Count == 0)
            return new Scope.Residents("any single US state", 0, unplaced, UnplacedWho("US"));
        var (state, count) = states.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First();
        return new Scope.Residents($"{state} (the most affected state; counted per state)", count, unplaced, UnplacedWho("US"));
    }

    private static long Sum(IReadOnlyDictionary<string, long> affected, Func<string, bool> counts) =>
        affected.Where(a => counts(a.Key)).Sum(a => a.Value);

    private static string UnplacedWho(string country) => country switch
    {
        "US" => "US residents with no recorded state",
        "CA" => "Canadian residents with no recorded province",
        "AU" => "Australian residents with no recorded state",
        _ => $"residents of {country} with no recorded subdivision",
    };
}
