using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CaseManagement.Security.ApiKeys;

/// <summary>
/// Authenticates "Authorization: ApiKey cmk_…" or "X-Api-Key: cmk_…". Logs name the key by its prefix
/// only; the secret never reaches a log.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDocumentStore store,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>Recording every use would write on every request; a minute's precision is enough.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? authorization[(SchemeName.Length + 1)..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadKey(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecrets.TryParsePrefix(presented, out var prefix))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        await using var session = store.LightweightSession();
        var key = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (key is null || !ApiKeySecrets.Matches(presented, key.SecretHash))
        {
            Logger.LogWarning("Rejected API key with prefix {Prefix}", prefix);
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        if (!key.IsUsableAt(now))
        {
            Logger.LogWarning("Rejected revoked or expired API key {Prefix}", prefix);
            return AuthenticateResult.Fail("The API key was revoked or has expired.");
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUseResolution)
        {
            key.LastUsedAt = now;
            session.Store(key);
            await session.SaveChangesAsync(Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(CaseManagementClaims.Subject, $"api-key:{key.Prefix}"),
            new(CaseManagementClaims.Actor, $"api-key:{key.Prefix} ({key.Name})"),
            new(CaseManagementClaims.Organisation, key.OrganisationId),
        };
        claims.AddRange(key.Roles.Select(r => new Claim(CaseManagementClaims.Role, r)));
        var identity = new ClaimsIdentity(claims, SchemeName, CaseManagementClaims.Subject, CaseManagementClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
