using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports.Deadlines;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
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
        i.NotifiedRecipients, i.ContainmentRunIds.Count, i.ReopenCount, i.Version, i.RecordedAt, i.LastRecordedAt);
}

/// <summary>One stream's hash chain links, as the chain writer stored them, each with the bytes it covers.</summary>
/// <param name="Status">linked (every event of the stream in the report), partial (some), not-recorded (none yet).</param>
/// <param name="Verification">The service's own check of the whole stream when the report was exported; null when it could not run.</param>
public sealed record StreamChain(Guid StreamId, string Stream, string Status, string Note, IReadOnlyList<ChainRecord> Links, ChainVerification? Verification);

/// <summary>The chains of every stream in the report's record: each stream is chained on its own (docs/hash-chain.md).</summary>
public sealed record ChainSection(string Status, string Note, IReadOnlyList<StreamChain> Streams);

/// <summary>How to check the report against the record without trusting this service's word for it.</summary>
public sealed record VerificationInstructions(string Document, IReadOnlyList<string> Steps);

/// <summary>What the service's chain verifier found for one stream of the record: its links with the bytes they cover, and its verdict.</summary>
public sealed record StreamLinks(Guid StreamId, IReadOnlyList<ChainRecord> Links, ChainVerification? Verification);

/// <summary>What the report is built from: the incident's record by <paramref name="AsOf"/> and what lies beside it.</summary>
public sealed record AuditReportInput(
    IncidentRecord Record,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    BreachStart? BreachStart,
    IReadOnlyList<StreamLinks> Links);

/// <summary>An incident's audit report: the incident, its phases and deadlines, every event of its record in words, and its chain links.</summary>
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
    public const string Kind = "incident-audit-report/2";

    public const string HashChainDocument = "docs/hash-chain.md";

    public const string OfflineCheckDocument = "docs/audit-reports.md (Checking a report offline)";

    public static async Task<AuditReport> BuildAsync(AuditReportInput input, CancellationToken ct = default)
    {
        var history = await IncidentHistory.ReplayAsync(input.Record.IncidentEvents, ct);
        var incident = history.Incident;
        return new AuditReport(Kind, input.AsOf, input.GeneratedAt, input.GeneratedBy, ReportedIncident.Of(incident),
            IncidentPhases.Of(history, input.BreachStart, input.AsOf), DeadlineStanding.Of(incident.Id, input.Record.IncidentEvents, input.AsOf),
            AuditTimeline.Entries(input.Record, history), ChainOf(input.Record, input.Links), Instructions(incident.Id));
    }

    private static ChainSection ChainOf(IncidentRecord record, IReadOnlyList<StreamLinks> links)
    {
        var streams = record.Events.GroupBy(e => e.StreamId).Select(events =>
        {
            var found = links.FirstOrDefault(l => l.StreamId == events.Key);
            var versions = events.Select(e => e.Version).ToHashSet();
            var covered = (found?.Links ?? []).Where(l => versions.Contains(l.Version)).OrderBy(l => l.Version).ToList();
            var kind = record.KindOf(events.Key);
            return covered.Count switch
            {
                0 => new StreamChain(events.Key, kind, "not-recorded", "No hash chain links are recorded for these events yet.", [], found?.Verification),
                _ when covered.Count == versions.Count => new StreamChain(events.Key, kind, "linked", $"Every one of the {versions.Count} events has its link.",
                    covered, found?.Verification),
                _ => new StreamChain(events.Key, kind, "partial", $"{covered.Count} of {versions.Count} events have a link; unlinked versions: " +
                    $"{string.Join(", ", versions.Order().Except(covered.Select(l => l.Version)))}.", covered, found?.Verification),
            };
        }).ToList();
        var status = streams.All(s => s.Status == "linked") ? "linked" : streams.Any(s => s.Status != "not-recorded") ? "partial" : "not-recorded";
        return new ChainSection(status, $"{streams.Count} streams; {streams.Count(s => s.Status == "linked")} with every event linked.", streams);
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
        "With this JSON file alone, for each stream in chain.streams: the SHA-256 of the UTF-8 bytes of each links[].canonical equals that link's hash " +
        "(build/verify-audit-report.sh checks this and the next two steps with jq and sha256sum).",
        "Within a stream, versions run 1, 2, 3… without a gap; each canonical names its link's previousHash, which is the hash of the link before; " +
        "version 1's is 64 zeros.",
        "Every timeline entry's stream and version has a link, and its canonical holds the event's stored type, time, actor and data " +
        $"(the bytes are specified in {HashChainDocument}).",
        $"Tie each stream's last hash to the record: a signed checkpoint's heads (GET /api/chain/checkpoints) or GET /api/incidents/{id}/chain.",
        "Match a filed copy of this report to the record by its SHA-256: the audit_report_exported event recorded right after the export, on the " +
        "incident's access log, names it.",
    ]);
}
