using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

/// <summary>Whether the data was encrypted and the key stayed safe: most US state duties turn on it.</summary>
public sealed record RecordEncryptionStatus(string? Status, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordEncryptionStatus;

    public static string? Route => "facts/encryption";

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .OneOf<EncryptionStatus>("status", Status)
        .Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now)
    {
        ApiJson.TryParseWire<EncryptionStatus>(Status, out var status);
        return [new EncryptionStatusRecorded(incident.Id, status, Reason!.Trim())];
    }
}
