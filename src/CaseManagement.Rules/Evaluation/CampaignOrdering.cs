using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;

namespace CaseManagement.Rules.Evaluation;

public enum ClearanceKind
{
    /// <summary>A compliance lead decided the duty need not come first, with a justification.</summary>
    Waived,
    /// <summary>Someone other than the campaign's drafter confirmed the duty is handled (e.g. sent together with the campaign).</summary>
    Acknowledged,
}

/// <summary>
/// A recorded decision that lets a campaign start although an ordering duty is not met. The service records it as an
/// event on the incident; this is its shape as the check reads it.
/// </summary>
public sealed record OrderingClearance(string RuleId, ClearanceKind Kind, string By, string Justification, DateTimeOffset At);

public enum OrderingState
{
    /// <summary>Every recipient it needs was told.</summary>
    Met,
    Waived,
    Acknowledged,
    /// <summary>Not met and not cleared: the campaign must wait for it.</summary>
    Open,
}

/// <summary>A duty that must come before, by, or together with a campaign's notice to individuals.</summary>
/// <param name="Residences">The campaign's residences that bring the duty into play.</param>
/// <param name="InternalTarget">Our own goal for it while the notice to individuals has no instant (see <see cref="ObligationAssessment.InternalTarget"/>).</param>
public sealed record PrecedingDuty(
    string RuleId,
    string Jurisdiction,
    EventRelation Relation,
    string Wording,
    string? Note,
    string Citation,
    Applicability Applicability,
    IReadOnlyList<Recipient> Owed,
    OrderingState State,
    string Reason,
    DateTimeOffset? InternalTarget,
    IReadOnlyList<string> Residences);

/// <summary>Which ordering duties a campaign reaches, and whether it may start.</summary>
public sealed record CampaignOrderingCheck(IReadOnlyList<PrecedingDuty> Duties)
{
    /// <summary>The duties that still hold the campaign back: not met, waived or acknowledged.</summary>
    public IReadOnlyList<PrecedingDuty> Blocking => [.. Duties.Where(d => d.State == OrderingState.Open)];

    public bool MayStart => Blocking.Count == 0;
}

/// <summary>
/// Ordering duties ("notify the Attorney General before consumers") as a gate on a campaign: a duty whose rule applies
/// or may apply (undetermined), whose jurisdiction the campaign reaches, must be met, waived with a justification, or
/// acknowledged by someone other than the campaign's drafter before the campaign starts. "Together with" duties are
/// listed too: acknowledging them is how a lead says they go out with the campaign.
/// </summary>
public static class CampaignOrdering
{
    /// <param name="evaluation">The incident's evaluation against <paramref name="catalogue"/>, as of now.</param>
    /// <param name="residences">The residence codes the campaign reaches; null for people whose residence is unknown (they may live anywhere).</param>
    /// <param name="drafter">Who drafted the campaign: their own acknowledgement does not count.</param>
    /// <exception cref="ArgumentException">The evaluation was made against another catalogue version.</exception>
    public static CampaignOrderingCheck Check(Evaluation evaluation, ObligationCatalogue catalogue, IEnumerable<string?> residences,
        IEnumerable<OrderingClearance> clearances, string? drafter)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (evaluation.CatalogueVersion != catalogue.Version)
            throw new ArgumentException($"the evaluation is against catalogue {evaluation.CatalogueVersion}, not {catalogue.Version}", nameof(evaluation));
        var reached = residences.Distinct().ToList();
        var latest = clearances
            .GroupBy(c => c.RuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!, StringComparer.Ordinal);

        var duties = new List<PrecedingDuty>();
        foreach (var rule in catalogue.Rules.Where(r => r.Ordering is not null))
        {
            var assessment = evaluation.For(rule.Id);
            var concerned = reached.Where(r => ResidentScope.Concerns(rule.Jurisdiction, r)).Select(r => r ?? "residence unknown").ToList();
            if (assessment.Applicability == Applicability.NotApplicable || concerned.Count == 0)
                continue;
            var (state, why) = StateOf(assessment, latest.GetValueOrDefault(rule.Id), drafter);
            var ordering = rule.Ordering!;
            var applies = assessment.Applicability == Applicability.Applies ? "it applies" : "it may apply: " + assessment.Reason;
            duties.Add(new PrecedingDuty(rule.Id, rule.Jurisdiction, ordering.Relation, ordering.Wording, ordering.Note, rule.Citation,
                assessment.Applicability, assessment.Owed, state, $"{ordering.Wording} ({rule.Citation}); {applies}; {why}", assessment.InternalTarget,
                concerned));
        }
        return new CampaignOrderingCheck(duties);
    }

    private static (OrderingState, string) StateOf(ObligationAssessment assessment, OrderingClearance? clearance, string? drafter)
    {
        if (assessment.SatisfiedAt is { } met)
            return (OrderingState.Met, $"met at {Text.Instant(met)}");
        var owed = $"still owed to {string.Join(assessment.RecipientsNeeded == RecipientsNeeded.AnyOne ? " or " : " and ", assessment.Owed.Select(Text.RecipientName))}";
        return clearance switch
        {
            { Kind: ClearanceKind.Waived, Justification: var reason } when !string.IsNullOrWhiteSpace(reason) =>
                (OrderingState.Waived, $"{owed}, waived by {clearance.By} at {Text.Instant(clearance.At)}: {reason.Trim()}"),
            { Kind: ClearanceKind.Acknowledged } when drafter is not null && string.Equals(clearance.By, drafter, StringComparison.OrdinalIgnoreCase) =>
                (OrderingState.Open, $"{owed}; acknowledged only by {clearance.By}, who drafted the campaign: a second person must acknowledge it"),
            { Kind: ClearanceKind.Acknowledged, Justification: var note } =>
                (OrderingState.Acknowledged, $"{owed}, acknowledged by {clearance.By} at {Text.Instant(clearance.At)}: {note.Trim()}"),
            _ => (OrderingState.Open, $"{owed}: meet it, waive it with a justification, or have a second person acknowledge it before the campaign starts"),
        };
    }
}

/// <summary>Which residents a rule's jurisdiction code concerns, for callers outside the evaluator (campaign audiences, content checks).</summary>
public static class RuleJurisdictions
{
    /// <inheritdoc cref="ResidentScope.Concerns"/>
    public static bool Concerns(string ruleJurisdiction, string? residence)
    {
        ArgumentNullException.ThrowIfNull(ruleJurisdiction);
        return ResidentScope.Concerns(ruleJurisdiction, residence);
    }
}
