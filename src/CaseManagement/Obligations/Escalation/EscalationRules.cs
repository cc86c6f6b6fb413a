using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using ObligationEvaluation = CaseManagement.Rules.Evaluation.Evaluation;

namespace CaseManagement.Obligations.Escalation;

/// <summary>The instant an unmet obligation counts down to, and whether it is the law's deadline or our own target.</summary>
public sealed record EscalationTarget(string RuleId, DateTimeOffset DueAt, EscalationBasis Basis);

/// <summary>One escalation to deliver at <paramref name="FireAt"/> (now, when its moment has already come).</summary>
public sealed record PlannedEscalation(EscalationKey Key, DateTimeOffset FireAt);

public abstract record EscalationOutcome
{
    public sealed record Raise(object Event) : EscalationOutcome;

    /// <summary>Delivered before its time (another node's clock); try again then.</summary>
    public sealed record Defer(DateTimeOffset Until) : EscalationOutcome;

    public sealed record Skip(string Why) : EscalationOutcome;
}

/// <summary>
/// Pure escalation decisions. Planning runs after facts change and schedules only for targets that are new
/// or moved; delivery re-checks everything against the incident as it is then, so a message scheduled for
/// a deadline that has since moved, been met, or been suspended does nothing.
/// </summary>
public static class EscalationRules
{
    /// <summary>
    /// What an open duty counts down to: its deadline, else our internal target. None for a duty met, not applicable, held by
    /// a law-enforcement delay, or without any instant (<see cref="ObligationEscalation.NatureOf"/>).
    /// </summary>
    public static EscalationTarget? TargetOf(ObligationAssessment o)
    {
        if (ObligationEscalation.NatureOf(o) == EscalationNature.None)
        {
            return null;
        }

        return o.DueAt is { } due ? new EscalationTarget(o.RuleId, due, EscalationBasis.Deadline)
            : o.InternalTarget is { } target ? new EscalationTarget(o.RuleId, target, EscalationBasis.InternalTarget)
            : null;
    }

    /// <summary>Every open target of an evaluation: what the planner remembers having scheduled.</summary>
    public static IReadOnlyList<EscalationTarget> TargetsOf(ObligationEvaluation evaluation) =>
        [.. evaluation.Obligations.Select(TargetOf).OfType<EscalationTarget>()];

    /// <summary>
    /// Targets to schedule after a change: those that were not scheduled before, or moved. After a pause ends (a
    /// law-enforcement delay lifted, the incident reopened) every open target, because escalations that
    /// fell due during the pause were skipped.
    /// </summary>
    public static IReadOnlyList<EscalationTarget> ToSchedule(IReadOnlyCollection<EscalationTarget> scheduled, ObligationEvaluation after, bool pauseEnded)
    {
        var previous = scheduled.ToDictionary(t => t.RuleId, StringComparer.Ordinal);
        return
        [
            .. TargetsOf(after).Where(t => pauseEnded || !previous.TryGetValue(t.RuleId, out var old) || old != t),
        ];
    }

    /// <summary>
    /// When to raise each escalation of one target. Moments already past collapse into one escalation now:
    /// the most urgent that still holds ("missed" once due, otherwise the shortest lead already reached),
    /// so a deadline recorded 2 h away raises "4 h before" now, not a stale "24 h before" as well.
    /// </summary>
    public static IReadOnlyList<PlannedEscalation> Plan(EscalationTarget target, IReadOnlyList<int> leadHours, DateTimeOffset now)
    {
        var missed = new PlannedEscalation(new EscalationKey(target.RuleId, target.DueAt, EscalationKind.Missed, 0), target.DueAt);
        if (now >= target.DueAt)
        {
            return [missed with { FireAt = now }];
        }

        var approaching = leadHours.OrderDescending()
            .Select(h => new PlannedEscalation(new EscalationKey(target.RuleId, target.DueAt, EscalationKind.Approaching, h), target.DueAt.AddHours(-h)))
            .ToList();
        var reached = approaching.Where(p => p.FireAt <= now).ToList();
        var plan = approaching.Where(p => p.FireAt > now).ToList();
        if (reached.Count > 0)
        {
            plan.Insert(0, reached[^1] with { FireAt = now });
        }

        plan.Add(missed);
        return plan;
    }

    /// <summary>Whether a delivered escalation still holds for the incident and obligation as they are now.</summary>
    /// <param name="raised">The escalations already raised for the incident.</param>
    public static EscalationOutcome Decide(Guid incidentId, IncidentStatus status, IReadOnlyCollection<EscalationKey> raised, ObligationAssessment? current, EscalationKey key,
        string catalogueVersion, DateTimeOffset now)
    {
        if (status is IncidentStatus.Closed or IncidentStatus.FalsePositive)
        {
            return new EscalationOutcome.Skip($"the incident is {status}");
        }

        if (current is null)
        {
            return new EscalationOutcome.Skip($"rule {key.RuleId} is not in catalogue {catalogueVersion}");
        }

        if (TargetOf(current) is not { } target)
        {
            return new EscalationOutcome.Skip($"rule {key.RuleId} is {ApiJson.WireName(current.Status)} ({ApiJson.WireName(current.Applicability)}); nothing to escalate");
        }

        if (target.DueAt != key.DueAt)
        {
            return new EscalationOutcome.Skip($"the deadline moved from {key.DueAt:O} to {target.DueAt:O}; the new one has its own escalations");
        }

        // A duty that only may apply asks for its facts at the planned moments, under a key of its own: once the facts show it
        // applies, the deadline's own escalations still come.
        var factsMissing = ObligationEscalation.NatureOf(current) == EscalationNature.FactsMissing;
        var raising = factsMissing ? key with { Kind = EscalationKind.FactsMissing } : key;
        if (raised.Contains(raising))
        {
            return new EscalationOutcome.Skip("already raised");
        }

        if (key.Kind == EscalationKind.Approaching && now >= key.DueAt)
        {
            return new EscalationOutcome.Skip("the deadline has passed; the missed escalation covers it");
        }

        if (key.Kind == EscalationKind.Missed && now < key.DueAt)
        {
            return new EscalationOutcome.Defer(key.DueAt);
        }

        var recipient = string.Join(", ", current.Recipients.Select(CatalogueWords.Of));
        return new EscalationOutcome.Raise(factsMissing
            ? new ObligationFactsMissing(incidentId, key.RuleId, current.Jurisdiction, recipient, current.Citation, current.MissingFacts, key.DueAt, target.Basis,
                key.LeadHours, catalogueVersion)
            : key.Kind == EscalationKind.Missed
                ? new DeadlineMissed(incidentId, key.RuleId, current.Jurisdiction, recipient, current.Citation, key.DueAt, target.Basis, catalogueVersion)
                : new DeadlineApproaching(incidentId, key.RuleId, current.Jurisdiction, recipient, current.Citation, key.DueAt, target.Basis, key.LeadHours,
                    catalogueVersion));
    }
}
