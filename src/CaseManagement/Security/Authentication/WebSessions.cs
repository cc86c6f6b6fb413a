using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace CaseManagement.Security.Authentication;

/// <summary>
/// People using the pages sign in with OpenID Connect and keep a cookie session; the API keeps bearer tokens and
/// API keys and never accepts the cookie, so no API call can be forged from another site. The claims are those of a
/// bearer token (sub, org, role, and the actor "user:&lt;sub&gt;"), so one set of policies serves both.
/// </summary>
public static class WebSessions
{
    public const string CookieScheme = "WebSession";
    public const string OidcScheme = "Oidc";
    public const string SignInPath = "/signin";
    public const string AccessDeniedPath = "/access-denied";
    public const string SignInFailedPath = "/signin-failed";

    /// <summary>The API's routes; everything else is a page (or anonymous: health, the OpenAPI document, assets).</summary>
    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static AuthenticationBuilder AddWebSessions(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var oidc = configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings();
        if (oidc.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Web sign-in is not configured: " + string.Join("; ", problems) + ".");
        }

        authentication.Services.AddSingleton(oidc);
        authentication.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IHostEnvironment>((o, environment) =>
        {
            // Own names: cookies are shared by every port of 127.0.0.1, where the identity provider runs too.
            o.Cookie.Name = "cm.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Events.OnRedirectToLogin = RedirectOrTellHtmx;
        });
        authentication.AddCookie(CookieScheme);
        if (!oidc.IsConfigured)
        {
            return authentication;
        }

        authentication.Services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IHostEnvironment>((o, environment) =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            // Development runs the local provider on plain http://127.0.0.1; everywhere else its metadata must come over HTTPS.
            o.RequireHttpsMetadata = !environment.IsDevelopment();
            o.ResponseType = "code";
            o.UsePkce = true;
            // A query response is a top-level GET, so the correlation cookies can stay SameSite=Lax (Chromium drops
            // SameSite=None cookies that are not Secure, as on http://127.0.0.1).
            o.ResponseMode = "query";
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            }

            o.SignInScheme = CookieScheme;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "roles", CaseManagementClaims.Organisation })
            {
                o.Scope.Add(scope);
            }

            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            o.TokenValidationParameters.NameClaimType = CaseManagementClaims.Subject;
            o.TokenValidationParameters.RoleClaimType = CaseManagementClaims.Role;
            o.Events.OnTokenValidated = context =>
            {
                if (PersonClaims.Complete(context.Principal!) is { } refusal)
                {
                    context.Fail(refusal);
                }

                return Task.CompletedTask;
            };
            // A sign-in that cannot complete (an old tab, a refused or expired code) is the visitor's to retry, not a 500;
            // the handler has already logged why.
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect(SignInFailedPath);
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return authentication.AddOpenIdConnect(OidcScheme, _ => { });
    }

    // htmx follows no redirect to another site; HX-Redirect makes it load the sign-in page as a whole.
    private static Task RedirectOrTellHtmx(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Headers["HX-Request"] == "true")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers["HX-Redirect"] = context.RedirectUri;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
