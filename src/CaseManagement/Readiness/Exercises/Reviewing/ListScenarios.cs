using CaseManagement.Readiness.Library;
using CaseManagement.Rules.Scenarios;
using Marten;

namespace CaseManagement.Readiness.Exercises.Reviewing;

/// <summary>A scenario version as the library offers it: the shipped ones and the organisation's own.</summary>
public sealed record ScenarioView(string Id, int Version, string Sha256, bool PublishedByOrganisation, string Kind, string Title, string Purpose, string Source,
    StagedIncident Incident, IReadOnlyList<Inject> Injects, IReadOnlyList<Expectation> Expectations, IReadOnlyList<MilestoneTarget> Targets, bool PagesOnCall)
{
    public static ScenarioView Of(Scenario s) => new(s.Id, s.Version, s.Sha256, ProcedureLibrary.IsOwn(s), s.Kind, s.Title, s.Purpose, s.Source, s.Incident,
        s.Injects, s.Expectations, s.Targets, s.PagesOnCall);
}

public static class ListScenariosEndpoint
{
    [WolverineGet("/api/scenarios", OperationId = "ListScenarios", Summary = "Exercise scenarios: every published version, shipped and the organisation's own")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<List<ScenarioView>> Get(IQuerySession session, CancellationToken ct) =>
        [.. (await ProcedureLibrary.ScenariosAsync(session, ct)).All.Select(ScenarioView.Of)];
}
