using System.Security.Cryptography;
using System.Text;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Security;
using Marten;

namespace CaseManagement.Audit.Reports.PeriodReports;

/// <summary>
/// The organisation's own audit log: reads that span incidents (period reports) are recorded here, one stream per
/// organisation, rather than on every incident they touch, which would add an event to each incident for one read.
/// </summary>
public static class AuditLog
{
    /// <summary>The organisation's stream: derived from its name, so it needs no lookup and never changes.</summary>
    public static Guid StreamFor(string organisation)
    {
        Span<byte> id = SHA256.HashData(Encoding.UTF8.GetBytes($"casemanagement:audit-log:{organisation}")).AsSpan(0, 16);
        // RFC 9562 version 8 (custom) with the RFC variant, so the id reads as what it is.
        id[6] = (byte)((id[6] & 0x0F) | 0x80);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id, bigEndian: true);
    }

    public static async Task RecordAsync(IDocumentStore store, ReportReader reader, object fact, CancellationToken ct)
    {
        await using var session = store.LightweightSession(reader.Organisation);
        session.LastModifiedBy = reader.Actor;
        session.Events.Append(StreamFor(reader.Organisation), fact);
        await session.SaveChangesAsync(ct);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit-log", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var events = await session.Events.FetchStreamAsync(StreamFor(ReportReader.Of(http).Organisation), token: ct);
                return Results.Ok(events.Select(e => AuditTimeline.Entry(e, null, null)).ToList());
            })
            .WithName("GetAuditLog")
            .WithSummary("The organisation's audit log: every period report exported, by whom, when, for which period and incidents")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<List<TimelineEntry>>();
}
