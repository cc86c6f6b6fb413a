using CaseManagement.Security.ApiKeys;
using CaseManagement.Security.Hardening;
using CaseManagement.Security.Pii;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Security.Authentication;

public static class AuthenticationSetup
{
    private const string SelectScheme = "BearerOrApiKey";

    public static IServiceCollection AddCaseManagementSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        if (jwt.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Authentication is not configured: " + string.Join("; ", problems) + ".");
        }

        services.AddSingleton(jwt);
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton(configuration.GetSection(AuthenticationFailureLimits.Section).Get<AuthenticationFailureLimits>() ?? new AuthenticationFailureLimits());
        services.AddSingleton<AuthenticationFailureThrottle>();
        services.AddSingleton(_ => new MasterKeyRing(configuration.GetSection(PiiOptions.Section).Get<PiiOptions>() ?? new PiiOptions()));
        services.AddSingleton<PiiVault>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(SelectScheme)
            .AddPolicyScheme(SelectScheme, "Bearer token or API key for the API, the session cookie for pages", o =>
                o.ForwardDefaultSelector = http => !WebSessions.IsApiRequest(http.Request) ? WebSessions.CookieScheme
                    : ApiKeyAuthenticationHandler.ReadKey(http.Request) is null ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Authority = string.IsNullOrWhiteSpace(jwt.Authority) ? null : jwt.Authority;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = jwt.SymmetricKey(),
                    ValidateIssuerSigningKey = true,
                    NameClaimType = CaseManagementClaims.Subject,
                    RoleClaimType = CaseManagementClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents { OnTokenValidated = RequireOrganisationAndNameActor };
            })
            .AddWebSessions(configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicies();
        return services;
    }

    private static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesFor)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }

    private static Task RequireOrganisationAndNameActor(TokenValidatedContext context)
    {
        if (PersonClaims.Complete(context.Principal!) is { } refusal)
        {
            context.Fail(refusal);
        }

        return Task.CompletedTask;
    }
}
