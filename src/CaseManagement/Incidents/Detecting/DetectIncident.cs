using CaseManagement.Security;
using CaseManagement.Api;
using CaseManagement.Security.Pii;
using CaseManagement.Rules.Catalogue;
using Marten;

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
    IReadOnlyList<string>? DataCategories,
    ContactDetails? Reporter = null)
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
        .Within("dataCategories", DataCategories, Vocabulary.DataCategories)
        .Contact("reporter", Reporter);

    /// <summary>The reporter's contact arrives already encrypted: events never hold plaintext PII.</summary>
    /// <remarks>The incident's deadlines are computed from the catalogue version current at detection.</remarks>
    public IncidentDetected Decide(Guid id, ProtectedContact? reporter, string catalogueVersion)
    {
        ApiJson.TryParseWire<IncidentKind>(Kind, out var kind);
        return new IncidentDetected(id, Title!.Trim(), Shop!.Trim(), kind, DetectedAt!.Value, AwareAt, Source, Summary,
            [.. (DataCategories ?? []).Distinct()], reporter, catalogueVersion);
    }
}

public static class DetectIncidentEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/incidents", async (DetectIncident command, HttpContext http, IncidentCommandPipeline pipeline, IDocumentSession session,
                PiiVault vault, MasterKeyRing keys, TimeProvider clock, CancellationToken ct) =>
            {
                if (command.Validate(clock.GetUtcNow()) is { IsValid: false } invalid)
                {
                    return Problems.Invalid(invalid.Errors);
                }

                // Same session as the pipeline: a new data key and the event commit together.
                var reporter = command.Reporter is { } contact ? await vault.ProtectAsync(keys, session, contact, ct) : null;
                return await pipeline.StartAsync(http, command, id => command.Decide(id, reporter, CatalogueStore.Embedded.Latest.Version), ct);
            })
        .WithName("DetectIncident")
            .RequireAuthorization(Policies.RecordFacts)
        .WithSummary("Open an incident")
        .Produces<IncidentCreated>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
