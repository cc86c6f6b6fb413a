using CaseManagement.Containment;
using CaseManagement.Containment.Evidence;
using JasperFx.Events;

namespace CaseManagement.Incidents;

// The incident's containment runs, folded from their events. Kept beside the aggregate so the lifecycle, the run's
// saga and the API all read one state; each event type needs its own Apply for Marten's generated projection.
public sealed partial record Incident
{
    /// <summary>Containment runs, oldest first.</summary>
    public IReadOnlyList<ContainmentRun> ContainmentRuns { get; init; } = [];

    public ContainmentRun? ActiveContainmentRun => ContainmentRuns.LastOrDefault(r => r.IsActive);

    public ContainmentRun? FindContainmentRun(Guid runId) => ContainmentRuns.FirstOrDefault(r => r.RunId == runId);

    public Incident Apply(IEvent<ContainmentRequested> e) =>
        Touch(e) with { ContainmentRuns = [.. ContainmentRuns, ContainmentRun.Start(e.Data, e.Timestamp, e.UserName)] };

    public Incident Apply(IEvent<ContainmentStepAwaitingApproval> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepApproved> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ManualContainmentStepAwaiting> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ManualContainmentStepCompleted> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepStarted> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepAttemptFailed> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepSucceeded> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepFailed> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentBlocked> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepRetryRequested> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepSkipped> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepRollbackRequested> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepCompensated> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentStepCompensationFailed> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<ContainmentCompleted> e) => Fold(e, e.Data.RunId);

    public Incident Apply(IEvent<EvidencePreserved> e) => Touch(e);

    public Incident Apply(IEvent<EvidenceAccessed> e) => Touch(e);

    public Incident Apply(IEvent<EvidenceVerified> e) => Touch(e);

    private Incident Fold(IEvent e, Guid runId) => Touch(e) with
    {
        ContainmentRuns = [.. ContainmentRuns.Select(r => r.RunId == runId ? r.On(e.Data, e.Timestamp, e.UserName) : r)],
    };
}
