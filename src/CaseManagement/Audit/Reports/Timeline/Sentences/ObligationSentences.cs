using CaseManagement.Scoping;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Obligations.Facts;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>The facts regulator deadlines depend on, the deadline watch, and scoping runs that produce the counts.</summary>
internal static class ObligationSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<ClockInstantRecorded>((e, n) => new Told($"{n.Subject} recorded the {Word(e.Clock)} instant: {Instant(e.At)}.", Why: e.Reason,
            At: new BusinessTime(e.At, Word(e.Clock))))
        .On<ClockInstantCorrected>((e, n) => new Told(
            $"{n.Subject} corrected the {Word(e.Clock)} instant from {Instant(e.PreviousAt)} to {Instant(e.At)}.", Why: e.Reason,
            At: new BusinessTime(e.At, Word(e.Clock))))
        .On<DataCategoriesRecorded>((e, n) => new Told($"{n.Subject} recorded the kinds of personal data involved: {List(e.Categories)}.", Why: e.Reason))
        .On<EncryptionStatusRecorded>((e, n) => new Told($"{n.Subject} recorded the encryption status: {Word(e.Status)}.", Why: e.Reason))
        .On<AffectedCountsRecorded>((e, n) => new Told(
            $"{n.Subject} recorded {Count(e.Counts.Sum(c => c.Count), "affected resident", "affected residents")}" +
            $"{(e.Source == "scoping" ? " found by a scoping run" : "")}: {List(e.Counts.Select(c => $"{c.Residence} {c.Count:N0}"))}.",
            Why: e.Basis))
        .On<SectorFlagsRecorded>((e, n) => new Told($"{n.Subject} recorded the sector regimes that apply: {List(e.Flags)}.", Why: e.Reason))
        .On<RiskAssessed>((e, n) => new Told(
            $"{n.Subject} assessed the risk: risk to individuals {YesNo(e.RiskToIndividuals)}, high risk {YesNo(e.HighRisk)}, " +
            $"significant harm {YesNo(e.SignificantHarm)}.", Why: e.Reasoning))
        .On<LawEnforcementDelayRequested>((e, n) => new Told($"{n.Subject} recorded that {e.Agency} asked to delay notification.", Why: e.Reason,
            At: new BusinessTime(e.RequestedAt, "requested")))
        .On<LawEnforcementDelayLifted>((e, n) => new Told($"{n.Subject} recorded that the law-enforcement delay was lifted.", Why: e.Reason,
            At: new BusinessTime(e.LiftedAt, "lifted")))
        .On<ObligationSatisfied>((e, n) => new Told(
            $"{n.Subject} recorded the obligation {e.RuleId} as met{(e.Channel is null ? "" : $" by {e.Channel}")}" +
            $"{(e.Reference is null ? "" : $", reference {e.Reference}")}.",
            At: new BusinessTime(e.SatisfiedAt, "met")))
        .On<CatalogueVersionAdopted>((e, n) => new Told($"{n.Subject} moved the incident onto obligation catalogue version {e.Version}.", Why: e.Reason))
        .On<DeadlineApproaching>((e, n) => new Told(
            $"{n.Subject} warned that {e.RuleId} ({e.Citation}; {e.Recipient}, {e.Jurisdiction}) is due within {e.LeadHours} h" +
            $"{(e.Basis == EscalationBasis.InternalTarget ? ", by our internal target: the law sets no fixed period" : "")}.",
            Details: $"catalogue version {e.CatalogueVersion}", At: new BusinessTime(e.DueAt, "due")))
        .On<DeadlineMissed>((e, n) => new Told(
            $"{n.Subject} recorded that {e.RuleId} ({e.Citation}; {e.Recipient}, {e.Jurisdiction}) passed its " +
            $"{(e.Basis == EscalationBasis.InternalTarget ? "internal target" : "deadline")} unmet.",
            Details: $"catalogue version {e.CatalogueVersion}", At: new BusinessTime(e.DueAt, "due")))
        .On<ScopingRunRequested>((e, n) => new Told(
            $"{n.Subject} asked for scoping run {Short(e.RunId)} on {e.Shop}: orders from {Instant(e.From)} to {Instant(e.To)}, " +
            $"data: {List(e.DataCategories)}."))
        .On<ScopingRunStarted>((e, n) => new Told(
            $"{n.Subject} began scoping run {Short(e.RunId)}, searching the shop database of {e.Shop} for the people whose orders fall in the period."))
        .On<ScopingRunCompleted>((e, n) => new Told(
            $"{n.Subject} finished scoping run {Short(e.RunId)}: {Count(e.People, "person", "people")} found in {Count(e.OrdersScanned, "order", "orders")} " +
            $"({e.ResidenceUnknown:N0} with unknown residence); by jurisdiction: {List(e.PeopleByJurisdiction.Select(p => $"{p.Key} {p.Value:N0}"))}.",
            Details: $"by data category: {List(e.PeopleByDataCategory.Select(p => $"{p.Key} {p.Value:N0}"))}; took {e.Seconds:0.#} s"))
        .On<ScopingRunFailed>((e, n) => new Told(
            $"{n.Subject} stopped scoping run {Short(e.RunId)} after {Count(e.OrdersScanned, "order", "orders")}: it failed and recorded nothing it found.",
            Why: e.Reason));
}
