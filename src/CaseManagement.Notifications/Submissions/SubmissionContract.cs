using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Submissions;

/// <summary>What the incident's record says, as a regulator submission needs it.</summary>
/// <param name="AffectedByJurisdiction">People per jurisdiction code ("US-CA", "DE").</param>
/// <param name="RecordsAffected">Records (orders) involved, when known.</param>
/// <param name="AwareAt">When the organisation became aware (GDPR Art. 33's clock).</param>
public sealed record SubmissionFacts(
    IncidentFields Incident,
    OrganisationFields Organisation,
    DateTimeOffset AwareAt,
    DateTimeOffset? ContainedAt,
    IReadOnlyDictionary<string, long> AffectedByJurisdiction,
    long? RecordsAffected,
    string? EncryptionStatus,
    string? RiskAssessment)
{
    /// <summary>
    /// Who the affected people are ("customers", "newsletter subscribers"), for GDPR Art. 33(3)(a). Optional so existing
    /// callers compile unchanged; a report lists it as a gap while it is empty.
    /// </summary>
    public IReadOnlyList<string> DataSubjectCategories { get; init; } = [];

    /// <summary>Affected people with no recorded residence (the scoping run's count); null when unknown.</summary>
    public long? ResidenceUnknown { get; init; }

    /// <summary>
    /// The likely consequences in the organisation's words for a regulator. Reports never reuse the consumer notice's
    /// second-person text for this; without it they fall back to the recorded risk reasoning, else list a gap.
    /// </summary>
    public string? ConsequencesForRegulator { get; init; }
}

public sealed record SubmissionSection(string Heading, string Text);

/// <summary>
/// The content a regulator expects, generated from the record: a title, sections in the order the law or the
/// regulator's form lists them, the same as plain text, and its SHA-256 (lower-case hex, over the plain text's UTF-8).
/// </summary>
/// <param name="Gaps">What the record does not yet say that the submission needs (shown, never invented).</param>
public sealed record SubmissionDocument(string Kind, string Title, IReadOnlyList<SubmissionSection> Sections, string PlainText, string Sha256,
    IReadOnlyList<string> Gaps);
