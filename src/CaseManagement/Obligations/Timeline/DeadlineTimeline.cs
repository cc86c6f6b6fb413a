using CaseManagement.Api;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using CaseManagement.Rules.Evaluation;
using JasperFx.Events;

namespace CaseManagement.Obligations.Timeline;

/// <summary>How one deadline stood after a fact changed: the entries of its history.</summary>
public sealed record DeadlineChange(long Version, DateTimeOffset RecordedAt, string Cause, string? Actor, string Applicability, DateTimeOffset? DueAt, string Reason);

/// <summary>One obligation on the timeline, in the shape compliance leads, auditors and integrators read.</summary>
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
    IReadOnlyList<DeadlineChange> History);

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
        CatalogueStore catalogues, Func<IncidentFacts, IncidentFacts>? hypothesis = null, string? catalogueOverride = null)
    {
        var state = new FactsState();
        var history = new Dictionary<string, List<DeadlineChange>>(StringComparer.Ordinal);
        var last = new Dictionary<string, (Applicability, DateTimeOffset?)>(StringComparer.Ordinal);
        long version = 0;
        foreach (var e in events)
        {
            version = e.Version;
            if (!state.Apply(e.Data))
            {
                continue;
            }

            var atThatTime = ObligationEvaluator.Evaluate(state.ToFacts(), state.CatalogueOf(catalogues), options, e.Timestamp);
            foreach (var o in atThatTime.Obligations)
            {
                if (last.TryGetValue(o.RuleId, out var before) && before == (o.Applicability, o.DueAt))
                {
                    continue;
                }

                last[o.RuleId] = (o.Applicability, o.DueAt);
                if (!history.TryGetValue(o.RuleId, out var list))
                {
                    history[o.RuleId] = list = [];
                }

                list.Add(new DeadlineChange(e.Version, e.Timestamp, e.EventTypeName, e.UserName, ApiJson.WireName(o.Applicability), o.DueAt, o.Reason));
            }
        }

        var facts = hypothesis is null ? state.ToFacts() : hypothesis(state.ToFacts());
        var catalogue = catalogueOverride is null ? state.CatalogueOf(catalogues) : catalogues.Get(catalogueOverride);
        var evaluation = ObligationEvaluator.Evaluate(facts, catalogue, options, now);
        return new DeadlineTimelineView(incidentId, evaluation.CatalogueVersion, now, version, evaluation.FactProblems,
            [.. evaluation.Obligations.Select(o => View(o, history.GetValueOrDefault(o.RuleId) ?? []))]);
    }

    private static TimelineObligation View(ObligationAssessment o, IReadOnlyList<DeadlineChange> history) => new(
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
        history);
}
