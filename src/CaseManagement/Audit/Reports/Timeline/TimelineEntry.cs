namespace CaseManagement.Audit.Reports.Timeline;

/// <summary>When something happened as the event states it (contained at, aware at), beside when it was recorded.</summary>
/// <param name="Meaning">What the instant is, as a participle: "contained", "aware", "due".</param>
public sealed record BusinessTime(DateTimeOffset At, string Meaning);

/// <summary>Something the event rests on: an evidence file, a submitted document, the root over delivery records.</summary>
/// <param name="Id">The evidence item, campaign or rule it belongs to.</param>
public sealed record EvidenceReference(string Item, string? Id, string? Sha256);

/// <summary>The incident's status before and after the event, when the event moved it (no status before the detection).</summary>
public sealed record StatusChange(string? From, string To);

/// <summary>One recorded event in human terms: when, who, what, why, on which evidence, and exactly which event it was.</summary>
/// <param name="Stream">Which of the incident's streams holds it (incident, containment-run, evidence, campaign…); <paramref name="Version"/> counts within it.</param>
/// <param name="When">"contained at 2026-11-20 09:40 UTC, recorded at 2026-11-20 10:05:12 UTC".</param>
/// <param name="Details">What the event adds beyond the sentence (an adapter's own summary, a checklist).</param>
public sealed record TimelineEntry(
    long Sequence,
    Guid StreamId,
    string Stream,
    long Version,
    string Type,
    DateTimeOffset RecordedAt,
    BusinessTime? BusinessTime,
    string When,
    Actor Actor,
    string What,
    string? Why,
    string? Details,
    IReadOnlyList<EvidenceReference> Evidence,
    StatusChange? StatusChange,
    string? CorrelationId);
