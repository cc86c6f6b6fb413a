using System.Globalization;
using CaseManagement.Audit.Reports.Rendering;

namespace CaseManagement.Audit.Reports.IncidentReports;

/// <summary>The timeline as a spreadsheet: one row per event, with its chain link where one is recorded (docs/audit-reports.md lists the columns).</summary>
public static class AuditReportCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "incident_id", "stream", "stream_id", "version", "sequence", "type", "recorded_at", "business_time", "business_time_meaning", "when", "actor_kind", "actor",
        "what", "why", "details", "evidence", "status_from", "status_to", "correlation_id", "hash", "previous_hash",
    ];

    public static byte[] Write(AuditReport report)
    {
        var links = report.Chain.Streams.SelectMany(s => s.Links.Select(l => (s.StreamId, Link: l))).ToDictionary(x => (x.StreamId, x.Link.Version), x => x.Link);
        return Csv.Write(Columns, report.Timeline.Select(e => (IReadOnlyList<string?>)
        [
            report.Incident.Id.ToString(),
            e.Stream,
            e.StreamId.ToString(),
            e.Version.ToString(CultureInfo.InvariantCulture),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.Type,
            Iso(e.RecordedAt),
            e.BusinessTime is { } at ? Iso(at.At) : null,
            e.BusinessTime?.Meaning,
            e.When,
            e.Actor.Kind,
            e.Actor.Id,
            e.What,
            e.Why,
            e.Details,
            string.Join("; ", e.Evidence.Select(Evidence)),
            e.StatusChange?.From,
            e.StatusChange?.To,
            e.CorrelationId,
            links.GetValueOrDefault((e.StreamId, e.Version))?.Hash,
            links.GetValueOrDefault((e.StreamId, e.Version))?.PreviousHash,
        ]));
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Evidence(Timeline.EvidenceReference e) =>
        $"{e.Item}{(e.Id is null ? "" : $" [{e.Id}]")}{(e.Sha256 is null ? "" : $" sha256:{e.Sha256}")}";
}
