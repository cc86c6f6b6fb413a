using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>Which sector regimes the shop falls under (financial entity, HIPAA covered entity, card data...).</summary>
public sealed record RecordSectorFlags(IReadOnlyList<string>? Flags, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static readonly IReadOnlyList<string> Known =
        ["financial-entity", "covered-entity", "card-data", "listed-company", "essential-entity", "data-held-for-another"];

    public static IncidentAction Action => IncidentAction.RecordSectorFlags;
}

public static class RecordSectorFlagsEndpoint
{
    public static ProblemDetails Validate(RecordSectorFlags command)
    {
        var validation = new Validation().Items("flags", command.Flags).Within("flags", command.Flags, RecordSectorFlags.Known).Optional("reason", command.Reason);
        if (command.Flags is null)
        {
            validation.Add("flags", $"is required (an empty list means none apply); known: {string.Join(", ", RecordSectorFlags.Known)}");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/facts/sector-flags", OperationId = nameof(RecordSectorFlags),
        Summary = "Record the sector regimes that apply (financial entity, card data...)")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, SectorFlagsRecorded) Post(RecordSectorFlags command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new SectorFlagsRecorded(incident.Id, [.. command.Flags!.Distinct()], command.Reason?.Trim()));
}
