using CaseManagement.Api;
using CaseManagement.Rules.Containment;
using CaseManagement.Security;

namespace CaseManagement.Containment.Reviewing;

public static class ListPlaybooksEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/playbooks", () => Results.Ok(PlaybookCatalogue.Embedded.Latest))
            .WithName("ListPlaybooks")
            .WithSummary("The newest version of every containment playbook, with its steps, approvals and compensations")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<IReadOnlyList<Playbook>>();

        app.MapGet("/api/playbooks/{playbook}", (string playbook, int? version) =>
                PlaybookCatalogue.Embedded.Find(playbook, version) is { } found
                    ? Results.Ok(found)
                    : Results.Problem(title: "Playbook not found",
                        detail: $"No playbook '{playbook}'{(version is { } v ? $" version {v}" : "")}; known: {string.Join(", ", PlaybookCatalogue.Embedded.Playbooks.Select(p => $"{p.Id} v{p.Version}"))}.",
                        statusCode: StatusCodes.Status404NotFound))
            .WithName("GetPlaybook")
            .WithSummary("One playbook version (the newest unless ?version= is given)")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<Playbook>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
