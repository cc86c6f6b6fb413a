using System.Security.Claims;
using CaseManagement.Incidents;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Notifications.Justifying;

/// <summary>
/// On the incident: a compliance lead's reason why the generic content of a catch-all ("*") notice suffices for the residents
/// of one jurisdiction. Without it, a catch-all notice meets no jurisdiction's duty to tell individuals (ADR 18).
/// </summary>
public sealed record GenericContentJustified(Guid IncidentId, string Jurisdiction, string Justification, string JustifiedBy, DateTimeOffset JustifiedAt);

public sealed record JustifyGenericContent(string? Jurisdiction, string? Justification, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.JustifyGenericContent;
}

public static class JustifyGenericContentEndpoint
{
    public static ProblemDetails Validate(JustifyGenericContent command)
    {
        var validation = new Validation().Required("jurisdiction", command.Jurisdiction, 20).Required("justification", command.Justification, 4000);
        if (command.Jurisdiction is { } code && !ResidenceCodes.Known.Contains(code.Trim().ToUpperInvariant()))
        {
            validation.Add("jurisdiction", $"'{code}' is not a residence code such as GB, JP, US-MD or CA-QC");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/generic-content-justifications", OperationId = nameof(JustifyGenericContent),
        Summary = "Record why a catch-all notice's generic content suffices for one jurisdiction's residents; without it the notice meets no duty there")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, GenericContentJustified) Post(JustifyGenericContent command, [WriteAggregate] Incident incident, ClaimsPrincipal user,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), new GenericContentJustified(incident.Id, command.Jurisdiction!.Trim().ToUpperInvariant(), command.Justification!.Trim(),
            CaseManagementClaims.ActorOf(user), now));
}
