using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

// The facts regulator clocks and thresholds depend on, recorded on the incident stream. Each later
// recording supersedes the earlier one; the history keeps both, so the deadline timeline can show how
// a deadline moved as facts changed.

/// <summary>An instant that starts a clock (discovery, determination, classification as major...).</summary>
public sealed record ClockInstantRecorded(Guid IncidentId, ClockStart Clock, DateTimeOffset At, string? Reason);

public sealed record ClockInstantCorrected(Guid IncidentId, ClockStart Clock, DateTimeOffset PreviousAt, DateTimeOffset At, string Reason);

public sealed record DataCategoriesRecorded(Guid IncidentId, IReadOnlyList<string> Categories, string? Reason);

public sealed record EncryptionStatusRecorded(Guid IncidentId, EncryptionStatus Status, string Reason);

/// <summary>Residents affected per residence code (country, or country subdivision such as US-CA).</summary>
public sealed record AffectedCount(string Residence, long Count);

/// <param name="Source">"manual" when a person entered them, "scoping" when a scoping run produced them.</param>
public sealed record AffectedCountsRecorded(Guid IncidentId, IReadOnlyList<AffectedCount> Counts, string Source, string Basis);

public sealed record SectorFlagsRecorded(Guid IncidentId, IReadOnlyList<string> Flags, string? Reason);

/// <summary>A documented risk assessment (e.g. GDPR Art. 34 high risk yes/no) with its reasoning.</summary>
public sealed record RiskAssessed(Guid IncidentId, bool? RiskToIndividuals, bool? HighRisk, bool? SignificantHarm, string Reasoning);

public sealed record LawEnforcementDelayRequested(Guid IncidentId, string Agency, DateTimeOffset RequestedAt, string Reason);

public sealed record LawEnforcementDelayLifted(Guid IncidentId, DateTimeOffset LiftedAt, string Reason);

/// <summary>An obligation met, or part of it: who was told, when, by what kind of act, and the reference they gave.</summary>
/// <param name="Recipients">
/// Which of the rule's recipients this act told. Null on events recorded before acts named their recipients: those count only
/// for a rule with a single recipient (ADR 18).
/// </param>
/// <param name="Act">What kind of act told them (campaign, submission, manual record); null on the same older events.</param>
public sealed record ObligationSatisfied(Guid IncidentId, string RuleId, DateTimeOffset SatisfiedAt, string? Reference, string? Channel,
    IReadOnlyList<Recipient>? Recipients = null, NoticeAct? Act = null);

/// <summary>
/// A compliance lead decided a duty will not be met, and why (a disposition): the incident may close over it. The duty is
/// still shown as not met; the waiver says who took responsibility for that.
/// </summary>
public sealed record ObligationWaived(Guid IncidentId, string RuleId, string Reason, string WaivedBy, DateTimeOffset WaivedAt);

/// <summary>
/// A compliance lead decided that a duty ordered before (or with) the notice to individuals need not hold a campaign back,
/// with the justification. The duty itself stays owed.
/// </summary>
public sealed record OrderingDutyWaived(Guid IncidentId, string RuleId, string Justification, string WaivedBy, DateTimeOffset WaivedAt);

/// <summary>
/// A person confirmed that a duty ordered before (or with) the notice to individuals is handled, e.g. sent together with the
/// campaign. It clears a campaign only when the person is not the one who drafted it.
/// </summary>
public sealed record OrderingDutyAcknowledged(Guid IncidentId, string RuleId, string Note, string AcknowledgedBy, DateTimeOffset AcknowledgedAt);

/// <summary>A deliberate move of the incident onto another catalogue version, with the reason.</summary>
public sealed record CatalogueVersionAdopted(Guid IncidentId, string Version, string Reason);
