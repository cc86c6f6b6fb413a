using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using static CaseManagement.Rules.Catalogue.TriggerConditions;

namespace CaseManagement.Rules.Evaluation;

/// <summary>Whether a rule applies, with the clauses that explain it.</summary>
/// <param name="Missing">For an undetermined rule, the facts that would settle it.</param>
internal sealed record Verdict(Applicability Outcome, string Reason, IReadOnlyList<MissingFact> Missing);

/// <summary>
/// Decides each rule's applicability from the facts, in three tests that must all pass: residence scope
/// (<see cref="ResidentScope"/>), the count threshold, and the trigger conditions (<see cref="TriggerFacts"/>).
/// A rule whose text took effect after the incident began is undetermined, never dropped. Ruling out wins
/// over an open question, and an open question over "applies".
/// </summary>
internal sealed class ApplicabilityAssessor(
    IncidentFacts facts, ObligationCatalogue catalogue, IncidentClocks clocks, Func<string, JurisdictionClock> clockOf, DateTimeOffset now)
{
    // The rule bundles two duties, each with its own trigger: credit-bureau notice once individuals are notified,
    // and credit monitoring when government or account identifiers are involved. Either one makes it apply.
    private static readonly HashSet<string> EitherConditionSuffices = new(StringComparer.Ordinal) { "us-pa-cra-and-monitoring" };

    private readonly Dictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Verdict> AssessAll()
    {
        // Notices to individuals first: rules triggered by "individual-notice-required" read their outcome.
        foreach (var rule in catalogue.Rules.OrderBy(r => r.Trigger.Conditions.Contains(IndividualNoticeRequired)))
            _verdicts[rule.Id] = Assess(rule);
        return _verdicts;
    }

    private Verdict Assess(ObligationRule rule)
    {
        var scope = ResidentScope.For(rule, facts.AffectedByJurisdiction);
        var findings = new List<Finding>();
        switch (scope)
        {
            case Scope.Unmapped:
                findings.Add(Finding.UndeterminedBy($"the engine does not know whose residence brings '{rule.Jurisdiction}' into play",
                    FactNeeded.CatalogueGap, rule.Jurisdiction));
                break;
            case Scope.Residents residents when facts.AffectedByJurisdiction.Count == 0:
                findings.Add(Finding.Undetermined($"no affected people recorded yet: record where they live (residents of {residents.Name} bring this rule into play)",
                    FactNeeded.AffectedResidence, rule.Jurisdiction));
                break;
            case Scope.Residents { AtMost: <= 0 } residents:
                return new Verdict(Applicability.NotApplicable, $"no residents of {residents.Name} affected", []);
            case Scope.Residents { Known: <= 0 } residents:
                findings.Add(Finding.Undetermined($"{residents.Affected}: record where they live", FactNeeded.AffectedResidence, rule.Jurisdiction));
                break;
        }

        var counted = facts.AffectedByJurisdiction.Count > 0 ? scope as Scope.Residents : null;
        if (rule.Threshold.Mode == ThresholdMode.Alternative)
            findings.AddRange(AlternativeTriggers(rule, counted));
        else
        {
            if (counted is not null)
                findings.Add(Threshold(rule, counted));
            var conditions = rule.Trigger.Conditions.Select(c => Condition(c, rule)).ToList();
            findings.AddRange(EitherConditionSuffices.Contains(rule.Id) ? [Finding.AnyOf(conditions)] : conditions);
        }

        if (NotYetInForce(rule) is { } tooEarly)
            findings.Add(tooEarly);

        var verdict = Finding.AllOf(findings);
        return new Verdict(verdict.Outcome, verdict.SeeDescription ? $"{verdict.Text}; {Text.Description(rule)}" : verdict.Text, verdict.Needs);
    }

    private static Finding Threshold(ObligationRule rule, Scope.Residents residents)
    {
        var (mode, min, max) = (rule.Threshold.Mode, rule.Threshold.MinAffected, rule.Threshold.MaxAffected);
        // "Any one resident" needs no threshold wording.
        if (mode == ThresholdMode.MinCount && min is { } least && least > 1)
        {
            if (residents.Known >= least)
                return Finding.Applies($"{residents.Affected} (threshold {Text.Count(least)} for {Text.Duty(rule)})");
            return residents.AtMost >= least
                ? Finding.Undetermined($"{residents.Affected}: whether the threshold of {Text.Count(least)} for {Text.Duty(rule)} is met depends on where they live",
                    FactNeeded.AffectedResidence, rule.Jurisdiction)
                : Finding.NotApplicable($"{residents.Affected} (below the threshold of {Text.Count(least)} for {Text.Duty(rule)})");
        }
        if (mode == ThresholdMode.MaxCount && max is { } most)
        {
            if (residents.AtMost <= most)
                return Finding.Applies($"{residents.Affected} (at most {Text.Count(most)} for {Text.Duty(rule)})");
            return residents.Known > most
                ? Finding.NotApplicable($"{residents.Affected} (above the maximum of {Text.Count(most)} for {Text.Duty(rule)})")
                : Finding.Undetermined($"{residents.Affected}: whether the maximum of {Text.Count(most)} for {Text.Duty(rule)} holds depends on where they live",
                    FactNeeded.AffectedResidence, rule.Jurisdiction);
        }
        return Finding.Applies(residents.Affected);
    }

    /// <summary>
    /// "Alternative" thresholds (Japan, Korea, Singapore): the count is one trigger among several. Prerequisite
    /// words must hold; then reaching the count, or any other trigger word holding, is enough. When none holds
    /// the rule stays undetermined, because the description lists triggers the words do not capture.
    /// </summary>
    private IEnumerable<Finding> AlternativeTriggers(ObligationRule rule, Scope.Residents? residents)
    {
        foreach (var prerequisite in rule.Trigger.Conditions.Where(TriggerFacts.Prerequisites.Contains))
            yield return Condition(prerequisite, rule);

        var least = rule.Threshold.MinAffected!.Value;
        Finding? count = residents is null ? null
            : residents.Known >= least ? Finding.Applies($"{residents.Affected} (at or above {Text.Count(least)}, notifiable on the count alone)")
            : residents.AtMost >= least ? Finding.Undetermined($"{residents.Affected}: whether the count of {Text.Count(least)} is reached depends on where they live",
                FactNeeded.AffectedResidence, rule.Jurisdiction)
            : Finding.NotApplicable($"{residents.Affected}, below the count of {Text.Count(least)} that alone makes it notifiable");
        var alternatives = rule.Trigger.Conditions.Where(c => !TriggerFacts.Prerequisites.Contains(c)).Select(c => Condition(c, rule)).ToList();
        if (count is { } counted)
            alternatives.Insert(0, counted);

        var any = Finding.AnyOf(alternatives);
        if (any.Outcome == Applicability.Applies)
        {
            yield return any;
            yield break;
        }
        // Say how far the count fell short even when the open questions are elsewhere.
        var shortfall = count is { Outcome: Applicability.NotApplicable } below ? below.Text : "";
        yield return new Finding(Applicability.Undetermined, string.Join("; ", new[] { shortfall, any.Text, "the other triggers decide" }.Where(t => t.Length > 0)),
            SeeDescription: true,
            Missing: [.. any.Needs, new MissingFact(FactNeeded.Finding, SeeDescription, "the rule's description lists triggers the recorded facts do not capture")]);
    }

    private Finding Condition(string condition, ObligationRule rule) =>
        condition == IndividualNoticeRequired ? IndividualNoticeFinding(rule) : TriggerFacts.Check(condition, facts, catalogue);

    // Agency, attorney-general and credit-bureau duties that follow the notice owed to individuals in the same jurisdiction.
    private Finding IndividualNoticeFinding(ObligationRule rule)
    {
        var notices = IncidentClocks.IndividualNoticesIn(catalogue, rule.Jurisdiction).ToList();
        if (notices.Count == 0)
            return Finding.UndeterminedBy(
                $"it follows a notice to individuals, and catalogue {catalogue.Version} has none for {rule.Jurisdiction}",
                FactNeeded.CatalogueGap, $"notice to individuals in {rule.Jurisdiction}");
        var outcomes = notices.Select(notice => (notice.Id, Verdict: _verdicts[notice.Id])).ToList();
        string Listed(Applicability outcome) => string.Join("; ", outcomes
            .Where(o => o.Verdict.Outcome == outcome)
            .Select(o => $"{o.Id}: {o.Verdict.Reason}"));

        if (outcomes.Any(o => o.Verdict.Outcome == Applicability.Applies))
            return Finding.Applies($"notice to individuals in {rule.Jurisdiction} is required ({string.Join(", ", outcomes.Where(o => o.Verdict.Outcome == Applicability.Applies).Select(o => o.Id))})");
        var open = outcomes.Where(o => o.Verdict.Outcome == Applicability.Undetermined).ToList();
        // The facts that settle the notice to individuals settle this duty too; name both, so nobody chases this rule alone.
        return open.Count > 0
            ? new Finding(Applicability.Undetermined, $"depends on whether individuals in {rule.Jurisdiction} must be notified ({Listed(Applicability.Undetermined)})",
                Missing:
                [
                    new MissingFact(FactNeeded.OtherObligation, string.Join(", ", open.Select(o => o.Id)), $"whether individuals in {rule.Jurisdiction} must be notified"),
                    .. open.SelectMany(o => o.Verdict.Missing).Distinct(),
                ])
            : Finding.NotApplicable($"no notice to individuals in {rule.Jurisdiction} is required ({Listed(Applicability.NotApplicable)})");
    }

    // The catalogue describes each rule as it reads from its effective date; for an incident that began earlier,
    // the law then in force (possibly none) is not in the catalogue, so the engine cannot say.
    private Finding? NotYetInForce(ObligationRule rule)
    {
        if (rule.EffectiveFrom is not { } from)
            return null;
        var began = clocks.EarliestFact();
        var reference = clockOf(rule.Jurisdiction).LocalDate(began ?? now);
        if (reference >= from)
            return null;
        return began is null
            ? Finding.Undetermined($"this rule applies from {Text.Date(from)}, after today ({Text.Date(reference)}); record the incident's times to decide",
                FactNeeded.IncidentStart, CatalogueWords.Of(ClockStart.Awareness))
            : Finding.Undetermined($"this rule applies from {Text.Date(from)} but the incident began on {Text.Date(reference)}; the law in force before then is not in this catalogue",
                FactNeeded.CatalogueGap, $"law in force before {Text.Date(from)}");
    }
}
