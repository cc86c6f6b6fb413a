using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>The kinds of personal data involved, as now known; replaces the earlier set.</summary>
public sealed record RecordDataCategories(IReadOnlyList<string>? Categories, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordDataCategories;
}

public static class RecordDataCategoriesEndpoint
{
    public static ProblemDetails Validate(RecordDataCategories command)
    {
        var validation = new Validation().Items("categories", command.Categories).Within("categories", command.Categories, Vocabulary.DataCategories)
            .Optional("reason", command.Reason);
        if (command.Categories is null)
        {
            validation.Add("categories", $"is required (an empty list means no personal data); known: {string.Join(", ", Vocabulary.DataCategories)}");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/facts/data-categories", OperationId = nameof(RecordDataCategories), Summary = "Record the kinds of personal data involved")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, DataCategoriesRecorded) Post(RecordDataCategories command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new DataCategoriesRecorded(incident.Id, [.. command.Categories!.Distinct()], command.Reason?.Trim()));
}
