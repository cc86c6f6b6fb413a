using CaseManagement.Api;
using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>Which sector regimes the shop falls under (financial entity, HIPAA covered entity, card data...).</summary>
public sealed record RecordSectorFlags(IReadOnlyList<string>? Flags, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static readonly IReadOnlyList<string> Known =
        ["financial-entity", "covered-entity", "card-data", "listed-company", "essential-entity", "data-held-for-another"];

    public static IncidentAction Action => IncidentAction.RecordSectorFlags;

    public static string? Route => "facts/sector-flags";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Items("flags", Flags).Within("flags", Flags, Known).Optional("reason", Reason);
        if (Flags is null)
        {
            validation.Add("flags", $"is required (an empty list means none apply); known: {string.Join(", ", Known)}");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new SectorFlagsRecorded(incident.Id, [.. Flags!.Distinct()], Reason?.Trim())];
}
