using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Obligations.Catalogue;

public sealed record CatalogueListing(string Version, DateOnly PublishedOn, string Basis, IReadOnlyList<string> Versions, int Count, IReadOnlyList<ObligationRule> Rules);

/// <summary>The obligation catalogue as shipped, any version, filterable: what the engine knows and how sure it is.</summary>
public static class ListObligationsEndpoint
{
    [WolverineGet("/api/obligations", OperationId = "ListObligations",
        Summary = "The obligation catalogue (latest or ?version=), filterable by jurisdiction, region, recipient, kind, verification")]
    [Authorize(Policies.ReadIncidents)]
    public static IResult Get(string? version, string? jurisdiction, string? region, string? recipient, string? kind, string? verification)
    {
        var store = CatalogueStore.Embedded;
        var versions = store.Versions.Select(v => v.Version).ToList();
        if (version is not null && !versions.Contains(version))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["version"] = [$"'{version}' is not one of: {string.Join(", ", versions)}"] });
        }

        var catalogue = version is null ? store.Latest : store.Get(version);
        IEnumerable<ObligationRule> rules = catalogue.Rules;
        if (jurisdiction is not null)
        {
            rules = rules.Where(r => r.Jurisdiction == jurisdiction || r.Jurisdiction.StartsWith(jurisdiction + "-", StringComparison.Ordinal));
        }

        if (region is not null)
        {
            rules = rules.Where(r => r.Region == region);
        }

        if (recipient is not null)
        {
            rules = rules.Where(r => r.Recipients.Any(x => CatalogueWords.Of(x) == recipient));
        }

        if (kind is not null)
        {
            rules = rules.Where(r => CatalogueWords.Of(r.Kind) == kind);
        }

        if (verification is not null)
        {
            rules = rules.Where(r => CatalogueWords.Of(r.Verification.Status) == verification);
        }

        var list = rules.ToList();
        return Results.Ok(new CatalogueListing(catalogue.Version, catalogue.PublishedOn, catalogue.Basis, versions, list.Count, list));
    }
}
