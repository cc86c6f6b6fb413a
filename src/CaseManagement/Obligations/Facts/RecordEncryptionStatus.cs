using CaseManagement.Incidents;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

/// <summary>Whether the data was encrypted and the key stayed safe: most US state duties turn on it.</summary>
public sealed record RecordEncryptionStatus(string? Status, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordEncryptionStatus;
}

public static class RecordEncryptionStatusEndpoint
{
    public static ProblemDetails Validate(RecordEncryptionStatus command) => new Validation()
        .OneOf<EncryptionStatus>("status", command.Status)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/facts/encryption", OperationId = nameof(RecordEncryptionStatus),
        Summary = "Record whether the data was encrypted and the key safe")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, EncryptionStatusRecorded) Post(RecordEncryptionStatus command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new EncryptionStatusRecorded(incident.Id, ApiJson.ParseWire<EncryptionStatus>(command.Status!), command.Reason!.Trim()));
}
