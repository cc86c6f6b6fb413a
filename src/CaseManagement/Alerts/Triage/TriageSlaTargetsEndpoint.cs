using Microsoft.Extensions.Options;

namespace CaseManagement.Alerts.Triage;

/// <param name="AcknowledgeMinutes">Minutes after an item opens by which a person must take it on; null for no target.</param>
public sealed record SeveritySla(string Severity, double? AcknowledgeMinutes, double? ClassifyMinutes, double? ContainMinutes);

/// <param name="Paged">What a missed target does: it is recorded on the item and pages the on-call roster.</param>
public sealed record TriageSlaTargets(IReadOnlyList<SeveritySla> Severities, string Paged);

public static class TriageSlaTargetsEndpoint
{
    [WolverineGet("/api/triage/sla", OperationId = "GetTriageSlaTargets", Summary = "The triage SLA's targets per severity (acknowledge, classify, contain)")]
    [Authorize(Policies.ReadIncidents), Tags("Alerts")]
    public static TriageSlaTargets Get(IOptions<TriageSlaOptions> options)
    {
        var sla = options.Value;
        return new TriageSlaTargets(
        [
            Of(Incidents.Severity.Critical, sla.Critical), Of(Incidents.Severity.High, sla.High), Of(Incidents.Severity.Medium, sla.Medium),
            Of(Incidents.Severity.Low, sla.Low),
        ], "a target that passes unmet is recorded on the triage item (triage_sla_breached) and pages the on-call roster");
    }

    private static SeveritySla Of(Incidents.Severity severity, TriageSlaOptions.SeverityTargets targets) =>
        new(ApiJson.WireName(severity), Minutes(targets.AcknowledgeMinutes), Minutes(targets.ClassifyMinutes), Minutes(targets.ContainMinutes));

    // The options treat zero or less as "no target"; the answer says null for those, as the evaluation does.
    private static double? Minutes(double? minutes) => minutes is > 0 ? minutes : null;
}
