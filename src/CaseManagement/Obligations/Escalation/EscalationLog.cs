using JasperFx.Events;

namespace CaseManagement.Obligations.Escalation;

/// <summary>
/// The escalations raised for one incident, on a stream of their own (<see cref="Incidents.IncidentStreams.Escalations"/>):
/// a deadline drawing near is news for people, not a change of the incident, so it never moves the incident's version.
/// Kept so that no escalation is raised twice.
/// </summary>
public sealed record EscalationLog
{
    public Guid Id { get; init; }
    public long Version { get; set; }
    public Guid IncidentId { get; init; }
    public IReadOnlyList<EscalationKey> Raised { get; init; } = [];

    public static EscalationLog Create(IEvent<DeadlineApproaching> e) => new() { Id = e.StreamId, IncidentId = e.Data.IncidentId, Raised = [e.Data.Key] };

    public static EscalationLog Create(IEvent<DeadlineMissed> e) => new() { Id = e.StreamId, IncidentId = e.Data.IncidentId, Raised = [e.Data.Key] };

    public static EscalationLog Create(IEvent<ObligationFactsMissing> e) => new() { Id = e.StreamId, IncidentId = e.Data.IncidentId, Raised = [e.Data.Key] };

    public EscalationLog Apply(DeadlineApproaching e) => this with { Raised = [.. Raised, e.Key] };

    public EscalationLog Apply(DeadlineMissed e) => this with { Raised = [.. Raised, e.Key] };

    public EscalationLog Apply(ObligationFactsMissing e) => this with { Raised = [.. Raised, e.Key] };
}

/// <summary>What the planner scheduled last for an incident, so a change of facts schedules only what is new or moved.</summary>
public sealed class EscalationSchedule
{
    public Guid Id { get; set; }
    public List<EscalationTarget> Targets { get; set; } = [];

    /// <summary>The newest incident event planned for; a plan for an older one means the subscription was rewound.</summary>
    public long PlannedThrough { get; set; }
}
