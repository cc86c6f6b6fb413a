using CaseManagement.Api;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using CaseManagement.Rules.Evaluation;
using JasperFx.Events;

namespace CaseManagement.Obligations.Timeline;

/// <summary>How one deadline stood after a fact changed: the entries of its history.</summary>
public sealed record DeadlineChange(long Version, DateTimeOffset RecordedAt, string Cause, string? Actor, string Applicability, DateTimeOffset? DueAt, string Reason);

/// <summary>A recipient told, by which act, and how that act stood against the deadline.</summary>
public sealed record TimelineRecipientTold(string Recipient, DateTimeOffset At, string Act, string? Reference, string Timing);

/// <summary>A fact an undetermined duty waits for.</summary>
public sealed record TimelineMissingFact(string Kind, string Subject, string Question);

/// <summary>A compliance lead's waiver of the duty: it stays not met, and the incident may close over it.</summary>
public sealed record TimelineWaiver(string Reason, string By, DateTimeOffset At);

/// <summary>One obligation on the timeline, in the shape compliance leads, auditors and integrators read.</summary>
/// <param name="Status">The headline: met (on time, late), partly met, needs facts, or how urgent an unmet duty is.</param>
/// <param name="RecipientsNeeded">"all" when every recipient must be told, "any-one" when one suffices.</param>
/// <param name="Told">Each recipient told, by its own act.</param>
/// <param name="Owed">The recipients still owed a notice.</param>
/// <param name="UnattributedSatisfiedAt">A satisfaction recorded without saying whom it told, for a rule naming several: it meets nothing.</param>
/// <param name="DeadlineStatus">While not met: where what is still owed stands against the deadline (pending, due soon, due now, overdue, suspended).</param>
/// <param name="MissingFacts">For a duty that may apply: the facts that would settle it.</param>
/// <param name="Waiver">Set when a compliance lead waived the duty.</param>
public sealed record TimelineObligation(
    string RuleId,
    string Jurisdiction,
    string Recipient,
    string Citation,
    DateTimeOffset? DueAt,
    string DeadlineText,
    string Status,
    string Reason,
    string Applicability,
    string ClockStart,
    DateTimeOffset? ClockStartedAt,
    DateTimeOffset? InternalTarget,
    DateTimeOffset? SatisfiedAt,
    string Verification,
    string? VerificationNote,
    IReadOnlyList<DeadlineChange> History,
    string RecipientsNeeded,
    IReadOnlyList<TimelineRecipientTold> Told,
    IReadOnlyList<string> Owed,
    DateTimeOffset? UnattributedSatisfiedAt,
    string? DeadlineStatus,
    IReadOnlyList<TimelineMissingFact> MissingFacts,
    TimelineWaiver? Waiver);

public sealed record DeadlineTimelineView(
    Guid IncidentId,
    string CatalogueVersion,
    DateTimeOffset EvaluatedAt,
    long ComputedFromVersion,
    IReadOnlyList<string> FactProblems,
    IReadOnlyList<TimelineObligation> Obligations);

/// <summary>
/// The regulator deadline timeline of one incident, replayed from its events: after every fact the
/// obligations are evaluated again (pure), and each change of a deadline is kept with the event that
/// caused it, so "due X, then Y after the awareness time was corrected" is always visible.
/// </summary>
public static class DeadlineTimeline
{
    public static DeadlineTimelineView Build(Guid incidentId, IReadOnlyList<IEvent> events, DateTimeOffset now, EvaluationOptions options,
        CatalogueStore catalogues, Func<IncidentFacts, IncidentFacts>? hypothesis = null, string? catalogueOverride = null) =>
        Build(incidentId, DeadlineHistory.Fold(events, options, catalogues), now, options, catalogues, hypothesis, catalogueOverride);

    /// <summary>The timeline from a history already folded (the projected one, ADR 40): only the evaluation at <paramref name="now"/> is made here.</summary>
    public static DeadlineTimelineView Build(Guid incidentId, DeadlineHistory history, DateTimeOffset now, EvaluationOptions options,
        CatalogueStore catalogues, Func<IncidentFacts, IncidentFacts>? hypothesis = null, string? catalogueOverride = null)
    {
        var state = history.State;
        var facts = hypothesis is null ? state.ToFacts() : hypothesis(state.ToFacts());
        var catalogue = catalogueOverride is null ? state.CatalogueOf(catalogues) : catalogues.Get(catalogueOverride);
        var evaluation = ObligationEvaluator.Evaluate(facts, catalogue, options, now);
        var waivers = state.Waivers.GroupBy(w => w.RuleId).ToDictionary(g => g.Key, g => g.MaxBy(w => w.At)!, StringComparer.Ordinal);
        return new DeadlineTimelineView(incidentId, evaluation.CatalogueVersion, now, history.Version, evaluation.FactProblems,
            [.. evaluation.Obligations.Select(o => View(o, history.Changes.GetValueOrDefault(o.RuleId) ?? [], waivers.GetValueOrDefault(o.RuleId)))]);
    }

    private static TimelineObligation View(ObligationAssessment o, IReadOnlyList<DeadlineChange> history, ObligationWaiver? waiver) => new(
        o.RuleId,
        o.Jurisdiction,
        string.Join(", ", o.Recipients.Select(CatalogueWords.Of)),
        o.Citation,
        o.DueAt,
        o.DeadlineText,
        ApiJson.WireName(o.Status),
        o.Reason,
        ApiJson.WireName(o.Applicability),
        ApiJson.WireName(o.ClockStart),
        o.ClockStartedAt,
        o.InternalTarget,
        o.SatisfiedAt,
        ApiJson.WireName(o.Verification.Status),
        o.Verification.Note,
        history,
        ApiJson.WireName(o.RecipientsNeeded),
        [.. o.Told.Select(t => new TimelineRecipientTold(ApiJson.WireName(t.Recipient), t.At, ApiJson.WireName(t.Act), t.Reference, ApiJson.WireName(t.Timing)))],
        [.. o.Owed.Select(ApiJson.WireName)],
        o.UnattributedSatisfiedAt,
        o.DeadlineStatus is { } deadline ? ApiJson.WireName(deadline) : null,
        [.. o.MissingFacts.Select(f => new TimelineMissingFact(ApiJson.WireName(f.Kind), f.Subject, f.Question))],
        waiver is null ? null : new TimelineWaiver(waiver.Reason, waiver.By, waiver.At));
}
