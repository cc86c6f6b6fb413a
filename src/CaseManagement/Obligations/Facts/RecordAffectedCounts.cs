using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// How many residents of each place are affected, as now assessed. A new recording replaces the whole
/// set (a new assessment); scoping runs will record the same event with source "scoping".
/// </summary>
public sealed record RecordAffectedCounts(IReadOnlyList<AffectedCount>? Counts, string? Basis, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordAffectedCounts;

    public static string? Route => "facts/affected-counts";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Required("basis", Basis, 4000);
        if (Counts is null)
        {
            validation.Add("counts", "is required, e.g. [{\"residence\":\"US-CA\",\"count\":1200},{\"residence\":\"DE\",\"count\":300}]");
            return;
        }

        for (var i = 0; i < Counts.Count; i++)
        {
            var (residence, count) = (Counts[i].Residence, Counts[i].Count);
            if (residence is null || !ResidenceCodes.Known.Contains(residence))
            {
                validation.Add($"counts[{i}].residence", $"'{residence}' is not an ISO 3166-1 alpha-2 country or a known subdivision such as US-CA or CA-QC");
            }

            if (count < 0)
            {
                validation.Add($"counts[{i}].count", "cannot be negative");
            }
        }

        foreach (var duplicate in Counts.GroupBy(c => c.Residence).Where(g => g.Count() > 1))
        {
            validation.Add("counts", $"'{duplicate.Key}' appears more than once");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new AffectedCountsRecorded(incident.Id, Counts!, "manual", Basis!.Trim())];
}
