using CaseManagement.Api;

namespace CaseManagement.Incidents.Triage;

/// <summary>Notes are append-only: a correction is another note, never an edit.</summary>
public sealed record AddNote(string? Text, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AddNote;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Required("text", Text, 10_000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new NoteAdded(incident.Id, Text!.Trim())];
}
