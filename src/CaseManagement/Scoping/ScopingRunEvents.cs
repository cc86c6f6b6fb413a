namespace CaseManagement.Scoping;

// A scoping run is a process with its own stream: it starts with its definition and ends completed or failed. The
// incident keeps the person's request (the link to the run) and, when the run completes, the facts it produced
// (AffectedCountsRecorded, the fact the deadlines read) and the milestone (IncidentScoped).

/// <summary>On the incident: a person asked for the shop database to be searched for the people this incident affects.</summary>
public sealed record ScopingRunRequested(Guid IncidentId, Guid RunId, string Shop, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> DataCategories);

/// <summary>The first event of a run's own stream: what it searches.</summary>
public sealed record ScopingRunStarted(Guid IncidentId, Guid RunId, string Shop, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> DataCategories);

/// <summary>What a scoping run found; the people are stored per run for notification.</summary>
public sealed record ScopingRunCompleted(
    Guid IncidentId,
    Guid RunId,
    long OrdersScanned,
    long People,
    long ResidenceUnknown,
    IReadOnlyDictionary<string, long> PeopleByJurisdiction,
    IReadOnlyDictionary<string, long> PeopleByDataCategory,
    double Seconds);

/// <summary>The run stopped; the reason says what to fix. Nothing it found was recorded; a new run can be started.</summary>
public sealed record ScopingRunFailed(Guid IncidentId, Guid RunId, string Reason, long OrdersScanned);
