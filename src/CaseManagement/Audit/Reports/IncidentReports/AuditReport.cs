using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports.Deadlines;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using JasperFx.Events;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.IncidentReports;

/// <summary>The incident as it stood at the report's instant.</summary>
public sealed record ReportedIncident(
    Guid Id,
    string Title,
    string Shop,
    string Kind,
    string Status,
    string? Severity,
    DateTimeOffset DetectedAt,
    DateTimeOffset? AwareAt,
    DateTimeOffset? ContainedAt,
    DateTimeOffset? ScopedAt,
    DateTimeOffset? NotifiedAt,
    DateTimeOffset? ClosedAt,
    long? EstimatedAffectedPeople,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Responders,
    IReadOnlyList<string> NotifiedRecipients,
    int ContainmentRuns,
    int ReopenCount,
    long Version,
    DateTimeOffset FirstRecordedAt,
    DateTimeOffset LastRecordedAt)
{
    public static ReportedIncident Of(Incident i) => new(i.Id, i.Title, i.Shop, Word(i.Kind), Word(i.Status), i.Severity is { } s ? Word(s) : null,
        i.DetectedAt, i.AwareAt, i.ContainedAt, i.ScopedAt, i.NotifiedAt, i.ClosedAt, i.EstimatedAffectedPeople, i.DataCategories, i.Responders,
        i.NotifiedRecipients, i.ContainmentRuns.Count, i.ReopenCount, i.Version, i.RecordedAt, i.LastRecordedAt);
}

/// <summary>The hash chain links of the events in the report, as the chain writer stored them, each with the bytes it covers.</summary>
/// <param name="Status">linked (every event), partial (some), not-recorded (none yet).</param>
/// <param name="Verification">The service's own check of the whole stream when the report was exported; null when it could not run.</param>
public sealed record ChainSection(string Status, string Note, IReadOnlyList<ChainRecord> Links, ChainVerification? Verification);

/// <summary>How to check the report against the record without trusting this service's word for it.</summary>
public sealed record VerificationInstructions(string Document, IReadOnlyList<string> Steps);

/// <summary>What the report is built from: the events recorded by <paramref name="AsOf"/> and what lies beside the stream.</summary>
public sealed record AuditReportInput(
    IReadOnlyList<IEvent> Events,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    BreachStart? BreachStart,
    IReadOnlyList<ChainRecord> Links,
    ChainVerification? Verification = null);

/// <summary>An incident's audit report: the incident, its phases and deadlines, every event in words, and its chain links.</summary>
public sealed record AuditReport(
    string Report,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    ReportedIncident Incident,
    PhaseReport Phases,
    DeadlineStanding Deadlines,
    IReadOnlyList<TimelineEntry> Timeline,
    ChainSection Chain,
    VerificationInstructions Verification)
{
    public const string Kind = "incident-audit-report/1";

    public const string HashChainDocument = "docs/hash-chain.md";

    public const string OfflineCheckDocument = "docs/audit-reports.md (Checking a report offline)";

    public static AuditReport Build(AuditReportInput input)
    {
        var history = IncidentHistory.Replay(input.Events);
        var incident = history.Incident;
        return new AuditReport(Kind, input.AsOf, input.GeneratedAt, input.GeneratedBy, ReportedIncident.Of(incident),
            IncidentPhases.Of(history, input.BreachStart, input.AsOf), DeadlineStanding.Of(incident.Id, input.Events, input.AsOf),
            AuditTimeline.Entries(history), ChainOf(input.Events, input.Links, input.Verification), Instructions(incident.Id));
    }

    private static ChainSection ChainOf(IReadOnlyList<IEvent> events, IReadOnlyList<ChainRecord> links, ChainVerification? verification)
    {
        var covered = links.Where(l => events.Any(e => e.Version == l.Version)).OrderBy(l => l.Version).ToList();
        return covered.Count switch
        {
            0 => new ChainSection("not-recorded", "No hash chain links are recorded for these events yet; the timeline is still the stored record.", [], verification),
            _ when covered.Count == events.Count => new ChainSection("linked", $"Every one of the {events.Count} events has its link.", covered, verification),
            _ => new ChainSection("partial",
                $"{covered.Count} of {events.Count} events have a link; unlinked versions: " +
                $"{string.Join(", ", events.Select(e => e.Version).Except(covered.Select(l => l.Version)))}.", covered, verification),
        };
    }

    /// <summary>The service's own check at export, in words.</summary>
    public static string VerificationSentence(ChainVerification? verification) => verification switch
    {
        null => "The service found no chain for this stream when it exported this report.",
        { Intact: true } v => $"Checked by the service at export: intact, {v.EventsChecked} events, head version {v.HeadVersion} hash {v.HeadHash}" +
                              (v.CheckpointAt is { } at ? $", matching the checkpoint signed at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC." : "."),
        { FirstBreak: { } b } => $"Checked by the service at export: BROKEN, {b.Kind} at version {b.Version}: {b.Detail}",
        _ => "Checked by the service at export: not intact.",
    };

    private static VerificationInstructions Instructions(Guid id) => new(OfflineCheckDocument,
    [
        "With this JSON file alone: the SHA-256 of the UTF-8 bytes of each chain.links[].canonical equals that link's hash " +
        "(build/verify-audit-report.sh checks this and the next two steps with jq and sha256sum).",
        "Versions run 1, 2, 3… without a gap; each canonical names its link's previousHash, which is the hash of the link before; version 1's is 64 zeros.",
        "Every timeline entry's version has a link, and its canonical holds the event's stored type, time, actor and data " +
        $"(the bytes are specified in {HashChainDocument}).",
        $"Tie the last hash to the record: a signed checkpoint's head for stream {id} (GET /api/chain/checkpoints) or GET /api/incidents/{id}/chain.",
        "Match a filed copy of this report to the record by its SHA-256: the audit_report_exported event recorded right after the export names it.",
    ]);
}
