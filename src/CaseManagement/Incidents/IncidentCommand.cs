using CaseManagement.Api;

namespace CaseManagement.Incidents;

/// <summary>
/// A change a person asks for on an existing incident. Validation and the decision are pure: given the
/// current state and the time, they say what is wrong with the request or which events to record.
/// </summary>
public interface IIncidentCommand
{
    static abstract IncidentAction Action { get; }

    /// <summary>The route segment after /api/incidents/{id}/ when it is not the action's wire name.</summary>
    static virtual string? Route => null;

    /// <summary>Optimistic concurrency: the version the client based its decision on.</summary>
    long? ExpectedVersion { get; }

    void Validate(Validation validation, DateTimeOffset now);

    /// <summary>Why this particular request cannot be carried out in the incident's current state (409), beyond the lifecycle's rules.</summary>
    string? Refuse(Incident incident) => null;

    IEnumerable<object> Decide(Incident incident, DateTimeOffset now);
}

/// <summary>What every command answers: where the incident stands now and what may follow.</summary>
public sealed record IncidentChanged(Guid Id, long Version, IncidentStatus Status, IReadOnlyList<IncidentAction> AllowedActions);
