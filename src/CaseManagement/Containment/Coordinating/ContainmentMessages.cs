using Wolverine;
using Wolverine.Persistence.Sagas;

namespace CaseManagement.Containment.Coordinating;

/// <summary>Something about the run changed (a request, a decision, a step's result): decide what comes next.</summary>
public sealed record AdvanceContainmentRun([property: SagaIdentity] Guid RunId, Guid IncidentId);

/// <summary>
/// A step handed out as dispatch number <paramref name="Dispatch"/> has had its time; if it is still unfinished, the run
/// blocks on it instead of waiting forever.
/// </summary>
public sealed record ContainmentStepTimedOut([property: SagaIdentity] Guid RunId, Guid IncidentId, string StepId, int Dispatch, TimeSpan After)
    : TimeoutMessage(After);

/// <summary>Carry out one step on the shop.</summary>
public sealed record ExecuteContainmentStep(Guid RunId, Guid IncidentId, string StepId, int Dispatch);

/// <summary>Undo one step on the shop from the state captured before it ran.</summary>
public sealed record CompensateContainmentStep(Guid RunId, Guid IncidentId, string StepId, int Dispatch);

/// <summary>A run completed: record the milestone on the incident, if its lifecycle still takes it.</summary>
public sealed record RecordIncidentContained(Guid IncidentId, Guid RunId, DateTimeOffset ContainedAt, string Summary);

/// <summary>A completed run was reopened (a required step is being rolled back): the incident's containment, if recorded, no longer stands.</summary>
public sealed record WithdrawIncidentContainment(Guid IncidentId, Guid RunId, string StepId, string Reason);
