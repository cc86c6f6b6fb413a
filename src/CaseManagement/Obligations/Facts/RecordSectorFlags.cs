using CaseManagement.Incidents;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// Which sector regimes the shop falls under, in the words of the incident's catalogue version: from 2026.12.1 each flag
/// means one legal status (a NYDFS licensee is not a HIPAA covered entity), so an incident is offered only the flags its own
/// version's rules read.
/// </summary>
public sealed record RecordSectorFlags(IReadOnlyList<string>? Flags, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordSectorFlags;
}

public static class RecordSectorFlagsEndpoint
{
    public static ProblemDetails Validate(RecordSectorFlags command, Incident incident)
    {
        var catalogue = IncidentCatalogue.Of(incident);
        var known = SectorFlag.UsedBy(catalogue);
        var validation = new Validation().Items("flags", command.Flags).Optional("reason", command.Reason);
        if (command.Flags is null)
        {
            validation.Add("flags", $"is required (an empty list means none apply); known: {string.Join(", ", known)}");
        }

        for (var i = 0; i < (command.Flags?.Count ?? 0); i++)
        {
            var flag = command.Flags![i];
            if (catalogue.SplitOf(flag) is { } split)
            {
                validation.Add($"flags[{i}]", $"'{flag}' is retired in catalogue {catalogue.Version}: record {string.Join(" and/or ", split.Into)} instead ({split.Note})");
            }
            else if (!known.Contains(flag))
            {
                validation.Add($"flags[{i}]", $"'{flag}' is read by no rule of catalogue {catalogue.Version}; known: {string.Join(", ", known)}");
            }
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/facts/sector-flags", OperationId = nameof(RecordSectorFlags),
        Summary = "Record the sector regimes that apply (NYDFS licensee, HIPAA covered entity, card data...), in the words of the incident's catalogue version")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, SectorFlagsRecorded) Post(RecordSectorFlags command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new SectorFlagsRecorded(incident.Id, [.. command.Flags!.Distinct()], command.Reason?.Trim()));
}
