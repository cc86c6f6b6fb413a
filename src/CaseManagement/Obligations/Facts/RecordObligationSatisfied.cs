using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Obligations.Facts;

/// <summary>An obligation was met: the regulator was notified at T (with its reference), individuals at T.</summary>
public sealed record RecordObligationSatisfied(string? RuleId, DateTimeOffset? SatisfiedAt, string? Reference, string? Channel, long? ExpectedVersion)
    : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordObligationSatisfied;
}

public static class RecordObligationSatisfiedEndpoint
{
    public static ProblemDetails Validate(RecordObligationSatisfied command, DateTimeOffset now)
    {
        var validation = new Validation().Required("ruleId", command.RuleId, 200).Present("satisfiedAt", command.SatisfiedAt)
            .NotInFuture("satisfiedAt", command.SatisfiedAt, now).Optional("reference", command.Reference, 500).Optional("channel", command.Channel, 200);
        if (command.RuleId is not null && !CatalogueStore.Embedded.Versions.Any(v => v.Rules.Any(r => r.Id == command.RuleId)))
        {
            validation.Add("ruleId", $"'{command.RuleId}' is in no catalogue version (see GET /api/obligations)");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/obligations/satisfied", OperationId = nameof(RecordObligationSatisfied),
        Summary = "Record that an obligation was met (who was told, when, reference)")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, ObligationSatisfied) Post(RecordObligationSatisfied command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(),
            new ObligationSatisfied(incident.Id, command.RuleId!, command.SatisfiedAt!.Value, command.Reference?.Trim(), command.Channel?.Trim()));
}

/// <summary>Moves the incident onto another catalogue version (e.g. after a law changed), with the reason.</summary>
public sealed record AdoptCatalogueVersion(string? Version, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AdoptCatalogueVersion;
}

public static class AdoptCatalogueVersionEndpoint
{
    public static ProblemDetails Validate(AdoptCatalogueVersion command)
    {
        var known = CatalogueStore.Embedded.Versions.Select(v => v.Version).ToList();
        var validation = new Validation().Required("version", command.Version, 50).Required("reason", command.Reason, 4000);
        if (command.Version is not null && !known.Contains(command.Version))
        {
            validation.Add("version", $"'{command.Version}' is not one of: {string.Join(", ", known)}");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/obligations/catalogue-version", OperationId = nameof(AdoptCatalogueVersion),
        Summary = "Move the incident onto another obligation catalogue version")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, CatalogueVersionAdopted) Post(AdoptCatalogueVersion command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new CatalogueVersionAdopted(incident.Id, command.Version!, command.Reason!.Trim()));
}
