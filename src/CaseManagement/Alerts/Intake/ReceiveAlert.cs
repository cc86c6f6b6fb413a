using System.Text.Json;
using CaseManagement.Alerts.Formats;
using CaseManagement.Alerts.Sources;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Alerts.Intake;

/// <summary>A delivery to POST /api/alerts as the edge read it: the source, who sent it, the bytes, and the first problem found.</summary>
public sealed record AlertDeliveryRequest(AlertSource? Source, string Actor, bool Signed, byte[] Body, string ContentType, DeliveryHeaders Headers, AlertFacts? Facts,
    ProblemDetails? Problem);

/// <summary>What a sender gets back: the alert's id, and whether this was news or the same alert again.</summary>
/// <param name="Status">"new" or "sighting".</param>
/// <param name="MatchedBy">For a sighting: "reference" (the same sender's id) or "fingerprint" (same shop, kind and indicator within the window).</param>
public sealed record AlertAccepted(Guid AlertId, string Status, string? MatchedBy, int Sightings, string Location);

/// <summary>
/// Alert intake for machines. A delivery names its source (<c>?source=&lt;id&gt;</c>) and proves itself with the source's signature
/// (Standard Webhooks headers) or a credential allowed to send alerts (an integrator's API key); the body is the sender's own JSON,
/// read through the source's format. Anything wrong is answered before anything is stored: 401 for an unsigned, wrongly signed,
/// stale or replayed delivery, 403 for a credential without the right, 404 for an unknown source, 413 for a payload over the
/// source's limit, 400 for a body that is not JSON, 422 for one the mapping cannot read.
/// </summary>
public static class ReceiveAlertEndpoint
{
    /// <param name="source">The source's id, from the query string (read as text, so a malformed id gets the 422 below).</param>
    public static async Task<AlertDeliveryRequest> LoadAsync(HttpContext http, string? source, IDocumentStore store, PiiVault vault,
        DateTimeOffset now, CancellationToken ct)
    {
        var headers = DeliveryHeaders.From(http.Request.Headers);
        var contentType = http.Request.ContentType ?? "application/json";
        AlertDeliveryRequest Refuse(ProblemDetails problem) => new(null, "", false, [], contentType, headers, null, problem);
        var user = http.User;
        // Resolved here: the framework's authorization service is not public, so Wolverine cannot inject it into generated code.
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var withCredential = user.Identity?.IsAuthenticated == true;
        if (withCredential && !(await authorization.AuthorizeAsync(user, Policies.SendAlerts)).Succeeded)
        {
            return Refuse(Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your roles do not allow sending alerts (integrator or responder may)."));
        }

        if (!withCredential && !headers.Present)
        {
            return Refuse(Unauthorized("The delivery is neither signed nor sent with a credential: sign it with the source's secret (Standard Webhooks " +
                                       "headers webhook-id, webhook-timestamp, webhook-signature) or send an API key allowed to send alerts."));
        }

        if (!Guid.TryParse(source, out var sourceId))
        {
            return Refuse(new Validation().Add("source", "is required as a query parameter: the source's id (GET /api/alert-sources lists them)").ToProblem());
        }

        AlertSource? found;
        await using (var sources = store.QuerySession())
        {
            found = await sources.LoadAsync<AlertSource>(sourceId, ct);
        }

        if (found is null || withCredential && found.OrganisationId != CaseManagementClaims.OrganisationOf(user))
        {
            return Refuse(Problem(StatusCodes.Status404NotFound, "Alert source not found", $"No alert source with id {sourceId} exists{(withCredential ? " in your organisation" : "")}."));
        }

        var body = await ReadBodyAsync(http.Request, found.MaxPayloadBytes, ct);
        if (body is null)
        {
            return Refuse(Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"Source '{found.Name}' takes alerts of at most {found.MaxPayloadBytes} bytes; an admin can raise its limit up to {RequestLimits.MaxBodyBytes}."));
        }

        if (!withCredential)
        {
            await using var session = store.QuerySession(found.OrganisationId);
            var secret = await vault.RevealAsync(session, found.Secret, ct);
            var refusal = secret is null
                ? "the source's secret was erased; register the source again"
                : SignedDelivery.Problem(headers, secret, body, now, TimeSpan.FromSeconds(found.TimestampToleranceSeconds));
            if (refusal is not null)
            {
                return Refuse(Unauthorized($"The delivery to source '{found.Name}' is refused: {refusal}."));
            }
        }

        var actor = withCredential ? CaseManagementClaims.ActorOf(user) : $"alert-source:{found.Name}";
        var request = new AlertDeliveryRequest(found, actor, !withCredential, body, contentType, headers, null, null);
        if (http.Request.ContentType is { Length: > 0 } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.Contains("+json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return request with
            {
                Problem = Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the alert as JSON (got '{type}')."),
            };
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return request with { Problem = Problems.BadRequestDetails($"The alert is not JSON: {ex.Message}") };
        }

        using (document)
        {
            await using var session = store.QuerySession(found.OrganisationId);
            var registered = (await session.Query<RegisteredShop>().Select(s => s.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var (facts, problems) = found.EffectiveMapping.Read(document.RootElement, found.Shop, named => found.ShopFor(named, registered));
            if (facts is null)
            {
                var problem = Problems.InvalidDetails(problems.ToDictionary(p => p.Key, p => p.Value));
                problem.Detail = $"The alert cannot be read with the {found.Format} mapping of source '{found.Name}': {problem.Detail}";
                return request with { Problem = problem };
            }

            return request with { Facts = facts };
        }
    }

    public static ProblemDetails Validate(AlertDeliveryRequest request) => request.Problem ?? WolverineContinue.NoProblems;

    [WolverinePost("/api/alerts", OperationId = "ReceiveAlert",
        Summary = "Deliver an alert from a registered source (signed, or with an API key); the same alert again is counted as another sighting")]
    [AllowAnonymous, Tags("Alerts")]
    // The body is the sender's own JSON, read by LoadAsync through the source's format: it is not bound to a request type here.
    public static async Task<IResult> Post([NotBody] AlertDeliveryRequest request, IMessageBus bus, CancellationToken ct)
    {
        var source = request.Source!;
        var ingested = await bus.InvokeForTenantAsync<IngestedAlert>(source.OrganisationId, new IngestAlert(source.Id, source.Name, source.Format,
            request.Facts!, request.Body, request.ContentType, source.PersonalData, source.DeduplicationWindowMinutes,
            request.Signed ? request.Headers.Id : null, request.Actor), ct);
        if (ingested.Outcome == IngestOutcome.Replayed)
        {
            return TypedResults.Problem(Unauthorized($"webhook-id '{request.Headers.Id}' was already delivered to source '{source.Name}' at " +
                                                     $"{ingested.EarlierAt:O} (alert {ingested.AlertId}); a replayed delivery is refused. To report the alert again, " +
                                                     "send a new delivery with its own webhook-id: it is counted as another sighting."));
        }

        var location = $"/api/alerts/{ingested.AlertId}";
        return TypedResults.Accepted(location, new AlertAccepted(ingested.AlertId, ingested.Outcome == IngestOutcome.New ? "new" : "sighting",
            ingested.MatchedBy, ingested.Sightings, location));
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemDetails Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Not authenticated", detail);

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
