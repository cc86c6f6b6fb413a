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

/// <summary>An obligation met: who was told, when, and the reference they gave.</summary>
public sealed record ObligationSatisfied(Guid IncidentId, string RuleId, DateTimeOffset SatisfiedAt, string? Reference, string? Channel);

/// <summary>A deliberate move of the incident onto another catalogue version, with the reason.</summary>
public sealed record CatalogueVersionAdopted(Guid IncidentId, string Version, string Reason);
