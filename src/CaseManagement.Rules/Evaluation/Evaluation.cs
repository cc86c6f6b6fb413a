using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;

namespace CaseManagement.Rules.Evaluation;

/// <summary>Every rule of one catalogue version assessed against one incident's facts at one instant.</summary>
/// <param name="Obligations">Each catalogue rule exactly once, most urgent first: by due instant (none last), then jurisdiction, then rule id.</param>
/// <param name="FactProblems">What <see cref="IncidentFacts.Problems"/> found; an evaluation of flawed facts is shown with them, not hidden.</param>
public sealed record Evaluation(
    string CatalogueVersion,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<ObligationAssessment> Obligations,
    IReadOnlyList<string> FactProblems)
{
    public ObligationAssessment For(string ruleId) =>
        Obligations.FirstOrDefault(o => o.RuleId == ruleId)
        ?? throw new KeyNotFoundException($"evaluation against catalogue {CatalogueVersion} has no rule '{ruleId}'");
}

/// <summary>One rule as it stands for the incident.</summary>
/// <param name="Verification">The catalogue's verification status and note; show it next to the deadline (ADR 0006).</param>
/// <param name="Reason">
/// Why the rule applies, does not, or what fact would decide it, followed by what the deadline depends on
/// (a clock not started, a backstop, the internal target, a law-enforcement delay).
/// </param>
/// <param name="ClockStartedAt">When <see cref="ClockStart"/> happened (UTC), or null if it is not known yet.</param>
/// <param name="Due">The deadline; null while its clock has not started, <see cref="Due.NotApplicable"/> for rules that do not apply.</param>
/// <param name="DueAt">The due instant (UTC) when there is one: a fixed deadline, or the known instant of the event a relative deadline hangs on.</param>
/// <param name="InternalTarget">
/// For deadlines with no fixed period ("without undue delay"): the organisation's own target, a set time after the
/// clock started (<see cref="EvaluationOptions.QualitativeInternalTarget"/>). Not a legal deadline.
/// </param>
/// <param name="DeadlineText">The deadline in the catalogue's words, with the backstop's if there is one.</param>
/// <param name="SuspendedBy">The law-enforcement delay that holds this rule's clock, or held it and moved its due instant.</param>
public sealed record ObligationAssessment(
    string RuleId,
    string Jurisdiction,
    RuleKind Kind,
    IReadOnlyList<Recipient> Recipients,
    string Citation,
    Verification Verification,
    Applicability Applicability,
    string Reason,
    ClockStart ClockStart,
    DateTimeOffset? ClockStartedAt,
    Due? Due,
    DateTimeOffset? DueAt,
    DateTimeOffset? InternalTarget,
    string DeadlineText,
    ObligationStatus Status,
    DateTimeOffset? SatisfiedAt,
    LawEnforcementDelay? SuspendedBy)
{
    /// <summary>Whether every recipient must be told or any one suffices.</summary>
    public RecipientsNeeded RecipientsNeeded { get; init; } = RecipientsNeeded.All;

    /// <summary>The recipients told, each by its own earliest recorded act, with its timing.</summary>
    public IReadOnlyList<RecipientTold> Told { get; init; } = [];

    /// <summary>
    /// The recipients still owed a notice; with <see cref="Catalogue.RecipientsNeeded.AnyOne"/> any one of them would do.
    /// Empty once the rule is met, and for rules that name no recipient.
    /// </summary>
    public IReadOnlyList<Recipient> Owed { get; init; } = [];

    /// <summary>
    /// A satisfaction recorded without recipients for a rule that names several: it tells none of them (nobody recorded
    /// whom it told), so the rule is not met by it. A lead records the recipients it reached.
    /// </summary>
    public DateTimeOffset? UnattributedSatisfiedAt { get; init; }

    /// <summary>
    /// Where what is still owed stands against the deadline (pending, due soon, due now, overdue, suspended) while the
    /// rule is not met; null once it is met or when it does not apply. <see cref="Status"/> says partly met or needs
    /// facts; this says how urgent the rest is.
    /// </summary>
    public ObligationStatus? DeadlineStatus { get; init; }

    /// <summary>For an undetermined rule: the facts that would settle whether it applies. Empty otherwise.</summary>
    public IReadOnlyList<MissingFact> MissingFacts { get; init; } = [];
}

public enum Applicability
{
    Applies,
    NotApplicable,
    /// <summary>A fact is missing, or the facts cannot settle the rule's trigger; the reason says which.</summary>
    Undetermined,
}

/// <summary>Where an obligation stands: a <see cref="DueStatus"/>, or suspended by a law-enforcement delay.</summary>
public enum ObligationStatus
{
    /// <summary>Not met; the deadline is further away than the due-soon window, or not fixed yet (its clock has not started).</summary>
    Pending,
    /// <summary>Not met; the deadline is within the due-soon window.</summary>
    DueSoon,
    /// <summary>Not met; a deadline with no fixed period, due now.</summary>
    DueNow,
    Overdue,
    MetOnTime,
    MetLate,
    /// <summary>Met, with no instant to be on time or late against.</summary>
    Met,
    /// <summary>The rule does not apply, or applies with no deadline (records, liability, penalties).</summary>
    NotApplicable,
    /// <summary>Not met, and a law-enforcement delay the rule allows holds its clock.</summary>
    Suspended,
    /// <summary>
    /// Some recipients the rule names have been told and others are still owed (<see cref="ObligationAssessment.Owed"/>);
    /// the deadline keeps running for them (<see cref="ObligationAssessment.DeadlineStatus"/>).
    /// </summary>
    PartlyMet,
    /// <summary>
    /// Not met, and whether the rule applies is undetermined: the facts that decide it are missing
    /// (<see cref="ObligationAssessment.MissingFacts"/>). The deadline it would have runs in <see cref="ObligationAssessment.DeadlineStatus"/>.
    /// </summary>
    NeedsFacts,
}

/// <summary>Settings of an evaluation that are the organisation's choice, not the law's.</summary>
public sealed record EvaluationOptions
{
    public static EvaluationOptions Default { get; } = new();

    /// <summary>How long before a deadline an unmet duty counts as due soon.</summary>
    public TimeSpan DueSoonWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The internal goal for duties with no fixed period ("without undue delay", "promptly"), counted from their
    /// clock start. 72 h mirrors GDPR's outer limit; it is our target, never presented as the law's.
    /// </summary>
    public TimeSpan QualitativeInternalTarget { get; init; } = TimeSpan.FromHours(72);
}
