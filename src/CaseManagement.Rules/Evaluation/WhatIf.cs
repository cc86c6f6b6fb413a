using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// Hypothetical changes to an incident's facts. Only what is given changes: a count for one residence leaves the
/// other residences as recorded, and so does an instant for one clock. Data categories and sector flags are recorded
/// as whole sets (as their events record them), so a given set replaces the recorded one; risk answers change one by one.
/// </summary>
public sealed record FactChanges
{
    public IReadOnlyDictionary<string, long>? AffectedCounts { get; init; }

    public IReadOnlyDictionary<ClockStart, DateTimeOffset>? Clocks { get; init; }

    public IReadOnlySet<string>? DataCategories { get; init; }

    public EncryptionStatus? Encryption { get; init; }

    public IReadOnlySet<string>? SectorFlags { get; init; }

    public bool? RiskToIndividuals { get; init; }

    public bool? HighRisk { get; init; }

    public bool? SignificantHarm { get; init; }
}

/// <param name="Current">The incident as recorded, against its own catalogue version.</param>
/// <param name="Hypothesis">The changed facts, against the catalogue version asked for (else the incident's own).</param>
/// <param name="Difference">Added and removed duties and moved due instants (<see cref="EvaluationDiff.Added"/>, <see cref="EvaluationDiff.Removed"/>, <see cref="EvaluationDiff.Moved"/>).</param>
public sealed record WhatIfResult(Evaluation Current, Evaluation Hypothesis, EvaluationDiff Difference);

/// <summary>"What if" questions about deadlines: pure, nothing is recorded.</summary>
public static class WhatIf
{
    /// <summary>The facts with <paramref name="changes"/> applied and everything else as recorded.</summary>
    public static IncidentFacts Apply(IncidentFacts facts, FactChanges changes)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(changes);
        return facts with
        {
            AffectedByJurisdiction = Merged(facts.AffectedByJurisdiction, changes.AffectedCounts),
            Clocks = Merged(facts.Clocks, changes.Clocks),
            DataCategories = changes.DataCategories ?? facts.DataCategories,
            Encryption = changes.Encryption ?? facts.Encryption,
            SectorFlags = changes.SectorFlags ?? facts.SectorFlags,
            Risk = facts.Risk with
            {
                RiskToIndividuals = changes.RiskToIndividuals ?? facts.Risk.RiskToIndividuals,
                HighRisk = changes.HighRisk ?? facts.Risk.HighRisk,
                SignificantHarm = changes.SignificantHarm ?? facts.Risk.SignificantHarm,
            },
        };
    }

    /// <param name="otherCatalogue">Another catalogue version to evaluate the hypothesis against; null keeps <paramref name="catalogue"/>.</param>
    public static WhatIfResult Evaluate(IncidentFacts facts, FactChanges changes, ObligationCatalogue catalogue, ObligationCatalogue? otherCatalogue,
        EvaluationOptions options, DateTimeOffset now)
    {
        var current = ObligationEvaluator.Evaluate(facts, catalogue, options, now);
        var hypothesis = ObligationEvaluator.Evaluate(Apply(facts, changes), otherCatalogue ?? catalogue, options, now);
        return new WhatIfResult(current, hypothesis, EvaluationDiff.Between(current, hypothesis));
    }

    private static Dictionary<TKey, TValue> Merged<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> recorded, IReadOnlyDictionary<TKey, TValue>? changed)
        where TKey : notnull
    {
        var merged = recorded.ToDictionary();
        foreach (var (key, value) in changed ?? new Dictionary<TKey, TValue>())
            merged[key] = value;
        return merged;
    }
}
