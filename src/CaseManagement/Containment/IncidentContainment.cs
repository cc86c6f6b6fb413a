using CaseManagement.Containment;
using CaseManagement.Containment.Coordinating;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Incidents;

// What the incident keeps of containment: the runs people started (each run has its own stream) and the milestone.
public sealed partial record Incident
{
    /// <summary>Containment runs started on this incident, oldest first; their progress is on their own streams.</summary>
    public IReadOnlyList<Guid> ContainmentRunIds { get; init; } = [];

    public Incident Apply(IEvent<ContainmentRunStarted> e) => Touch(e) with { ContainmentRunIds = [.. ContainmentRunIds, e.Data.RunId] };
}

/// <summary>
/// A run completed: the incident records that it is contained, if its lifecycle still takes it (it may have been
/// contained by hand meanwhile, or closed). Another writer on the incident fails the commit; Wolverine's concurrency
/// policy retries the message against the fresh incident.
/// </summary>
public static class RecordIncidentContainedHandler
{
    public static void Before(IDocumentSession session) => session.LastModifiedBy = ContainmentRunSaga.Actor;

    public static IEnumerable<object> Handle(RecordIncidentContained message, [WriteAggregate] Incident incident)
    {
        if (IncidentLifecycle.Check(incident, IncidentAction.Contain) is null)
        {
            yield return new IncidentContained(incident.Id, message.ContainedAt, message.Summary);
        }
    }
}

/// <summary>
/// A completed run was reopened: a containment the incident records no longer stands, whoever recorded it, since a required
/// step that cut the attacker off is being undone. Recorded even on a closed incident: its record must not keep a verdict the
/// events no longer prove. A person records containment again, or the run completes again.
/// </summary>
public static class WithdrawIncidentContainmentHandler
{
    public static void Before(IDocumentSession session) => session.LastModifiedBy = ContainmentRunSaga.Actor;

    public static IEnumerable<object> Handle(WithdrawIncidentContainment message, [WriteAggregate] Incident incident)
    {
        if (incident.ContainedAt is not null)
        {
            yield return new IncidentContainmentWithdrawn(incident.Id, message.RunId, message.StepId, message.Reason);
        }
    }
}
