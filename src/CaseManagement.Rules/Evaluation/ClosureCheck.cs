using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// A compliance lead's recorded decision that a duty will not be met, with the reason (a disposition). The service records
/// it as an event on the incident; this is its shape as the check reads it.
/// </summary>
public sealed record ObligationWaiver(string RuleId, string Reason, string By, DateTimeOffset At);

public enum DutyStanding
{
    /// <summary>Every recipient it needs was told.</summary>
    Met,
    /// <summary>Not met, and a compliance lead waived it with a reason.</summary>
    Waived,
    /// <summary>Not met and not waived: the incident cannot be closed over it.</summary>
    Open,
}

/// <summary>One duty that applies or may apply, as closing the incident sees it.</summary>
/// <param name="Status">The evaluation's headline status (partly met, needs facts, overdue...).</param>
/// <param name="DeadlineStatus">Where what is still owed stands against its deadline; null once met.</param>
/// <param name="Reason">Why it stands where it does, in words a lead can act on.</param>
public sealed record DutyDisposition(
    string RuleId,
    string Jurisdiction,
    string Citation,
    DutyStanding Standing,
    ObligationStatus Status,
    ObligationStatus? DeadlineStatus,
    DateTimeOffset? DueAt,
    IReadOnlyList<Recipient> Owed,
    IReadOnlyList<MissingFact> MissingFacts,
    string Reason);

/// <param name="DispositionsRequired">False only for a false positive about which nobody has been told anything.</param>
/// <param name="Why">The rule that applied, in words.</param>
/// <param name="Duties">Every duty that applies or may apply, with where it stands; rules that do not apply are left out.</param>
public sealed record ClosureCheckResult(bool DispositionsRequired, string Why, IReadOnlyList<DutyDisposition> Duties)
{
    /// <summary>The duties that stop the incident from being closed (or marked a false positive).</summary>
    public IReadOnlyList<DutyDisposition> Open => DispositionsRequired ? [.. Duties.Where(d => d.Standing == DutyStanding.Open)] : [];

    public bool MayProceed => Open.Count == 0;
}

/// <summary>
/// Whether an incident may be closed, or found a false positive, given its duties: every duty that applies or may apply
/// (an undetermined one until its facts say otherwise) must be met or waived with a reason by a compliance lead, so a
/// closed incident never hides an owed notice. Rules that name no recipient (liability and penalty exposures) are not
/// duties anyone can meet and do not hold closure back. A false positive about which nobody has been told anything owes
/// nothing; once anyone was told, the finding must say what becomes of each open duty. Pure.
/// </summary>
public static class ClosureCheck
{
    /// <param name="evaluation">The incident's evaluation as of now.</param>
    /// <param name="waivers">Recorded waivers; the latest per rule counts, and one without a reason counts for nothing.</param>
    /// <param name="falsePositive">The incident is (or is being) found a false positive.</param>
    public static ClosureCheckResult Check(Evaluation evaluation, IEnumerable<ObligationWaiver> waivers, bool falsePositive = false)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(waivers);
        var latest = waivers
            .Where(w => !string.IsNullOrWhiteSpace(w.Reason))
            .GroupBy(w => w.RuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(w => w.At)!, StringComparer.Ordinal);
        var duties = evaluation.Obligations
            .Where(o => o.Applicability != Applicability.NotApplicable && o.Recipients.Count > 0)
            .Select(o => Dispose(o, latest.GetValueOrDefault(o.RuleId)))
            .ToList();

        var told = evaluation.Obligations.Where(AnyoneTold).Select(o => o.RuleId).ToList();
        var (required, why) = (falsePositive, told.Count) switch
        {
            (false, _) => (true, "closing requires every duty that applies or may apply to be met, not applicable, or waived with a reason by a compliance lead"),
            (true, 0) => (false, "the incident is a false positive and nobody has been told anything about it, so no duty is owed"),
            _ => (true, $"the incident is found a false positive after people were told ({Text.List(told)}), so each open duty must be met or waived with a reason"),
        };
        return new ClosureCheckResult(required, why, duties);
    }

    private static bool AnyoneTold(ObligationAssessment o) => o.Told.Count > 0 || o.SatisfiedAt is not null || o.UnattributedSatisfiedAt is not null;

    private static DutyDisposition Dispose(ObligationAssessment o, ObligationWaiver? waiver)
    {
        var (standing, reason) = (o.SatisfiedAt, waiver) switch
        {
            ({ } met, _) => (DutyStanding.Met, $"met at {Text.Instant(met)}"),
            (null, { } w) => (DutyStanding.Waived, $"{Owing(o)}; waived by {w.By} at {Text.Instant(w.At)}: {w.Reason.Trim()}"),
            _ => (DutyStanding.Open, $"{Owing(o)}: meet it{(o.MissingFacts.Count > 0 ? ", record the facts that show it does not apply," : "")} or waive it with a reason"),
        };
        return new DutyDisposition(o.RuleId, o.Jurisdiction, o.Citation, standing, o.Status, o.DeadlineStatus, o.DueAt, o.Owed, o.MissingFacts, reason);
    }

    // What is still owed and how urgent it is: "still owed to the attorney general, overdue since ..." or "may apply: needs ...".
    private static string Owing(ObligationAssessment o)
    {
        var parts = new List<string>();
        if (o.MissingFacts.Count > 0)
            parts.Add($"may apply: {string.Join("; ", o.MissingFacts.Select(f => f.Question))}");
        if (o.Owed.Count > 0)
            parts.Add($"still owed to {string.Join(o.RecipientsNeeded == RecipientsNeeded.AnyOne ? " or " : " and ", o.Owed.Select(Text.RecipientName))}");
        if (o.Told.Count > 0)
            parts.Add($"told so far: {string.Join(", ", o.Told.Select(t => $"{Text.RecipientName(t.Recipient)} at {Text.Instant(t.At)}"))}");
        if (o.UnattributedSatisfiedAt is { } unattributed)
            parts.Add($"recorded as met at {Text.Instant(unattributed)} without saying whom it told");
        parts.Add((o.DeadlineStatus ?? o.Status, o.DueAt) switch
        {
            (ObligationStatus.Overdue, { } due) => $"overdue since {Text.Instant(due)}",
            (ObligationStatus.Suspended, _) => "held by a law-enforcement delay",
            (ObligationStatus.NotApplicable, _) => "no deadline applies, but it is owed",
            (var status, { } due) => $"{CatalogueWords.Of(status)}, due {Text.Instant(due)}",
            (var status, null) => o.InternalTarget is { } target ? $"{CatalogueWords.Of(status)}, internal target {Text.Instant(target)}" : CatalogueWords.Of(status),
        });
        return string.Join("; ", parts);
    }
}
