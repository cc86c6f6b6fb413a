using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>A rule both versions have whose wording of who must be told, what sets it off, or its order against the notice to individuals changed.</summary>
/// <param name="Changes">Each change in words: "trigger covered-entity, health-information → hipaa-covered-entity, health-information".</param>
public sealed record RuleRevision(string RuleId, IReadOnlyList<string> Changes);

/// <summary>A sector flag the incident records that the new version retired: it must be recorded again as the flags it split into.</summary>
/// <param name="ReadBy">The rules of the new version that read the replacing flags.</param>
public sealed record FlagToRecordAgain(string Flag, IReadOnlyList<string> Into, string Note, IReadOnlyList<string> ReadBy);

/// <summary>What moving one incident to another catalogue version changes, for the lead to read before deciding.</summary>
/// <param name="Difference">Its duties against both versions as of the same instant: <see cref="EvaluationDiff.Added"/>,
/// <see cref="EvaluationDiff.Removed"/>, <see cref="EvaluationDiff.Redecided"/>, <see cref="EvaluationDiff.Moved"/>.</param>
public sealed record CatalogueMoveReport(
    string FromVersion,
    string ToVersion,
    EvaluationDiff Difference,
    IReadOnlyList<RuleRevision> Revised,
    IReadOnlyList<FlagToRecordAgain> FlagsToRecordAgain);

public static class CatalogueMove
{
    /// <summary>Describes moving an incident with <paramref name="facts"/> from <paramref name="from"/> to <paramref name="to"/> as of <paramref name="now"/>. Records nothing.</summary>
    public static CatalogueMoveReport Describe(IncidentFacts facts, ObligationCatalogue from, ObligationCatalogue to, EvaluationOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var difference = EvaluationDiff.Between(
            ObligationEvaluator.Evaluate(facts, from, options, now), ObligationEvaluator.Evaluate(facts, to, options, now));
        var earlier = from.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var revised = to.Rules
            .Where(r => earlier.ContainsKey(r.Id))
            .Select(r => new RuleRevision(r.Id, Revisions(earlier[r.Id], r)))
            .Where(r => r.Changes.Count > 0)
            .ToList();
        var flags = to.FlagSplits
            .Where(split => facts.SectorFlags.Contains(split.Retired))
            .Select(split => new FlagToRecordAgain(split.Retired, split.Into, split.Note,
                [.. to.Rules.Where(r => r.Trigger.Conditions.Intersect(split.Into).Any()).Select(r => r.Id)]))
            .ToList();
        return new CatalogueMoveReport(from.Version, to.Version, difference, revised, flags);
    }

    private static List<string> Revisions(ObligationRule before, ObligationRule after)
    {
        var changes = new List<string>();
        if (!before.Trigger.Conditions.SequenceEqual(after.Trigger.Conditions))
            changes.Add($"trigger {string.Join(", ", before.Trigger.Conditions)} → {string.Join(", ", after.Trigger.Conditions)}");
        if (!before.Recipients.SequenceEqual(after.Recipients) || before.RecipientsNeeded != after.RecipientsNeeded)
            changes.Add($"recipients {Recipients(before)} → {Recipients(after)}");
        if (before.Ordering != after.Ordering)
            changes.Add($"order against the notice to individuals: {Order(before.Ordering)} → {Order(after.Ordering)}");
        return changes;
    }

    private static string Recipients(ObligationRule rule) =>
        string.Join(rule.RecipientsNeeded == RecipientsNeeded.AnyOne ? " or " : " and ", rule.Recipients.Select(CatalogueWords.Of));

    private static string Order(NoticeOrdering? ordering) => ordering is null ? "none" : CatalogueWords.Of(ordering.Relation);
}
