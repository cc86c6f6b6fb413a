using System.Security.Claims;
using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;

namespace CaseManagement.Notifications.Campaigns.Ordering;

/// <summary>A compliance lead lets campaigns start before an ordering duty is met, with the justification; the duty stays owed.</summary>
public sealed record WaiveOrdering(string? RuleId, string? Justification, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.WaiveOrdering;
}

/// <summary>A second person confirms an ordering duty is handled (e.g. sent with the campaign); it does not count from the campaign's drafter.</summary>
public sealed record AcknowledgeOrdering(string? RuleId, string? Note, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AcknowledgeOrdering;
}

public static class WaiveOrderingEndpoint
{
    public static ProblemDetails Validate(WaiveOrdering command, Incident incident) =>
        OrderingRules.Check(new Validation().Required("justification", command.Justification, 4000), command.RuleId, incident).ToProblem();

    [WolverinePost("/api/incidents/{id}/ordering-duties/waive", OperationId = nameof(WaiveOrdering),
        Summary = "Let campaigns start before a duty ordered ahead of the consumer notice is met, with a justification; the duty stays owed")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, OrderingDutyWaived) Post(WaiveOrdering command, [WriteAggregate] Incident incident, ClaimsPrincipal user, DateTimeOffset now) =>
        (new UpdatedAggregate(), new OrderingDutyWaived(incident.Id, command.RuleId!, command.Justification!.Trim(), CaseManagementClaims.ActorOf(user), now));
}

public static class AcknowledgeOrderingEndpoint
{
    public static ProblemDetails Validate(AcknowledgeOrdering command, Incident incident) =>
        OrderingRules.Check(new Validation().Required("note", command.Note, 4000), command.RuleId, incident).ToProblem();

    [WolverinePost("/api/incidents/{id}/ordering-duties/acknowledge", OperationId = nameof(AcknowledgeOrdering),
        Summary = "Confirm a duty ordered ahead of (or with) the consumer notice is handled; counts only from someone who did not draft the campaign")]
    [Authorize(Policies.Approve)]
    public static (UpdatedAggregate, OrderingDutyAcknowledged) Post(AcknowledgeOrdering command, [WriteAggregate] Incident incident, ClaimsPrincipal user,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), new OrderingDutyAcknowledged(incident.Id, command.RuleId!, command.Note!.Trim(), CaseManagementClaims.ActorOf(user), now));
}

internal static class OrderingRules
{
    /// <summary>The rule must be one of the incident's catalogue version that is ordered against the notice to individuals.</summary>
    public static Validation Check(Validation validation, string? ruleId, Incident incident)
    {
        validation.Required("ruleId", ruleId, 200);
        var catalogue = IncidentCatalogue.Of(incident);
        if (ruleId is not null && catalogue.Rules.FirstOrDefault(r => r.Id == ruleId) is not { Ordering: not null })
        {
            var ordered = catalogue.Rules.Where(r => r.Ordering is not null).Select(r => r.Id);
            validation.Add("ruleId", $"'{ruleId}' is not ordered against the notice to individuals in catalogue {catalogue.Version}; those that are: {string.Join(", ", ordered)}");
        }

        return validation;
    }
}
