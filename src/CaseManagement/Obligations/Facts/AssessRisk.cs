using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// The documented risk assessment: is there a risk to people, a high risk (GDPR Art. 34), a real risk of
/// significant harm (PIPEDA, Australia...)? Unanswered questions stay open; the reasoning is required.
/// </summary>
public sealed record AssessRisk(bool? RiskToIndividuals, bool? HighRisk, bool? SignificantHarm, string? Reasoning, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AssessRisk;
}

public static class AssessRiskEndpoint
{
    public static ProblemDetails Validate(AssessRisk command)
    {
        var validation = new Validation().Required("reasoning", command.Reasoning, 8000);
        if (command.RiskToIndividuals is null && command.HighRisk is null && command.SignificantHarm is null)
        {
            validation.Add("riskToIndividuals", "answer at least one of riskToIndividuals, highRisk, significantHarm");
        }

        if (command.HighRisk == true && command.RiskToIndividuals == false)
        {
            validation.Add("highRisk", "a high risk cannot coexist with no risk to individuals");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/facts/risk-assessment", OperationId = nameof(AssessRisk), Summary = "Record the risk assessment with its reasoning")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, RiskAssessed) Post(AssessRisk command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new RiskAssessed(incident.Id, command.RiskToIndividuals, command.HighRisk, command.SignificantHarm, command.Reasoning!.Trim()));
}
