using System.Globalization;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>The checks behind <see cref="IncidentFacts.Problems"/>.</summary>
internal static class FactProblems
{
    // Writers commonly reach for these instead of the ISO code.
    private static readonly Dictionary<string, string> CommonMistakes = new(StringComparer.Ordinal)
    {
        ["UK"] = "GB",
        ["EL"] = "GR",
    };

    public static IReadOnlyList<string> Of(IncidentFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var latestAllowed = now + IncidentFacts.ClockSkew;
        var problems = new List<string>();

        foreach (var (clock, at) in facts.Clocks.OrderBy(c => c.Key))
        {
            if (!Enum.IsDefined(clock))
                problems.Add($"Clocks: {(int)clock} is not a known clock event");
            else if (IncidentClocks.DerivedFrom(clock) is { } source)
                problems.Add($"Clocks: {clock} is not recorded as a fact; it is {source}");
            else if (clock == ClockStart.None)
                problems.Add("Clocks: None starts no clock and cannot be recorded");
            if (at > latestAllowed)
                problems.Add($"Clocks: {clock} at {Text.Instant(at)} is in the future (now is {Text.Instant(now)})");
        }

        foreach (var (code, count) in facts.AffectedByJurisdiction.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!ResidenceCodes.Known.Contains(code))
                problems.Add($"AffectedByJurisdiction: unknown residence code '{code}'{Hint(code)}");
            if (count < 0)
                problems.Add($"AffectedByJurisdiction: '{code}' has a negative count ({count.ToString(CultureInfo.InvariantCulture)})");
        }

        foreach (var category in facts.DataCategories.Where(c => !DataCategory.Known.Contains(c)).Order(StringComparer.Ordinal))
            problems.Add($"DataCategories: unknown category '{category}' (known: {string.Join(", ", DataCategory.Known.Order(StringComparer.Ordinal))})");
        foreach (var flag in facts.SectorFlags.Where(f => !SectorFlag.Known.Contains(f)).Order(StringComparer.Ordinal))
            problems.Add($"SectorFlags: unknown flag '{flag}' (known: {string.Join(", ", SectorFlag.Known.Order(StringComparer.Ordinal))})");

        if (!Enum.IsDefined(facts.Encryption))
            problems.Add($"Encryption: {(int)facts.Encryption} is not a known encryption status");

        if (facts.Risk.RiskToIndividuals == false && facts.Risk.HighRisk == true)
            problems.Add("Risk: HighRisk is yes but RiskToIndividuals is no");
        if (facts.Risk.RiskToIndividuals == false && facts.Risk.SignificantHarm == true)
            problems.Add("Risk: SignificantHarm is yes but RiskToIndividuals is no");

        if (facts.Delay is { } delay)
        {
            if (delay.RequestedAt > latestAllowed)
                problems.Add($"Delay: RequestedAt {Text.Instant(delay.RequestedAt)} is in the future (now is {Text.Instant(now)})");
            if (delay.LiftedAt is { } lifted && lifted > latestAllowed)
                problems.Add($"Delay: LiftedAt {Text.Instant(lifted)} is in the future (now is {Text.Instant(now)})");
            if (delay.LiftedAt < delay.RequestedAt)
                problems.Add($"Delay: LiftedAt {Text.Instant(delay.LiftedAt.Value)} is before RequestedAt {Text.Instant(delay.RequestedAt)}");
        }

        foreach (var (ruleId, at) in facts.Satisfied.OrderBy(s => s.Key, StringComparer.Ordinal).Where(s => s.Value > latestAllowed))
            problems.Add($"Satisfied: '{ruleId}' at {Text.Instant(at)} is in the future (now is {Text.Instant(now)})");

        foreach (var notice in facts.Notices.Where(n => n.At > latestAllowed).OrderBy(n => n.RuleId, StringComparer.Ordinal))
            problems.Add($"Notices: '{notice.RuleId}' told {CatalogueWords.Of(notice.Recipient)} at {Text.Instant(notice.At)}, in the future (now is {Text.Instant(now)})");
        foreach (var notice in facts.Notices.Where(n => !Enum.IsDefined(n.Recipient) || !Enum.IsDefined(n.Act)))
            problems.Add($"Notices: '{notice.RuleId}' names recipient {(int)notice.Recipient} by act {(int)notice.Act}; one of them is not known");

        return problems;
    }

    /// <summary>
    /// What only a catalogue version can tell is wrong: acts naming a rule it lacks or a recipient the rule does not
    /// name, and sector flags it retired because their meaning split.
    /// </summary>
    public static IEnumerable<string> Against(IncidentFacts facts, ObligationCatalogue catalogue)
    {
        var rules = catalogue.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var notice in facts.Notices.OrderBy(n => n.RuleId, StringComparer.Ordinal))
        {
            if (!rules.TryGetValue(notice.RuleId, out var rule))
                yield return $"Notices: catalogue {catalogue.Version} has no rule '{notice.RuleId}'";
            else if (!rule.Recipients.Contains(notice.Recipient))
                yield return $"Notices: '{notice.RuleId}' does not name {CatalogueWords.Of(notice.Recipient)} as a recipient (it names {string.Join(", ", rule.Recipients.Select(CatalogueWords.Of))}), so that act tells nobody it owes";
        }
        foreach (var split in catalogue.FlagSplits.Where(s => facts.SectorFlags.Contains(s.Retired)))
            yield return $"SectorFlags: '{split.Retired}' is not used by catalogue {catalogue.Version}; its meaning split into {string.Join(", ", split.Into)}: record which apply ({split.Note})";
    }

    private static string Hint(string code)
    {
        if (CommonMistakes.TryGetValue(code, out var iso))
            return $" (ISO 3166-1 writes it '{iso}')";
        var upper = code.ToUpperInvariant();
        if (upper != code && ResidenceCodes.Known.Contains(upper))
            return $" (codes are upper case: '{upper}')";
        return " (use an ISO 3166-1 alpha-2 country, or a US, Canadian or Australian subdivision such as 'US-CA', 'CA-QC', 'AU-NSW')";
    }
}
