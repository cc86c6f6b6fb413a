using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Escalation;

public enum EscalationKind
{
    /// <summary>A deadline is near: raised a configured lead time before it (by default 24 h and 4 h).</summary>
    Approaching,
    /// <summary>A deadline passed while its duty was still unmet.</summary>
    Missed,
    /// <summary>
    /// Whether the duty applies at all is undetermined, and the moment of an approaching or missed deadline came: the facts
    /// that would settle it are asked for. Never reported as missed, since nobody knows it was owed (issue 14, item 5).
    /// </summary>
    FactsMissing,
}

/// <summary>What an escalation counts down to: the law's deadline, or our internal target for a duty with no fixed period.</summary>
public enum EscalationBasis
{
    Deadline,
    InternalTarget,
}

/// <summary>
/// Identifies one escalation. Kept on the incident so a message delivered twice, or planned again after a
/// restart, never raises the same escalation twice; a moved deadline has a new key.
/// </summary>
public sealed record EscalationKey(string RuleId, DateTimeOffset DueAt, EscalationKind Kind, int LeadHours);

/// <summary>Raised on the incident stream when an unmet obligation's deadline is near.</summary>
public sealed record DeadlineApproaching(
    Guid IncidentId,
    string RuleId,
    string Jurisdiction,
    string Recipient,
    string Citation,
    DateTimeOffset DueAt,
    EscalationBasis Basis,
    int LeadHours,
    string CatalogueVersion)
{
    public EscalationKey Key => new(RuleId, DueAt, EscalationKind.Approaching, LeadHours);
}

/// <summary>Raised on the incident stream when an obligation's deadline passed unmet.</summary>
public sealed record DeadlineMissed(
    Guid IncidentId,
    string RuleId,
    string Jurisdiction,
    string Recipient,
    string Citation,
    DateTimeOffset DueAt,
    EscalationBasis Basis,
    string CatalogueVersion)
{
    public EscalationKey Key => new(RuleId, DueAt, EscalationKind.Missed, 0);
}

/// <summary>
/// Raised on the incident's escalation stream instead of "approaching" or "missed" while a duty only may apply: the facts
/// that would settle it are missing. It names them, and the deadline the duty would have if it applies.
/// </summary>
/// <param name="LeadHours">How long before <paramref name="DueAt"/> it was raised; 0 once that instant has passed.</param>
public sealed record ObligationFactsMissing(
    Guid IncidentId,
    string RuleId,
    string Jurisdiction,
    string Recipient,
    string Citation,
    IReadOnlyList<MissingFact> MissingFacts,
    DateTimeOffset DueAt,
    EscalationBasis Basis,
    int LeadHours,
    string CatalogueVersion)
{
    public EscalationKey Key => new(RuleId, DueAt, EscalationKind.FactsMissing, LeadHours);
}
