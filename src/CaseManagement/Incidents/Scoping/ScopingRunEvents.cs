namespace CaseManagement.Incidents.Scoping;

/// <summary>A person asked for the shop database to be searched for the people this incident affects.</summary>
public sealed record ScopingRunRequested(Guid IncidentId, Guid RunId, string Shop, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> DataCategories);

/// <summary>
/// What a scoping run found. The counts it produced are recorded beside it as <c>AffectedCountsRecorded</c>
/// (the fact the deadlines read) and <c>IncidentScoped</c>; the people are stored per run for notification.
/// </summary>
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
