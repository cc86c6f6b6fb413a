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
            (e.Recipients is { Count: > 0 } told
                ? $"{n.Subject} recorded that {List(told.Select(r => Word(r)))} {(told.Count == 1 ? "was" : "were")} told under {e.RuleId}" +
                  $"{(e.Act is { } act ? $" by {Word(act)}" : "")}"
                : $"{n.Subject} recorded the obligation {e.RuleId} as met") +
            $"{(e.Channel is null ? "" : $" via {e.Channel}")}{(e.Reference is null ? "" : $", reference {e.Reference}")}.",
            At: new BusinessTime(e.SatisfiedAt, e.Recipients is { Count: > 0 } ? "told" : "met")))
        .On<ObligationWaived>((e, n) => new Told(
            $"{n.Subject} waived the duty {e.RuleId}: it will not be met, and the incident may close over it.", Why: e.Reason,
            Details: $"waived by {Actor.Of(e.WaivedBy).Name}"))
        .On<OrderingDutyWaived>((e, n) => new Told(
            $"{n.Subject} let notification campaigns start before {e.RuleId}, which the law orders ahead of the notice to individuals; the duty itself stays owed.",
            Why: e.Justification))
        .On<OrderingDutyAcknowledged>((e, n) => new Told(
            $"{n.Subject} confirmed that {e.RuleId}, ordered ahead of (or with) the notice to individuals, is handled.", Why: e.Note))
        .On<CatalogueVersionAdopted>((e, n) => new Told($"{n.Subject} moved the incident onto obligation catalogue version {e.Version}.", Why: e.Reason))
        .On<DeadlineApproaching>((e, n) => new Told(
            $"{n.Subject} warned that {e.RuleId} ({e.Citation}; {e.Recipient}, {e.Jurisdiction}) is due within {e.LeadHours} h" +
            $"{(e.Basis == EscalationBasis.InternalTarget ? ", by our internal target: the law sets no fixed period" : "")}.",
            Details: $"catalogue version {e.CatalogueVersion}", At: new BusinessTime(e.DueAt, "due")))
        .On<DeadlineMissed>((e, n) => new Told(
            $"{n.Subject} recorded that {e.RuleId} ({e.Citation}; {e.Recipient}, {e.Jurisdiction}) passed its " +
            $"{(e.Basis == EscalationBasis.InternalTarget ? "internal target" : "deadline")} unmet.",
            Details: $"catalogue version {e.CatalogueVersion}", At: new BusinessTime(e.DueAt, "due")))
        .On<ObligationFactsMissing>((e, n) => new Told(
            $"{n.Subject} asked for the facts that decide whether {e.RuleId} ({e.Citation}; {e.Recipient}, {e.Jurisdiction}) applies: " +
            $"{string.Join("; ", e.MissingFacts.Select(f => f.Question))}. " +
            (e.LeadHours > 0
                ? $"If it applies, it is due within {e.LeadHours} h."
                : "If it applies, its deadline has passed; nobody knows yet that it was owed, so it is not reported as missed."),
            Details: $"catalogue version {e.CatalogueVersion}", At: new BusinessTime(e.DueAt, "due if it applies")))
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
