using CaseManagement.Rules.Catalogue;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
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
    ContactDetails? Reporter = null);

/// <summary>201 with the new incident's address and version; its version is the ETag to send back.</summary>
public sealed record IncidentCreated(Guid Id, long Version) : CreationResponse($"/api/incidents/{Id}"), IHttpAware
{
    void IHttpAware.Apply(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = Url;
        context.Response.Headers.ETag = Api.Conventions.ExpectedVersions.ETag(Version);
    }
}

public static class DetectIncidentEndpoint
{
    public static ProblemDetails Validate(DetectIncident command, DateTimeOffset now) => new Validation()
        .Required("title", command.Title, 200)
        .Required("shop", command.Shop, 100)
        .OneOf<IncidentKind>("kind", command.Kind)
        .Present("detectedAt", command.DetectedAt)
        .NotInFuture("detectedAt", command.DetectedAt, now)
        .NotInFuture("awareAt", command.AwareAt, now)
        .Optional("source", command.Source, 200)
        .Optional("summary", command.Summary)
        .Items("dataCategories", command.DataCategories)
        .Within("dataCategories", command.DataCategories, Vocabulary.DataCategories)
        .Contact("reporter", command.Reporter)
        .ToProblem();

    /// <summary>An incident names a registered, active shop of the person's organisation, so it can be scoped and contained.</summary>
    public static Task<ProblemDetails> ValidateAsync(DetectIncident command, IDocumentSession session, CancellationToken ct) =>
        RegisteredShops.RefuseNewIncidentAsync(session, "shop", command.Shop!.Trim(), ct);

    /// <summary>The reporter's contact is encrypted under their own key first: events never hold plaintext PII.</summary>
    public static async Task<ProtectedContact?> LoadAsync(DetectIncident command, PiiVault vault, MasterKeyRing keys, IDocumentSession session,
        CancellationToken ct) =>
        command.Reporter is { } contact ? await vault.ProtectAsync(keys, session, contact, ct) : null;

    /// <remarks>The incident's deadlines are computed from the catalogue version current at detection.</remarks>
    [WolverinePost("/api/incidents", OperationId = nameof(DetectIncident), Summary = "Open an incident")]
    [Authorize(Policies.RecordFacts)]
    public static (IncidentCreated, IStartStream) Post(DetectIncident command, ProtectedContact? reporter, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var detected = new IncidentDetected(id, command.Title!.Trim(), command.Shop!.Trim(), ApiJson.ParseWire<IncidentKind>(command.Kind!),
            command.DetectedAt!.Value, command.AwareAt, command.Source, command.Summary, [.. (command.DataCategories ?? []).Distinct()], reporter,
            CatalogueStore.Embedded.Latest.Version);
        return (new IncidentCreated(id, 1), MartenOps.StartStream<Incident>(id, detected));
    }
}
