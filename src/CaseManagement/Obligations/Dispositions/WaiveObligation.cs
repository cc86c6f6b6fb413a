using System.Security.Claims;
using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Evaluation;
using Marten;

namespace CaseManagement.Obligations.Dispositions;

/// <summary>A compliance lead's decision that a duty will not be met, with the reason: the incident may then close over it.</summary>
public sealed record WaiveObligation(string? RuleId, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.WaiveObligation;
}

public static class WaiveObligationEndpoint
{
    public static async Task<IncidentFactSheet?> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<IncidentFactSheet>(id, ct);

    public static ProblemDetails Validate(WaiveObligation command, IncidentFactSheet? facts, DateTimeOffset now)
    {
        var validation = new Validation().Required("ruleId", command.RuleId, 200).Required("reason", command.Reason, 4000);
        var evaluation = (facts?.State ?? new FactsState()).EvaluateAt(now);
        var duty = command.RuleId is { } id ? evaluation.Obligations.FirstOrDefault(o => o.RuleId == id) : null;
        if (command.RuleId is not null && duty is null)
        {
            validation.Add("ruleId", $"'{command.RuleId}' is not a rule of the incident's catalogue version {evaluation.CatalogueVersion}");
        }

        if (!validation.IsValid || duty is null)
        {
            return validation.ToProblem();
        }

        var nothingToWaive = duty switch
        {
            { SatisfiedAt: { } met } => $"it was met at {met:O}",
            { Applicability: Applicability.NotApplicable } => $"it does not apply: {duty.Reason}",
            { Recipients.Count: 0 } => "it is an exposure that names no one to tell, and closing does not wait for it",
            _ => null,
        };
        return nothingToWaive is null
            ? WolverineContinue.NoProblems
            : new ProblemDetails { Title = "Nothing to waive", Detail = $"{duty.RuleId} needs no waiver: {nothingToWaive}.", Status = StatusCodes.Status409Conflict };
    }

    [WolverinePost("/api/incidents/{id}/obligations/waive", OperationId = nameof(WaiveObligation),
        Summary = "Waive a duty that will not be met, with the reason (a compliance lead's disposition); the incident may then close over it")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, ObligationWaived) Post(WaiveObligation command, [WriteAggregate] Incident incident, ClaimsPrincipal user, DateTimeOffset now) =>
        (new UpdatedAggregate(), new ObligationWaived(incident.Id, command.RuleId!, command.Reason!.Trim(), CaseManagementClaims.ActorOf(user), now));
}
