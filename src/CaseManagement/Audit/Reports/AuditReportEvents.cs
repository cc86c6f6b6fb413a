namespace CaseManagement.Audit.Reports;

/// <summary>The formats a report is exported in; json is what machines read, the others what people file.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Html,
    Pdf,
}

/// <summary>
/// Someone exported the incident's audit report: reads of the record are part of the record. The actor is in the
/// event's metadata; the roles are kept here because metadata names who, not in which capacity.
/// </summary>
/// <param name="AsOf">The instant the report shows the incident at.</param>
/// <param name="AsOfVersion">The incident's version the report shows.</param>
/// <param name="Sha256">Hex SHA-256 of the bytes served, so a filed copy can be matched to this export.</param>
public sealed record AuditReportExported(Guid IncidentId, string Format, DateTimeOffset AsOf, long AsOfVersion, IReadOnlyList<string> Roles, string Sha256);

/// <summary>
/// Someone exported the organisation's period report (on the organisation's audit log stream, see <see cref="AuditLog"/>).
/// </summary>
/// <param name="Incidents">The incidents the report covered.</param>
public sealed record PeriodReportExported(
    Guid AuditLogId,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    string Format,
    IReadOnlyList<Guid> Incidents,
    IReadOnlyList<string> Roles,
    string Sha256);
