using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// Turns what a shop recorded (a country code and a state code or name) into the jurisdiction code the
/// obligations engine counts people under. Candidates are tried in priority order (the latest order's
/// billing address first; shipping last, as it may be a gift recipient) and the first with a usable
/// country wins. A state that cannot be read keeps the country ("US"), so state rules stay undetermined
/// rather than silently not applying.
/// </summary>
public static class ResidenceRules
{
    public readonly record struct Candidate(string Source, string? Country, string? Region);

    public static Residence Resolve(params ReadOnlySpan<Candidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Jurisdiction(candidate.Country, candidate.Region) is { } code)
            {
                return new Residence(code, candidate.Source);
            }
        }

        return new Residence(null, "none");
    }

    public static string? Jurisdiction(string? country, string? region)
    {
        var c = country?.Trim().ToUpperInvariant();
        if (c is not { Length: 2 } || !ResidenceCodes.Known.Contains(c))
        {
            return null;
        }

        if (c is not ("US" or "CA" or "AU") || string.IsNullOrWhiteSpace(region))
        {
            return c;
        }

        var r = region.Trim().ToUpperInvariant();
        if (r.StartsWith(c + "-", StringComparison.Ordinal))
        {
            r = r[3..];
        }

        if (ResidenceCodes.Known.Contains($"{c}-{r}"))
        {
            return $"{c}-{r}";
        }

        return SubdivisionNames.TryGetValue($"{c}:{Fold(region)}", out var code) ? $"{c}-{code}" : c;
    }

    // Where the platform has no state list, or a plugin stores the name: match on the folded name.
    private static string Fold(string name)
    {
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && char.IsLetter(ch))
            {
                folded.Append(char.ToLowerInvariant(ch));
            }
        }

        return folded.ToString();
    }

    private static readonly FrozenDictionary<string, string> SubdivisionNames = Names().ToFrozenDictionary(StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, string>> Names()
    {
        const string us = """
            AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|DC District of Columbia|
            FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|
            MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|
            NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|
            PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|
            WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming|AS American Samoa|GU Guam|MP Northern Mariana Islands|PR Puerto Rico|
            VI U.S. Virgin Islands|VI Virgin Islands|DC Washington DC
            """;
        const string ca = """
            AB Alberta|BC British Columbia|BC Colombie-Britannique|MB Manitoba|NB New Brunswick|NB Nouveau-Brunswick|
            NL Newfoundland and Labrador|NL Terre-Neuve-et-Labrador|NS Nova Scotia|NS Nouvelle-Écosse|NT Northwest Territories|
            NT Territoires du Nord-Ouest|NU Nunavut|ON Ontario|PE Prince Edward Island|PE Île-du-Prince-Édouard|QC Quebec|QC Québec|
            SK Saskatchewan|YT Yukon
            """;
        const string au = """
            ACT Australian Capital Territory|NSW New South Wales|NT Northern Territory|QLD Queensland|SA South Australia|
            TAS Tasmania|VIC Victoria|WA Western Australia
            """;
        foreach (var (country, list) in new[] { ("US", us), ("CA", ca), ("AU", au) })
        {
            foreach (var entry in list.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var space = entry.IndexOf(' ');
                yield return new($"{country}:{Fold(entry[(space + 1)..])}", entry[..space]);
            }
        }
    }
}
