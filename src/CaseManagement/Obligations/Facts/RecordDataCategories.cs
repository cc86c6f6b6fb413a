using CaseManagement.Api;
using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>The kinds of personal data involved, as now known; replaces the earlier set.</summary>
public sealed record RecordDataCategories(IReadOnlyList<string>? Categories, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordDataCategories;

    public static string? Route => "facts/data-categories";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Items("categories", Categories).Within("categories", Categories, Vocabulary.DataCategories).Optional("reason", Reason);
        if (Categories is null)
        {
            validation.Add("categories", $"is required (an empty list means no personal data); known: {string.Join(", ", Vocabulary.DataCategories)}");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new DataCategoriesRecorded(incident.Id, [.. Categories!.Distinct()], Reason?.Trim())];
}
