using CaseManagement.Api;

namespace CaseManagement.Incidents.Detecting;

/// <summary>Opens an incident: the first record of what was detected, where and when.</summary>
public sealed record DetectIncident(
    string? Title,
    string? Shop,
    string? Kind,
    DateTimeOffset? DetectedAt,
    DateTimeOffset? AwareAt,
    string? Source,
    string? Summary,
    IReadOnlyList<string>? DataCategories)
{
    public Validation Validate(DateTimeOffset now) => new Validation()
        .Required("title", Title, 200)
        .Required("shop", Shop, 100)
        .OneOf<IncidentKind>("kind", Kind)
        .Present("detectedAt", DetectedAt)
        .NotInFuture("detectedAt", DetectedAt, now)
        .NotInFuture("awareAt", AwareAt, now)
        .Optional("source", Source, 200)
        .Optional("summary", Summary)
        .Items("dataCategories", DataCategories)
        .Within("dataCategories", DataCategories, Vocabulary.DataCategories);

    public IncidentDetected Decide(Guid id)
    {
        ApiJson.TryParseWire<IncidentKind>(Kind, out var kind);
        return new IncidentDetected(id, Title!.Trim(), Shop!.Trim(), kind, DetectedAt!.Value, AwareAt, Source, Summary,
            [.. (DataCategories ?? []).Distinct()]);
    }
}

public static class DetectIncidentEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/incidents", async (DetectIncident command, HttpContext http, IncidentCommandPipeline pipeline, TimeProvider clock, CancellationToken ct) =>
            command.Validate(clock.GetUtcNow()) is { IsValid: false } invalid
                ? Problems.Invalid(invalid.Errors)
                : await pipeline.StartAsync(http, command, id => command.Decide(id), ct))
        .WithName("DetectIncident")
        .WithSummary("Open an incident")
        .Produces<IncidentCreated>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
