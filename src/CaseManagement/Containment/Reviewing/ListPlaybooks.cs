using CaseManagement.Rules.Playbooks;

namespace CaseManagement.Containment.Reviewing;

public static class ListPlaybooksEndpoint
{
    [WolverineGet("/api/playbooks", OperationId = "ListPlaybooks",
        Summary = "The newest version of every containment playbook, with its steps, approvals and compensations")]
    [Authorize(Policies.ReadIncidents)]
    public static IReadOnlyList<Playbook> Get() => PlaybookCatalogue.Embedded.Latest;
}

public static class GetPlaybookEndpoint
{
    [WolverineGet("/api/playbooks/{playbook}", OperationId = "GetPlaybook", Summary = "One playbook version (the newest unless ?version= is given)")]
    [Authorize(Policies.ReadIncidents)]
    public static IResult Get(string playbook, int? version) =>
        PlaybookCatalogue.Embedded.Find(playbook, version) is { } found
            ? Results.Ok(found)
            : Results.Problem(title: "Playbook not found",
                detail: $"No playbook '{playbook}'{(version is { } v ? $" version {v}" : "")}; known: " +
                        $"{string.Join(", ", PlaybookCatalogue.Embedded.Playbooks.Select(p => $"{p.Id} v{p.Version}"))}.",
                statusCode: StatusCodes.Status404NotFound);
}
