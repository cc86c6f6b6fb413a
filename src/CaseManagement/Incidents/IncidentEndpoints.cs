using CaseManagement.Api;
using CaseManagement.Incidents.Awareness;
using CaseManagement.Incidents.Closing;
using CaseManagement.Incidents.Containing;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Incidents.Listing;
using CaseManagement.Incidents.Notifying;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Incidents.Scoping;
using CaseManagement.Incidents.Triage;

namespace CaseManagement.Incidents;

public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        DetectIncidentEndpoint.Map(app);
        GetIncidentEndpoint.Map(app);
        GetIncidentHistoryEndpoint.Map(app);
        ListIncidentsEndpoint.Map(app);

        app.MapIncidentCommand<ContainIncident>("Record that the breach is contained");
        app.MapIncidentCommand<ScopeIncident>("Record who and what data is affected");
        app.MapIncidentCommand<RecordNotification>("Record that notifications were sent");
        app.MapIncidentCommand<DecideNoNotification>("Record the decision that no notification is owed, with reasons");
        app.MapIncidentCommand<MarkFalsePositive>("Record that the incident is a false positive");
        app.MapIncidentCommand<CloseIncident>("Close the incident");
        app.MapIncidentCommand<ReopenIncident>("Reopen a closed incident, with a reason");
        app.MapIncidentCommand<ClassifySeverity>("Classify the severity, with a reason");
        app.MapIncidentCommand<AssignResponder>("Assign a responder");
        app.MapIncidentCommand<AddNote>("Add a note");
        app.MapIncidentCommand<RecordAwareness>("Record when the shop became aware (regulator clocks start here)");
        app.MapIncidentCommand<CorrectAwareness>("Correct the awareness time, with a reason");
        return app;
    }

    private static void MapIncidentCommand<TCommand>(this IEndpointRouteBuilder app, string summary) where TCommand : IIncidentCommand =>
        app.MapPost($"/api/incidents/{{id:guid}}/{ApiJson.WireName(TCommand.Action)}",
                (Guid id, TCommand command, HttpContext http, IncidentCommandPipeline pipeline, CancellationToken ct) =>
                    pipeline.ExecuteAsync(http, id, command, ct))
            .WithName(typeof(TCommand).Name)
            .WithSummary(summary)
            .Produces<IncidentChanged>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
