using CaseManagement.Incidents;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// How many residents of each place are affected, as now assessed. A new recording replaces the whole
/// set (a new assessment); scoping runs record the same event with source "scoping".
/// </summary>
public sealed record RecordAffectedCounts(IReadOnlyList<AffectedCount>? Counts, string? Basis, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordAffectedCounts;
}

public static class RecordAffectedCountsEndpoint
{
    public static ProblemDetails Validate(RecordAffectedCounts command) =>
        Counts(new Validation().Required("basis", command.Basis, 4000), command.Counts).ToProblem();

    /// <summary>The rules for a set of counts, shared with what-if.</summary>
    public static Validation Counts(Validation validation, IReadOnlyList<AffectedCount>? counts)
    {
        if (counts is null)
        {
            return validation.Add("counts", "is required, e.g. [{\"residence\":\"US-CA\",\"count\":1200},{\"residence\":\"DE\",\"count\":300}]");
        }

        for (var i = 0; i < counts.Count; i++)
        {
            var (residence, count) = (counts[i].Residence, counts[i].Count);
            if (residence is null || !ResidenceCodes.Known.Contains(residence))
            {
                validation.Add($"counts[{i}].residence", $"'{residence}' is not an ISO 3166-1 alpha-2 country or a known subdivision such as US-CA or CA-QC");
            }

            if (count < 0)
            {
                validation.Add($"counts[{i}].count", "cannot be negative");
            }
        }

        foreach (var duplicate in counts.GroupBy(c => c.Residence).Where(g => g.Count() > 1))
        {
            validation.Add("counts", $"'{duplicate.Key}' appears more than once");
        }

        return validation;
    }

    [WolverinePost("/api/incidents/{id}/facts/affected-counts", OperationId = nameof(RecordAffectedCounts),
        Summary = "Record affected residents per country or state")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, AffectedCountsRecorded) Post(RecordAffectedCounts command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new AffectedCountsRecorded(incident.Id, command.Counts!, "manual", command.Basis!.Trim()));
}
