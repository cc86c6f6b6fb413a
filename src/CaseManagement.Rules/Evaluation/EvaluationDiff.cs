namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// What changed between two evaluations of the same incident: after facts were corrected, time passed, or the
/// catalogue version changed. Feeds the deadline history ("due X, then Y after the awareness time was corrected").
/// </summary>
/// <param name="Changes">Only rules whose applicability, due instant or status changed, or that one catalogue lacks; in the order of the later evaluation, then rules it no longer has.</param>
public sealed record EvaluationDiff(
    string BeforeVersion,
    DateTimeOffset BeforeAt,
    string AfterVersion,
    DateTimeOffset AfterAt,
    IReadOnlyList<ObligationChange> Changes)
{
    public static EvaluationDiff Between(Evaluation before, Evaluation after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var earlier = before.Obligations.ToDictionary(o => o.RuleId, StringComparer.Ordinal);
        var later = after.Obligations.Select(o => o.RuleId).ToHashSet(StringComparer.Ordinal);

        var changes = after.Obligations
            .Select(now => ObligationChange.Of(earlier.GetValueOrDefault(now.RuleId), now, before.CatalogueVersion))
            .Concat(before.Obligations.Where(o => !later.Contains(o.RuleId)).Select(gone => ObligationChange.Of(gone, null, after.CatalogueVersion)))
            .OfType<ObligationChange>()
            .ToList();
        return new EvaluationDiff(before.CatalogueVersion, before.EvaluatedAt, after.CatalogueVersion, after.EvaluatedAt, changes);
    }

    public ObligationChange? For(string ruleId) => Changes.FirstOrDefault(c => c.RuleId == ruleId);

    /// <summary>Duties that now apply or may apply (undetermined) and did not before, or that only the later catalogue has.</summary>
    public IReadOnlyList<ObligationChange> Added => [.. Changes.Where(c => !Relevant(c.Before) && Relevant(c.After))];

    /// <summary>Duties that applied or may have applied and no longer do, or that only the earlier catalogue had.</summary>
    public IReadOnlyList<ObligationChange> Removed => [.. Changes.Where(c => Relevant(c.Before) && !Relevant(c.After))];

    /// <summary>Duties in play both times whose applicability changed between "applies" and "undetermined".</summary>
    public IReadOnlyList<ObligationChange> Redecided => [.. Changes.Where(c => Relevant(c.Before) && Relevant(c.After) && c.ApplicabilityChanged)];

    /// <summary>Duties in play both times whose due instant moved (or gained or lost one).</summary>
    public IReadOnlyList<ObligationChange> Moved => [.. Changes.Where(c => Relevant(c.Before) && Relevant(c.After) && c.DueAtChanged)];

    private static bool Relevant(ObligationAssessment? o) => o is not null && o.Applicability != Applicability.NotApplicable;
}

/// <summary>One rule's change; <see cref="Before"/> or <see cref="After"/> is null when only one catalogue version has the rule.</summary>
/// <param name="Summary">The change in words: "due 2026-03-05T09:00:00Z, now 2026-03-04T21:00:00Z (12 h earlier)".</param>
public sealed record ObligationChange(string RuleId, string Jurisdiction, ObligationAssessment? Before, ObligationAssessment? After, string Summary)
{
    public bool ApplicabilityChanged => Before?.Applicability != After?.Applicability;

    public bool DueAtChanged => Before?.DueAt != After?.DueAt;

    public bool StatusChanged => Before?.Status != After?.Status;

    internal static ObligationChange? Of(ObligationAssessment? before, ObligationAssessment? after, string otherVersion)
    {
        var either = after ?? before!;
        if (before is null)
            return new ObligationChange(either.RuleId, either.Jurisdiction, null, after, $"new rule, not in catalogue {otherVersion}");
        if (after is null)
            return new ObligationChange(either.RuleId, either.Jurisdiction, before, null, $"rule dropped, not in catalogue {otherVersion}");

        var parts = new List<string>();
        if (before.Applicability != after.Applicability)
            parts.Add($"{before.Applicability} → {after.Applicability} ({after.Reason})");
        if (before.DueAt != after.DueAt)
            parts.Add(DueChange(before.DueAt, after.DueAt));
        if (before.Status != after.Status)
            parts.Add($"status {before.Status} → {after.Status}");
        return parts.Count == 0 ? null : new ObligationChange(either.RuleId, either.Jurisdiction, before, after, string.Join("; ", parts));
    }

    private static string DueChange(DateTimeOffset? before, DateTimeOffset? after) => (before, after) switch
    {
        ({ } was, { } now) => $"due {Text.Instant(was)}, now {Text.Instant(now)} ({Text.Duration((now - was).Duration())} {(now < was ? "earlier" : "later")})",
        ({ } was, null) => $"due {Text.Instant(was)}, now no fixed instant",
        (null, { } now) => $"no fixed instant, now due {Text.Instant(now)}",
        _ => "",
    };
}
