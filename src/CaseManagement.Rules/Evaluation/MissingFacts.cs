namespace CaseManagement.Rules.Evaluation;

/// <summary>What kind of fact would settle whether an undetermined rule applies.</summary>
public enum FactNeeded
{
    /// <summary>Where affected people live, or how many live there (subject: the jurisdiction or residence code).</summary>
    AffectedResidence,
    /// <summary>The kinds of data involved (subject: the category in question, or "categories").</summary>
    DataCategories,
    /// <summary>Whether the data was encrypted and the key stayed safe.</summary>
    Encryption,
    /// <summary>An answer of the risk assessment (subject: "risk-to-individuals", "high-risk" or "significant-harm").</summary>
    RiskAssessment,
    /// <summary>The instant of an incident event (subject: the clock word, e.g. "classification-as-major").</summary>
    ClockInstant,
    /// <summary>A sector flag whose meaning was split in this catalogue version (subject: the new flag).</summary>
    SectorFlag,
    /// <summary>A determination only a person can make from the rule's description (subject: the trigger word).</summary>
    Finding,
    /// <summary>When the incident began, against the date the rule took effect.</summary>
    IncidentStart,
    /// <summary>Whether another duty applies (subject: the rule ids this one follows).</summary>
    OtherObligation,
    /// <summary>The engine or this catalogue version cannot settle it from any fact (subject: what is missing).</summary>
    CatalogueGap,
}

/// <summary>One fact an undetermined rule waits for, as data a screen or an escalation can name.</summary>
/// <param name="Subject">Which one: a residence code, clock word, risk answer, trigger word or rule id (see <see cref="FactNeeded"/>).</param>
/// <param name="Question">The question in words, e.g. "needs a high-risk assessment (high risk yes/no)".</param>
public sealed record MissingFact(FactNeeded Kind, string Subject, string Question);
