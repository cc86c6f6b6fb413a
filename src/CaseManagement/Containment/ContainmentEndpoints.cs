using CaseManagement.Api;
using CaseManagement.Containment.Deciding;
using CaseManagement.Containment.Evidence;
using CaseManagement.Containment.Reviewing;
using CaseManagement.Containment.Starting;
using CaseManagement.Incidents;
using CaseManagement.Security;
using Marten;

namespace CaseManagement.Containment;

public static class ContainmentEndpoints
{
    public static IEndpointRouteBuilder MapContainmentEndpoints(this IEndpointRouteBuilder app)
    {
        StartContainmentEndpoint.Map(app);
        GetContainmentEndpoint.Map(app);
        ListPlaybooksEndpoint.Map(app);
        EvidenceEndpoints.Map(app);
        app.MapStepCommand<ApproveContainmentStep>("approve", "Approve a step that needs a second person's yes", Policies.Approve);
        app.MapStepCommand<CompleteContainmentStep>("complete", "Record that a manual step is done", Policies.RecordFacts);
        app.MapStepCommand<RetryContainmentStep>("retry", "Run a failed step again", Policies.RecordFacts);
        app.MapStepCommand<SkipContainmentStep>("skip", "Go on without a step, with a justification", Policies.RecordFacts);
        app.MapStepCommand<RollBackContainmentStep>("rollback", "Undo what a step changed on the shop", Policies.RecordFacts);
        return app;
    }

    private static void MapStepCommand<TCommand>(this IEndpointRouteBuilder app, string verb, string summary, string policy)
        where TCommand : ContainmentStepCommand, IIncidentCommand =>
        app.MapPost($"/api/incidents/{{id:guid}}/containment/steps/{{step}}/{verb}",
                async (Guid id, string step, TCommand command, HttpContext http, IncidentCommandPipeline pipeline, IQuerySession session, CancellationToken ct) =>
                {
                    if (await session.LoadAsync<Incident>(id, ct) is { ContainmentRuns: [.., var run] } && run.Step(step) is null)
                    {
                        return Results.Problem(title: "Step not found",
                            detail: $"The latest containment run ({run.Playbook}, {run.RunId}) has no step '{step}'; its steps are: {string.Join(", ", run.Steps.Select(s => s.Plan.Id))}.",
                            statusCode: StatusCodes.Status404NotFound);
                    }

                    return await pipeline.ExecuteAsync(http, id, command with { StepId = step }, ct);
                })
            .WithName($"{verb}-containment-step")
            .WithSummary(summary)
            .RequireAuthorization(policy)
            .ProducesIncidentChange();
}
