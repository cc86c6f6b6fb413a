using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseManagement.Alerts.Formats;
using CaseManagement.Api.Conventions;
using CaseManagement.Feed.Subscribing;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Alerts.Sources;

/// <param name="Mapping">For the generic format: where the alert's fields are (see GET /api/alert-formats); not allowed with a built-in format.</param>
/// <param name="Secret">A whsec_ secret of your own; one is generated (and shown once) when left out.</param>
public sealed record RegisterAlertSource(
    string? Name,
    string? Format,
    JsonElement? Mapping,
    string? Shop,
    IReadOnlyDictionary<string, string>? ShopNames,
    bool? PersonalData,
    int? MaxPayloadBytes,
    int? DeduplicationWindowMinutes,
    int? TimestampToleranceSeconds,
    string? Secret);

/// <summary>The only answer that shows a generated secret.</summary>
public sealed record RegisteredAlertSource(string? Secret, AlertSourceView Source);

public static partial class RegisterAlertSourceEndpoint
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    public static ProblemDetails Validate(RegisterAlertSource request)
    {
        var validation = new Validation().Required("name", request.Name, 64);
        if (request.Name is { } name && !NamePattern().IsMatch(name))
        {
            validation.Add("name", "lower-case letters, digits and dashes (e.g. \"wazuh-prod\")");
        }

        var format = AlertFormats.Find(request.Format);
        if (format is null)
        {
            validation.Add("format", $"is required; one of: {string.Join(", ", AlertFormats.Ids)}");
        }
        else if (format.Id == AlertFormats.Generic)
        {
            if (request.Mapping is not { ValueKind: JsonValueKind.Object } mapping)
            {
                validation.Add("mapping", "is required for the generic format: say where the alert's fields are (GET /api/alert-formats shows the built-in ones)");
            }
            else
            {
                ReadMapping(mapping, validation)?.Check(validation);
            }
        }
        else if (request.Mapping is not null)
        {
            validation.Add("mapping", $"the {format.Id} format brings its own mapping; register a generic source to use another");
        }

        if (request.MaxPayloadBytes is < 1024 or > (int)RequestLimits.MaxBodyBytes)
        {
            validation.Add("maxPayloadBytes", $"must be between 1024 and {RequestLimits.MaxBodyBytes}");
        }

        if (request.DeduplicationWindowMinutes is < 1 or > 30 * 24 * 60)
        {
            validation.Add("deduplicationWindowMinutes", "must be between 1 and 43200 (30 days)");
        }

        if (request.TimestampToleranceSeconds is < 30 or > 3600)
        {
            validation.Add("timestampToleranceSeconds", "must be between 30 and 3600");
        }

        if (request.Secret is { } secret && WebhookSecret.Problem(secret) is { } problem)
        {
            validation.Add("secret", problem);
        }

        foreach (var (named, shop) in request.ShopNames ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(named) || named.Length > 255 || string.IsNullOrWhiteSpace(shop))
            {
                validation.Add("shopNames", "each entry maps a non-empty name (at most 255 characters) to a registered shop");
            }
        }

        return validation.ToProblem();
    }

    /// <summary>Shops named must be registered, and the name must be free in the organisation.</summary>
    public static async Task<ProblemDetails> ValidateAsync(RegisterAlertSource request, IDocumentSession session, IDocumentStore store, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var organisation = CaseManagementClaims.OrganisationOf(user)!;
        await using var sources = store.QuerySession();
        if (await sources.Query<AlertSource>().AnyAsync(s => s.OrganisationId == organisation && s.Name == request.Name, ct))
        {
            return new ProblemDetails
            {
                Title = "Alert source already registered", Detail = $"A source named '{request.Name}' is already registered in this organisation.",
                Status = StatusCodes.Status409Conflict,
            };
        }

        var registered = (await session.Query<RegisteredShop>().Select(s => s.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var validation = new Validation();
        var named = (request.ShopNames ?? new Dictionary<string, string>()).Select(n => (Field: $"shopNames.{n.Key}", Shop: (string?)n.Value));
        foreach (var (field, shop) in named.Prepend((Field: "shop", Shop: request.Shop)).Where(s => s.Shop is not null))
        {
            if (!registered.Contains(shop!))
            {
                validation.Add(field, $"'{shop}' is not a registered shop; registered: {(registered.Count == 0 ? "none yet (POST /api/shops)" : string.Join(", ", registered.Order()))}");
            }
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/alert-sources", OperationId = nameof(RegisterAlertSource),
        Summary = "Register a tool that sends alerts, with its format; the answer shows the signing secret once")]
    [Authorize(Policies.Administer), Tags("Alerts"), ShowsSecretOnce("GET /api/alert-sources lists the organisation's sources")]
    public static async Task<(Created<RegisteredAlertSource>, Insert<AlertSource>)> Post(RegisterAlertSource request, IDocumentSession session, PiiVault vault,
        ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var format = AlertFormats.Find(request.Format)!;
        var secret = request.Secret ?? WebhookSecret.Generate();
        var source = new AlertSource
        {
            Id = id,
            OrganisationId = CaseManagementClaims.OrganisationOf(user)!,
            Name = request.Name!,
            Format = format.Id,
            Mapping = format.Id == AlertFormats.Generic ? ReadMapping(request.Mapping!.Value, new Validation()) : null,
            Shop = request.Shop,
            ShopNames = new Dictionary<string, string>(request.ShopNames ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
            PersonalData = request.PersonalData ?? format.PersonalData,
            MaxPayloadBytes = request.MaxPayloadBytes ?? AlertSource.DefaultMaxPayloadBytes,
            DeduplicationWindowMinutes = request.DeduplicationWindowMinutes ?? AlertSource.DefaultDeduplicationWindowMinutes,
            TimestampToleranceSeconds = request.TimestampToleranceSeconds ?? AlertSource.DefaultTimestampToleranceSeconds,
            Secret = await vault.ProtectAsync(session, AlertSource.SecretSubject(id), secret, ct),
            CreatedAt = now,
            CreatedBy = CaseManagementClaims.ActorOf(user),
        };
        return (TypedResults.Created($"/api/alert-sources/{id}", new RegisteredAlertSource(request.Secret is null ? secret : null,
            AlertSourceView.Of(source))), Storage.Insert(source));
    }

    private static AlertMapping? ReadMapping(JsonElement mapping, Validation validation)
    {
        try
        {
            return AlertFormats.ParseMapping(mapping) ?? throw new JsonException("the mapping is null");
        }
        catch (JsonException ex)
        {
            validation.Add("mapping", JsonErrors.Describe(ex));
            return null;
        }
    }
}

public static class AlertSourceReadEndpoints
{
    [WolverineGet("/api/alert-sources", OperationId = "ListAlertSources", Summary = "The organisation's alert sources, without secrets")]
    [Authorize(Policies.Administer), Tags("Alerts")]
    public static async Task<IReadOnlyList<AlertSourceView>> List(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        var organisation = CaseManagementClaims.OrganisationOf(user)!;
        await using var session = store.QuerySession();
        return [.. (await session.Query<AlertSource>().Where(s => s.OrganisationId == organisation).OrderBy(s => s.Name).ToListAsync(ct)).Select(AlertSourceView.Of)];
    }

    [WolverineGet("/api/alert-sources/{id}", OperationId = "GetAlertSource", Summary = "One alert source, without its secret")]
    [Authorize(Policies.Administer), Tags("Alerts")]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AlertSource>(id, ct) is { } source && source.OrganisationId == CaseManagementClaims.OrganisationOf(user)
            ? Results.Ok(AlertSourceView.Of(source))
            : Results.Problem(title: "Alert source not found", detail: $"No alert source with id {id} exists in your organisation.", statusCode: StatusCodes.Status404NotFound);
    }
}
