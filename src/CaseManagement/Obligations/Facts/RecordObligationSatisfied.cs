using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// A recipient of an obligation was told some other way than a campaign or a drafted submission (a letter, a portal, a call):
/// who, when, the reference. A rule that names several recipients needs them named: each one told is its own fact (ADR 18).
/// </summary>
/// <param name="Recipients">Which of the rule's recipients were told (wire words); may be left out when the rule names only one.</param>
public sealed record RecordObligationSatisfied(string? RuleId, DateTimeOffset? SatisfiedAt, string? Reference, string? Channel,
    IReadOnlyList<string>? Recipients, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordObligationSatisfied;
}

public static class RecordObligationSatisfiedEndpoint
{
    public static ProblemDetails Validate(RecordObligationSatisfied command, Incident incident, DateTimeOffset now)
    {
        var validation = new Validation().Required("ruleId", command.RuleId, 200).Present("satisfiedAt", command.SatisfiedAt)
            .NotInFuture("satisfiedAt", command.SatisfiedAt, now).Optional("reference", command.Reference, 500).Optional("channel", command.Channel, 200)
            .Items("recipients", command.Recipients, maxCount: 20);
        var catalogue = IncidentCatalogue.Of(incident);
        if (command.RuleId is not null && catalogue.Rules.FirstOrDefault(r => r.Id == command.RuleId) is { } rule)
        {
            NamedRecipients.Read(rule, rule.Recipients, command.Recipients, validation);
        }
        else if (command.RuleId is not null)
        {
            validation.Add("ruleId", $"'{command.RuleId}' is not a rule of the incident's catalogue version {catalogue.Version} (see GET /api/obligations?version={catalogue.Version})");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/obligations/satisfied", OperationId = nameof(RecordObligationSatisfied),
        Summary = "Record that recipients of an obligation were told some other way (who, when, reference)")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, ObligationSatisfied) Post(RecordObligationSatisfied command, [WriteAggregate] Incident incident)
    {
        var rule = IncidentCatalogue.Of(incident).Rule(command.RuleId!);
        return (new UpdatedAggregate(), new ObligationSatisfied(incident.Id, rule.Id, command.SatisfiedAt!.Value, command.Reference?.Trim(), command.Channel?.Trim(),
            NamedRecipients.Read(rule, rule.Recipients, command.Recipients, new Validation()), NoticeAct.ManualRecord));
    }
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
