using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CaseManagement.Operations.Telemetry;

/// <summary>
/// The scraper's credential for /metrics: "Authorization: Bearer" with the configured scrape token, compared in constant
/// time. It is a scheme of its own because a scraper is no person of an organisation, and metrics span them all.
/// </summary>
public sealed class MetricsScrapeAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<TelemetryOptions> telemetry,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MetricsScrape";
    public const string Policy = "scrape-metrics";
    public const string ScraperRole = "metrics-scraper";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (telemetry.Value.Metrics.ScrapeToken is not { Length: > 0 } expected || !Same(authorization[7..].Trim(), expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("Not the scrape token."));
        }

        var identity = new ClaimsIdentity([new Claim(CaseManagementClaims.Subject, "metrics-scraper"), new Claim(CaseManagementClaims.Role, ScraperRole)],
            SchemeName, CaseManagementClaims.Subject, CaseManagementClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
        var detail = telemetry.Value.Metrics.ScrapeToken is { Length: > 0 }
            ? "Send the scrape token as \"Authorization: Bearer <token>\" (Telemetry:Metrics:ScrapeToken)."
            : "No scrape token is configured: set Telemetry:Metrics:ScrapeToken, or Telemetry:Metrics:AllowAnonymous=true where only the scraper reaches this port.";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Metrics need the scrape token", Detail = detail },
        });
    }

    private static bool Same(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
