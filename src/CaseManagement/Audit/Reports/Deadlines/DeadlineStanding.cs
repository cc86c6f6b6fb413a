using CaseManagement.Api;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using JasperFx.Events;

namespace CaseManagement.Audit.Reports.Deadlines;

/// <summary>How many applicable obligations stood where, as of the report's instant.</summary>
/// <param name="Met">Met, with no deadline to be on time or late against.</param>
/// <param name="Overdue">Not met (wholly or for some recipients), and the deadline has passed.</param>
/// <param name="Pending">Not met, deadline ahead (pending, due soon, due now).</param>
/// <param name="PartlyMet">Of the unmet ones, how many had some of their recipients told.</param>
/// <param name="NeedsFacts">Of the unmet ones, how many may apply and wait for facts to settle it.</param>
public sealed record DeadlineCounts(int MetOnTime, int Met, int MetLate, int Overdue, int Pending, int Suspended, int PartlyMet = 0, int NeedsFacts = 0)
{
    /// <summary>Deadlines not kept: met late, or passed unmet.</summary>
    public int Missed => MetLate + Overdue;

    public static DeadlineCounts operator +(DeadlineCounts a, DeadlineCounts b) => new(a.MetOnTime + b.MetOnTime, a.Met + b.Met,
        a.MetLate + b.MetLate, a.Overdue + b.Overdue, a.Pending + b.Pending, a.Suspended + b.Suspended, a.PartlyMet + b.PartlyMet, a.NeedsFacts + b.NeedsFacts);

    public static readonly DeadlineCounts None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>One obligation that applies (or may, while a fact is missing) and where it stood.</summary>
/// <param name="Status">The headline (met on time, partly met, needs facts...); <paramref name="DeadlineStatus"/> says how urgent what is owed was.</param>
/// <param name="Waiver">A compliance lead's waiver of the duty, when there is one.</param>
public sealed record ReportedDeadline(
    string RuleId,
    string Jurisdiction,
    string Recipient,
    string Citation,
    string DeadlineText,
    DateTimeOffset? DueAt,
    string Status,
    DateTimeOffset? SatisfiedAt,
    string Reason,
    string? DeadlineStatus = null,
    IReadOnlyList<string>? Owed = null,
    IReadOnlyList<string>? MissingFacts = null,
    TimelineWaiver? Waiver = null);

public sealed record DeadlineStanding(string CatalogueVersion, DateTimeOffset EvaluatedAt, DeadlineCounts Counts, IReadOnlyList<string> FactProblems,
    IReadOnlyList<ReportedDeadline> Obligations)
{
    /// <summary>The deadline timeline (the same one GET …/deadlines?asOf= answers) evaluated at <paramref name="asOf"/> from the events recorded by then.</summary>
    public static DeadlineStanding Of(Guid incidentId, IReadOnlyList<IEvent> events, DateTimeOffset asOf)
    {
        var view = DeadlineTimeline.Build(incidentId, events, asOf, EvaluationOptions.Default, CatalogueStore.Embedded);
        var relevant = view.Obligations.Where(o => o.Applicability != ApiJson.WireName(Applicability.NotApplicable)).ToList();
        // A partly met or undetermined duty counts where what it still owes stands against its deadline, and once more as such.
        int Count(params ObligationStatus[] statuses) => relevant.Count(o => statuses.Any(s => ApiJson.WireName(s) == (o.DeadlineStatus ?? o.Status)));
        int Headline(ObligationStatus status) => relevant.Count(o => o.Status == ApiJson.WireName(status));
        return new DeadlineStanding(view.CatalogueVersion, asOf,
            new DeadlineCounts(Count(ObligationStatus.MetOnTime), Count(ObligationStatus.Met), Count(ObligationStatus.MetLate), Count(ObligationStatus.Overdue),
                Count(ObligationStatus.Pending, ObligationStatus.DueSoon, ObligationStatus.DueNow), Count(ObligationStatus.Suspended),
                Headline(ObligationStatus.PartlyMet), Headline(ObligationStatus.NeedsFacts)),
            view.FactProblems,
            [
                .. relevant.Select(o => new ReportedDeadline(o.RuleId, o.Jurisdiction, o.Recipient, o.Citation, o.DeadlineText, o.DueAt, o.Status, o.SatisfiedAt,
                    o.Reason, o.DeadlineStatus, o.Owed, [.. o.MissingFacts.Select(f => f.Question)], o.Waiver)),
            ]);
    }
}
