using CaseManagement.Rules.Deadlines;

namespace CaseManagement.Rules.Catalogue;

/// <summary>One legal or contractual duty from a catalogue version, in our own words but keyed to its source.</summary>
/// <param name="Id">Stable key taken unchanged from the research source, so rules stay traceable across versions.</param>
/// <param name="Recipients">Empty only for duties with nobody to notify (liability, penalty).</param>
/// <param name="Sources">The primary source first, then the additional ones.</param>
public sealed record ObligationRule(
    string Id,
    string Jurisdiction,
    string Region,
    RuleKind Kind,
    IReadOnlyList<Recipient> Recipients,
    string Obligation,
    RuleTrigger Trigger,
    Threshold Threshold,
    ClockStart ClockStart,
    RuleDeadline Deadline,
    Backstop? Backstop,
    bool LawEnforcementDelay,
    string? DelayNote,
    DateOnly? EffectiveFrom,
    string Citation,
    IReadOnlyList<string> Sources,
    Verification Verification)
{
    /// <summary>
    /// Whether every recipient must be told or any one of them suffices (Vermont: the Attorney General, or the
    /// Department of Financial Regulation for its licensees). Catalogue versions before 2026.12.1 do not say, so
    /// every recipient is owed: the stricter reading.
    /// </summary>
    public RecipientsNeeded RecipientsNeeded { get; init; } = RecipientsNeeded.All;

    /// <summary>
    /// Set when this duty must come before, by, or together with the notice to individuals in its jurisdiction
    /// (Maryland's Attorney General "prior to" residents). Null when the rule sets no such order.
    /// </summary>
    public NoticeOrdering? Ordering { get; init; }
}

/// <summary>How a duty stands to the notice to individuals in its jurisdiction.</summary>
/// <param name="Wording">The order in our words, e.g. "Ahead of the notice to Maryland residents".</param>
/// <param name="Note">What rests on practice or an unverified reading rather than the statute's text; null when the text says it.</param>
public sealed record NoticeOrdering(EventRelation Relation, string Wording, string? Note);

public enum RecipientsNeeded
{
    /// <summary>Every recipient the rule names must be told.</summary>
    All,
    /// <summary>Telling any one of the named recipients meets the duty.</summary>
    AnyOne,
}

/// <summary>
/// A sector flag of an older catalogue version whose meaning this version splits, so that each flag means one legal
/// status (e.g. "covered-entity" into "nydfs-licensee" and "hipaa-covered-entity").
/// </summary>
public sealed record FlagSplit(string Retired, IReadOnlyList<string> Into, string Note);

/// <param name="Conditions">Words from <see cref="TriggerConditions"/>; the description says how they combine.</param>
public sealed record RuleTrigger(IReadOnlyList<string> Conditions, string Description);

/// <summary>Count test on affected persons; both bounds are inclusive.</summary>
public sealed record Threshold(ThresholdMode Mode, int? MinAffected, int? MaxAffected);

public sealed record RuleDeadline(DeadlineSpec Spec, string Wording);

/// <summary>A second clock that runs alongside the main deadline; whichever falls first applies.</summary>
public sealed record Backstop(DeadlineSpec Spec, ClockStart ClockStart, string Wording);

/// <param name="Note">What remains unconfirmed; always present unless the status is verified.</param>
public sealed record Verification(VerificationStatus Status, string? Note);

public enum RuleKind
{
    Notification,
    /// <summary>An internal register or assessment duty with no external recipient.</summary>
    Record,
    Liability,
    Penalty,
    /// <summary>An offer owed to individuals, such as credit monitoring.</summary>
    Remediation,
}

public enum Recipient
{
    Individuals,
    Regulator,
    AttorneyGeneral,
    StatePolice,
    CreditBureaus,
    Media,
    CardBrands,
    Acquirer,
    /// <summary>Processor telling its controller.</summary>
    Controller,
    /// <summary>Vendor or agent telling the owner of the data it holds.</summary>
    DataOwner,
    Clients,
    PublicFiling,
    OtherOrganizations,
    InternalRecord,
}

public enum ThresholdMode
{
    None,
    MinCount,
    /// <summary>The count is one of several independent triggers; the others apply at any count.</summary>
    Alternative,
    MaxCount,
}

/// <summary>The incident event a rule's clock runs from; an incident records a timestamp per event.</summary>
public enum ClockStart
{
    Awareness,
    Discovery,
    Determination,
    AwareAndScopeIdentified,
    ConfirmationAndInfoAscertained,
    ClassificationAsMajor,
    InitialNotificationSubmitted,
    LatestIntermediateReportSubmitted,
    IncidentNotificationSubmitted,
    MaterialityDetermination,
    /// <summary>Counted from the day after the assessment (Singapore).</summary>
    AssessmentNotifiable,
    Suspicion,
    AwarenessReasonableGrounds,
    KnowledgePersonalDataAffected,
    /// <summary>Relative clocks keyed to the notice sent to individuals.</summary>
    IndividualNotice,
    ExtortionPayment,
    StatementPrepared,
    PdpcNotified,
    EndOfCalendarYear,
    ConsumerNoticeOfViolation,
    /// <summary>No clock: penalties and similar exposure.</summary>
    None,
}

public enum VerificationStatus
{
    Verified,
    Partial,
    Unverified,
}
