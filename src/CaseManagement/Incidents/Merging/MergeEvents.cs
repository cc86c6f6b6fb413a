using JasperFx.Events;

namespace CaseManagement.Incidents;

/// <summary>On the duplicate's stream: it was found to be the same breach as <paramref name="DuplicateOf"/>; work continues there.</summary>
public sealed record IncidentMarkedDuplicate(Guid IncidentId, Guid DuplicateOf, string Reason);

/// <summary>On the surviving incident's stream: a duplicate was merged into it; both keep their histories.</summary>
public sealed record DuplicateIncidentMerged(Guid IncidentId, Guid DuplicateId, string DuplicateTitle, DateTimeOffset DuplicateDetectedAt,
    DateTimeOffset? DuplicateAwareAt, string Reason);

// What the incident keeps of merges: which incident it duplicates, and which were merged into it.
public sealed partial record Incident
{
    /// <summary>The incident this one was merged into as a duplicate; cleared when it is reopened.</summary>
    public Guid? DuplicateOf { get; init; }

    /// <summary>Incidents merged into this one, oldest first.</summary>
    public IReadOnlyList<Guid> MergedDuplicates { get; init; } = [];

    public Incident Apply(IEvent<IncidentMarkedDuplicate> e) => Touch(e) with { DuplicateOf = e.Data.DuplicateOf };

    public Incident Apply(IEvent<DuplicateIncidentMerged> e) => Touch(e) with { MergedDuplicates = [.. MergedDuplicates, e.Data.DuplicateId] };
}
