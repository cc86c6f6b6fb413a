namespace CaseManagement.Incidents.Triage;

/// <summary>Notes are append-only: a correction is another note, never an edit.</summary>
public sealed record AddNote(string? Text, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AddNote;
}

public static class AddNoteEndpoint
{
    public static ProblemDetails Validate(AddNote command) => new Validation().Required("text", command.Text, 10_000).ToProblem();

    [WolverinePost("/api/incidents/{id}/add-note", OperationId = nameof(AddNote), Summary = "Add a note")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, NoteAdded) Post(AddNote command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new NoteAdded(incident.Id, command.Text!.Trim()));
}
