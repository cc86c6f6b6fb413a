using CaseManagement.Api;
using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// The documented risk assessment: is there a risk to people, a high risk (GDPR Art. 34), a real risk of
/// significant harm (PIPEDA, Australia...)? Unanswered questions stay open; the reasoning is required.
/// </summary>
public sealed record AssessRisk(bool? RiskToIndividuals, bool? HighRisk, bool? SignificantHarm, string? Reasoning, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AssessRisk;

    public static string? Route => "facts/risk-assessment";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Required("reasoning", Reasoning, 8000);
        if (RiskToIndividuals is null && HighRisk is null && SignificantHarm is null)
        {
            validation.Add("riskToIndividuals", "answer at least one of riskToIndividuals, highRisk, significantHarm");
        }

        if (HighRisk == true && RiskToIndividuals == false)
        {
            validation.Add("highRisk", "a high risk cannot coexist with no risk to individuals");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new RiskAssessed(incident.Id, RiskToIndividuals, HighRisk, SignificantHarm, Reasoning!.Trim())];
}
