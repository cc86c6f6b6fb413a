using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Obligations.Facts;

/// <summary>An obligation was met: the regulator was notified at T (with its reference), individuals at T.</summary>
public sealed record RecordObligationSatisfied(string? RuleId, DateTimeOffset? SatisfiedAt, string? Reference, string? Channel, long? ExpectedVersion)
    : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordObligationSatisfied;

    public static string? Route => "obligations/satisfied";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Required("ruleId", RuleId, 200).Present("satisfiedAt", SatisfiedAt).NotInFuture("satisfiedAt", SatisfiedAt, now)
            .Optional("reference", Reference, 500).Optional("channel", Channel, 200);
        if (RuleId is not null && !CatalogueStore.Embedded.Versions.Any(v => v.Rules.Any(r => r.Id == RuleId)))
        {
            validation.Add("ruleId", $"'{RuleId}' is in no catalogue version (see GET /api/obligations)");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new ObligationSatisfied(incident.Id, RuleId!, SatisfiedAt!.Value, Reference?.Trim(), Channel?.Trim())];
}

/// <summary>Moves the incident onto another catalogue version (e.g. after a law changed), with the reason.</summary>
public sealed record AdoptCatalogueVersion(string? Version, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AdoptCatalogueVersion;

    public static string? Route => "obligations/catalogue-version";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        var known = CatalogueStore.Embedded.Versions.Select(v => v.Version).ToList();
        validation.Required("version", Version, 50).Required("reason", Reason, 4000);
        if (Version is not null && !known.Contains(Version))
        {
            validation.Add("version", $"'{Version}' is not one of: {string.Join(", ", known)}");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new CatalogueVersionAdopted(incident.Id, Version!, Reason!.Trim())];
}
