using System.Text.Json.Serialization;
using CaseManagement.Api;
using CaseManagement.Incidents;

namespace CaseManagement.Containment.Deciding;

/// <summary>
/// A person's decision about one step of the incident's latest containment run. The step comes from the route;
/// whether the decision fits the step's state is the pure <see cref="ContainmentDecisions.Refuse"/>.
/// </summary>
public abstract record ContainmentStepCommand
{
    [JsonIgnore]
    public string StepId { get; init; } = "";

    protected abstract ContainmentStepOption Option { get; }

    public string? Refuse(Incident incident) =>
        incident.ContainmentRuns.LastOrDefault() is { } run ? ContainmentDecisions.Refuse(run, StepId, Option) : "no containment run has been started";

    protected static Guid RunOf(Incident incident) => incident.ContainmentRuns[^1].RunId;
}

/// <summary>A compliance lead or approver allows a risky step (deactivating a plugin, ending every session) to run.</summary>
public sealed record ApproveContainmentStep(string? Comment, long? ExpectedVersion) : ContainmentStepCommand, IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.ApproveContainmentStep;

    protected override ContainmentStepOption Option => ContainmentStepOption.Approve;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Optional("comment", Comment);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new ContainmentStepApproved(incident.Id, RunOf(incident), StepId, Comment?.Trim())];
}

/// <summary>A responder records that a manual step (maintenance mode, a file on the server) is done.</summary>
public sealed record CompleteContainmentStep(string? Note, long? ExpectedVersion) : ContainmentStepCommand, IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.CompleteContainmentStep;

    protected override ContainmentStepOption Option => ContainmentStepOption.Complete;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Required("note", Note, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new ManualContainmentStepCompleted(incident.Id, RunOf(incident), StepId, Note!.Trim())];
}

/// <summary>Run a failed step again once its cause is fixed (the shop is reachable again, the password corrected).</summary>
public sealed record RetryContainmentStep(string? Reason, long? ExpectedVersion) : ContainmentStepCommand, IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RetryContainmentStep;

    protected override ContainmentStepOption Option => ContainmentStepOption.Retry;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Optional("reason", Reason);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new ContainmentStepRetryRequested(incident.Id, RunOf(incident), StepId, Reason?.Trim())];
}

/// <summary>Go on without a step; the justification is part of the record an auditor reads.</summary>
public sealed record SkipContainmentStep(string? Justification, long? ExpectedVersion) : ContainmentStepCommand, IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.SkipContainmentStep;

    protected override ContainmentStepOption Option => ContainmentStepOption.Skip;

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Required("justification", Justification, 4000);
        if (Justification is { Length: > 0 and < 10 })
        {
            validation.Add("justification", "say why the step is not needed, in at least 10 characters");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new ContainmentStepSkipped(incident.Id, RunOf(incident), StepId, Justification!.Trim())];
}

/// <summary>Undo what a step changed on the shop, from the state captured before it ran. Credentials come back only when asked.</summary>
public sealed record RollBackContainmentStep(string? Reason, bool? RestoreCredentials, long? ExpectedVersion) : ContainmentStepCommand, IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RollBackContainmentStep;

    protected override ContainmentStepOption Option => ContainmentStepOption.Rollback;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new ContainmentStepRollbackRequested(incident.Id, RunOf(incident), StepId, Reason!.Trim(), RestoreCredentials ?? false)];
}
