using CaseManagement.Api;
using Marten;

namespace CaseManagement.Security.ApiKeys;

public sealed record CreateApiKey(string? Name, IReadOnlyList<string>? Roles, DateTimeOffset? ExpiresAt)
{
    public Validation Validate(DateTimeOffset now)
    {
        var validation = new Validation().Required("name", Name, 100);
        if (Roles is null || Roles.Count == 0)
        {
            validation.Add("roles", $"name at least one of: {string.Join(", ", Security.Roles.GrantableToApiKeys)}");
        }

        validation.Within("roles", Roles, Security.Roles.GrantableToApiKeys);
        if (ExpiresAt is { } expires && expires <= now)
        {
            validation.Add("expiresAt", "must be in the future");
        }

        return validation;
    }
}

/// <summary>What an admin sees of a key: never the secret, nor its hash.</summary>
public sealed record ApiKeyView(Guid Id, string Prefix, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevocationReason)
{
    public static ApiKeyView Of(ApiKey k) =>
        new(k.Id, k.Prefix, k.Name, k.Roles, k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.RevokedBy, k.RevocationReason);

    /// <summary>The organisation's keys, oldest first: what the API and the admin page list.</summary>
    public static async Task<List<ApiKeyView>> ListAsync(IDocumentStore store, string organisation, CancellationToken cancellation)
    {
        // API keys are not tenanted (they are looked up before the organisation is known), hence the explicit filter.
        await using var session = store.QuerySession();
        var all = await session.Query<ApiKey>().Where(k => k.OrganisationId == organisation).OrderBy(k => k.CreatedAt).ToListAsync(cancellation);
        return [.. all.Select(Of)];
    }
}

/// <summary>The only time the plaintext key is shown.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyView ApiKey);

public sealed record RevokeApiKey(string? Reason);

/// <summary>Admin-only management of machine credentials, within the admin's own organisation.</summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/api-keys").RequireAuthorization(Policies.Administer).WithTags("Administration");

        keys.MapPost("", async (CreateApiKey request, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                if (request.Validate(now) is { IsValid: false } invalid)
                {
                    return Problems.Invalid(invalid.Errors);
                }

                var (secret, prefix) = ApiKeySecrets.Generate();
                var key = new ApiKey
                {
                    Id = Guid.CreateVersion7(now),
                    OrganisationId = CaseManagementClaims.OrganisationOf(http.User)!,
                    Prefix = prefix,
                    SecretHash = ApiKeySecrets.Hash(secret),
                    Name = request.Name!.Trim(),
                    Roles = [.. request.Roles!.Distinct()],
                    CreatedAt = now,
                    CreatedBy = CaseManagementClaims.ActorOf(http.User),
                    ExpiresAt = request.ExpiresAt,
                };
                await using var session = store.LightweightSession();
                session.Insert(key);
                await session.SaveChangesAsync(ct);
                return Results.Created($"/api/admin/api-keys/{key.Id}", new CreatedApiKey(secret, ApiKeyView.Of(key)));
            })
            .WithName("CreateApiKey")
            .WithSummary("Create an API key; the answer is the only time its secret is shown")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        keys.MapGet("", async (HttpContext http, IDocumentStore store, CancellationToken ct) =>
                Results.Ok(await ApiKeyView.ListAsync(store, CaseManagementClaims.OrganisationOf(http.User)!, ct)))
            .WithName("ListApiKeys")
            .WithSummary("The organisation's API keys, with last use and revocation")
            .Produces<List<ApiKeyView>>();

        keys.MapPost("{id:guid}/revoke", async (Guid id, RevokeApiKey request, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            {
                await using var session = store.LightweightSession();
                var key = await session.LoadAsync<ApiKey>(id, ct);
                if (key is null || key.OrganisationId != CaseManagementClaims.OrganisationOf(http.User))
                {
                    return Results.Problem(title: "API key not found", detail: $"No API key with id {id} exists in your organisation.", statusCode: StatusCodes.Status404NotFound);
                }

                if (key.RevokedAt is not null)
                {
                    return Results.Problem(title: "Already revoked", detail: $"API key {key.Prefix} was revoked at {key.RevokedAt:O} by {key.RevokedBy}.", statusCode: StatusCodes.Status409Conflict);
                }

                key.RevokedAt = clock.GetUtcNow();
                key.RevokedBy = CaseManagementClaims.ActorOf(http.User);
                key.RevocationReason = request.Reason;
                session.Store(key);
                await session.SaveChangesAsync(ct);
                return Results.Ok(ApiKeyView.Of(key));
            })
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key at once")
            .Produces<ApiKeyView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
