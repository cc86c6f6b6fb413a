using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using CaseManagement.Api.Conventions;
using Marten;

namespace CaseManagement.Security.ApiKeys;

public sealed record CreateApiKey(string? Name, IReadOnlyList<string>? Roles, DateTimeOffset? ExpiresAt);

/// <summary>What an admin sees of a key: never the secret, nor its hash.</summary>
public sealed record ApiKeyView(Guid Id, string Prefix, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevocationReason)
{
    public static ApiKeyView Of(ApiKey k) =>
        new(k.Id, k.Prefix, k.Name, k.Roles, k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.RevokedBy, k.RevocationReason);

    /// <summary>The organisation's keys, oldest first: what the API and the admin page list.</summary>
    public static async Task<List<ApiKeyView>> ListAsync(IQuerySession session, string organisation, CancellationToken cancellation)
    {
        // API keys are not tenanted (they are looked up before the organisation is known), hence the explicit filter.
        var all = await session.Query<ApiKey>().Where(k => k.OrganisationId == organisation).OrderBy(k => k.CreatedAt).ToListAsync(cancellation);
        return [.. all.Select(Of)];
    }
}

/// <summary>The only time the plaintext key is shown.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyView ApiKey);

public sealed record RevokeApiKey(string? Reason);

/// <summary>Create an API key; the answer is the only time its secret is shown (and so it is never stored to replay a retry).</summary>
public static class CreateApiKeyEndpoint
{
    public static ProblemDetails Validate(CreateApiKey request, DateTimeOffset now)
    {
        var validation = new Validation().Required("name", request.Name, 100);
        if (request.Roles is null || request.Roles.Count == 0)
        {
            validation.Add("roles", $"name at least one of: {string.Join(", ", Security.Roles.GrantableToApiKeys)}");
        }

        validation.Within("roles", request.Roles, Security.Roles.GrantableToApiKeys);
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            validation.Add("expiresAt", "must be in the future");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/admin/api-keys", OperationId = nameof(CreateApiKey), Summary = "Create an API key; the answer is the only time its secret is shown")]
    [Authorize(Policies.Administer), Tags("Administration"), ShowsSecretOnce("GET /api/admin/api-keys lists the organisation's keys")]
    public static (Created<CreatedApiKey>, Insert<ApiKey>) Post(CreateApiKey request, ClaimsPrincipal user, DateTimeOffset now)
    {
        var (secret, prefix) = ApiKeySecrets.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = CaseManagementClaims.OrganisationOf(user)!,
            Prefix = prefix,
            SecretHash = ApiKeySecrets.Hash(secret),
            Name = request.Name!.Trim(),
            Roles = [.. request.Roles!.Distinct()],
            CreatedAt = now,
            CreatedBy = CaseManagementClaims.ActorOf(user),
            ExpiresAt = request.ExpiresAt,
        };
        return (TypedResults.Created($"/api/admin/api-keys/{key.Id}", new CreatedApiKey(secret, ApiKeyView.Of(key))), Storage.Insert(key));
    }
}

public static class ListApiKeysEndpoint
{
    [WolverineGet("/api/admin/api-keys", OperationId = "ListApiKeys", Summary = "The organisation's API keys, with last use and revocation")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static Task<List<ApiKeyView>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        ApiKeyView.ListAsync(session, CaseManagementClaims.OrganisationOf(user)!, ct);
}

public static class RevokeApiKeyEndpoint
{
    /// <summary>Keys are kept across organisations (they are looked up before anyone is known); another organisation's key does not exist for you.</summary>
    public static async Task<ApiKey?> LoadAsync(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<ApiKey>(id, ct) is { } key && key.OrganisationId == CaseManagementClaims.OrganisationOf(user) ? key : null;

    public static ProblemDetails Validate(Guid id, ApiKey? key) => key switch
    {
        null => new ProblemDetails { Title = "API key not found", Detail = $"No API key with id {id} exists in your organisation.", Status = StatusCodes.Status404NotFound },
        { RevokedAt: not null } => new ProblemDetails
        {
            Title = "Already revoked", Detail = $"API key {key.Prefix} was revoked at {key.RevokedAt:O} by {key.RevokedBy}.", Status = StatusCodes.Status409Conflict,
        },
        _ => WolverineContinue.NoProblems,
    };

    [WolverinePost("/api/admin/api-keys/{id}/revoke", OperationId = nameof(RevokeApiKey), Summary = "Revoke an API key at once")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static (ApiKeyView, Store<ApiKey>) Post(RevokeApiKey request, ApiKey key, ClaimsPrincipal user, DateTimeOffset now)
    {
        key.RevokedAt = now;
        key.RevokedBy = CaseManagementClaims.ActorOf(user);
        key.RevocationReason = request.Reason;
        return (ApiKeyView.Of(key), Storage.Store(key));
    }
}
