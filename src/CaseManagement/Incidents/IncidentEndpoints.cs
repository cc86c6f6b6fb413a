using CaseManagement.Api;
using CaseManagement.Obligations.Facts;
using CaseManagement.Security;
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
        GetIncidentReporterEndpoint.Map(app);
        ListIncidentsEndpoint.Map(app);

        app.MapIncidentCommand<ContainIncident>("Record that the breach is contained", Policies.RecordFacts);
        app.MapIncidentCommand<ScopeIncident>("Record who and what data is affected", Policies.RecordFacts);
        app.MapIncidentCommand<RecordNotification>("Record that notifications were sent", Policies.DecideNotification);
        app.MapIncidentCommand<DecideNoNotification>("Record the decision that no notification is owed, with reasons", Policies.DecideNotification);
        app.MapIncidentCommand<MarkFalsePositive>("Record that the incident is a false positive", Policies.RecordFacts);
        app.MapIncidentCommand<CloseIncident>("Close the incident", Policies.RecordFacts);
        app.MapIncidentCommand<ReopenIncident>("Reopen a closed incident, with a reason", Policies.RecordFacts);
        app.MapIncidentCommand<ClassifySeverity>("Classify the severity, with a reason", Policies.RecordFacts);
        app.MapIncidentCommand<AssignResponder>("Assign a responder", Policies.RecordFacts);
        app.MapIncidentCommand<AddNote>("Add a note", Policies.RecordFacts);
        app.MapIncidentCommand<RecordAwareness>("Record when the shop became aware (regulator clocks start here)", Policies.RecordFacts);
        app.MapIncidentCommand<CorrectAwareness>("Correct the awareness time, with a reason", Policies.RecordFacts);
        app.MapIncidentCommand<RecordClockInstant>("Record or correct a clock-starting instant (discovery, determination...)", Policies.RecordFacts);
        app.MapIncidentCommand<RecordDataCategories>("Record the kinds of personal data involved", Policies.RecordFacts);
        app.MapIncidentCommand<RecordEncryptionStatus>("Record whether the data was encrypted and the key safe", Policies.RecordFacts);
        app.MapIncidentCommand<RecordAffectedCounts>("Record affected residents per country or state", Policies.RecordFacts);
        app.MapIncidentCommand<RecordSectorFlags>("Record the sector regimes that apply (financial entity, card data...)", Policies.RecordFacts);
        app.MapIncidentCommand<AssessRisk>("Record the risk assessment with its reasoning", Policies.DecideNotification);
        app.MapIncidentCommand<RequestLawEnforcementDelay>("Record a law-enforcement request to delay notification", Policies.DecideNotification);
        app.MapIncidentCommand<LiftLawEnforcementDelay>("Record that the law-enforcement delay was lifted", Policies.DecideNotification);
        app.MapIncidentCommand<RecordObligationSatisfied>("Record that an obligation was met (who was told, when, reference)", Policies.DecideNotification);
        app.MapIncidentCommand<Notifications.RegulatorSubmissions.RecordRegulatorSubmission>(
            "Record a submission to a regulator or attorney general (when, how, reference, document hash); it meets the obligation", Policies.DecideNotification);
        app.MapIncidentCommand<AdoptCatalogueVersion>("Move the incident onto another obligation catalogue version", Policies.DecideNotification);
        return app;
    }

    private static void MapIncidentCommand<TCommand>(this IEndpointRouteBuilder app, string summary, string policy) where TCommand : IIncidentCommand =>
        app.MapPost($"/api/incidents/{{id:guid}}/{TCommand.Route ?? ApiJson.WireName(TCommand.Action)}",
                (Guid id, TCommand command, HttpContext http, IncidentCommandPipeline pipeline, CancellationToken ct) =>
                    pipeline.ExecuteAsync(http, id, command, ct))
            .WithName(typeof(TCommand).Name)
            .WithSummary(summary)
            .RequireAuthorization(policy)
            .ProducesIncidentChange();

    /// <summary>What every command on an incident may answer: the incident's new state, or why not (400, 404, 409, 422).</summary>
    public static RouteHandlerBuilder ProducesIncidentChange(this RouteHandlerBuilder route) => route
        .Produces<IncidentChanged>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
