using CaseManagement.Security.Pii;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Containment;

// A containment run's own stream: what a person asked for, what the service did to the shop (with the state before),
// what failed and why, and every human decision about its steps in between. People's decisions are recorded by the
// API with their actor; the run's own steps by "system:containment". The incident stream keeps only the link
// (ContainmentRunStarted, the person's decision to contain) and the milestone (IncidentContained).

/// <summary>
/// One step as it will run for this incident: the playbook step with the responder's parameters filled in (secret
/// ones as "{name}" placeholders), the platform's tables, and the checklist a person works through when it is manual.
/// </summary>
/// <param name="Automated">False when only a person can do it (a manual step, or an action the platform cannot do through its database).</param>
public sealed record ContainmentStepPlan(
    string Id,
    string Title,
    string Action,
    string Why,
    IReadOnlyDictionary<string, string> Arguments,
    bool Automated,
    bool RequiresApproval,
    bool Required,
    string Compensation,
    int TimeoutMinutes,
    IReadOnlyList<string>? EvidenceTables,
    IReadOnlyList<string> Checklist);

/// <summary>On the incident: a person started containment run <paramref name="RunId"/>; the run has its own stream.</summary>
public sealed record ContainmentRunStarted(Guid IncidentId, Guid RunId, string Playbook, int PlaybookVersion, string? Reason);

/// <summary>A responder started a playbook on the incident's shop: the first event of the run's stream.</summary>
/// <param name="Parameters">What the responder supplied; secret values appear as "[secret]" and are kept in <paramref name="Secrets"/>.</param>
public sealed record ContainmentRequested(
    Guid IncidentId,
    Guid RunId,
    string Playbook,
    int PlaybookVersion,
    string PlaybookSha256,
    string Shop,
    string Platform,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, ProtectedValue> Secrets,
    IReadOnlyList<ContainmentStepPlan> Steps,
    string? Reason);

public sealed record ContainmentStepAwaitingApproval(Guid IncidentId, Guid RunId, string StepId, string Why);

public sealed record ContainmentStepApproved(Guid IncidentId, Guid RunId, string StepId, string? Comment);

/// <summary>A manual step is waiting for a person to do it on the shop's server and record that it is done.</summary>
public sealed record ManualContainmentStepAwaiting(Guid IncidentId, Guid RunId, string StepId, IReadOnlyList<string> Checklist);

public sealed record ManualContainmentStepCompleted(Guid IncidentId, Guid RunId, string StepId, string Note);

/// <summary>
/// The service is about to change the shop. The state before is captured first and kept encrypted (it may hold
/// password hashes or API key secrets), so a compensation can restore it even if the service stops mid-step.
/// </summary>
public sealed record ContainmentStepStarted(Guid IncidentId, Guid RunId, string StepId, int Attempt, ProtectedValue? BeforeState, string? BeforeSummary);

/// <summary>An attempt failed for a reason worth retrying (unreachable, timeout); the run retries at <paramref name="RetryAt"/>.</summary>
public sealed record ContainmentStepAttemptFailed(Guid IncidentId, Guid RunId, string StepId, int Attempt, string Reason, DateTimeOffset RetryAt);

/// <param name="Changes">Exactly what changed on the shop, never a secret; empty when the shop already was as asked.</param>
/// <param name="EvidenceId">For preserve-evidence, the evidence item written.</param>
/// <param name="Findings">For a skimmer scan, what was found.</param>
public sealed record ContainmentStepSucceeded(
    Guid IncidentId,
    Guid RunId,
    string StepId,
    string Summary,
    IReadOnlyList<ShopChange> Changes,
    Guid? EvidenceId = null,
    IReadOnlyList<SkimmerFinding>? Findings = null);

public sealed record ContainmentStepFailed(Guid IncidentId, Guid RunId, string StepId, string Reason, int Attempts);

/// <summary>The run cannot go on until a person chooses one of <paramref name="Options"/>.</summary>
public sealed record ContainmentBlocked(Guid IncidentId, Guid RunId, string StepId, string Reason, IReadOnlyList<string> Options);

public sealed record ContainmentStepRetryRequested(Guid IncidentId, Guid RunId, string StepId, string? Reason);

public sealed record ContainmentStepSkipped(Guid IncidentId, Guid RunId, string StepId, string Justification);

/// <param name="RestoreCredentials">Also put back revoked keys, tokens and password hashes; off unless a person asks.</param>
public sealed record ContainmentStepRollbackRequested(Guid IncidentId, Guid RunId, string StepId, string Reason, bool RestoreCredentials);

public sealed record ContainmentStepCompensated(Guid IncidentId, Guid RunId, string StepId, string Summary, IReadOnlyList<ShopChange> Changes);

public sealed record ContainmentStepCompensationFailed(Guid IncidentId, Guid RunId, string StepId, string Reason);

/// <summary>Every required step succeeded, was done by hand, or was skipped with a justification.</summary>
public sealed record ContainmentCompleted(Guid IncidentId, Guid RunId, string Summary);

/// <summary>
/// A required step of a completed run is being rolled back: the run no longer stands completed, and its claim that the
/// incident is contained is withdrawn until the step is run again (or skipped with a justification) and the run completes again.
/// </summary>
public sealed record ContainmentRunReopened(Guid IncidentId, Guid RunId, string StepId, string Reason);

/// <summary>A compliance lead set an unfinished run aside so that a new one can start; nothing more runs in it, and it never completes.</summary>
public sealed record ContainmentRunSuperseded(Guid IncidentId, Guid RunId, string Reason);
