using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityProvider;

/// <summary>
/// The authorization endpoint: a page listing the demo people (GET), and the sign-in of the one picked (POST, with
/// an antiforgery token). The provider keeps no session of its own, so every sign-in shows the page again and a
/// newcomer can switch person by signing out of the service.
/// </summary>
internal static class SignInPage
{
    private const string PersonField = "person";
    private const string RoleField = "role";

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
        + "button{font:inherit;padding:.4rem .8rem;margin:.2rem 0;cursor:pointer}fieldset{margin:1rem 0}"
        + "li{margin:.4rem 0}.note{color:#444}";

    private static readonly string StyleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    public static async Task<IResult> HandleAsync(HttpContext http, IAntiforgery antiforgery)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not recognise this as an authorization request.");
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Form[PersonField].ToString() is { Length: > 0 } subject)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem(title: "Sign-in form expired", detail: "The form's antiforgery token did not match; start the sign-in again.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (DemoPeople.Find(subject) is not { } person)
            {
                return Results.Problem(title: "Unknown person", detail: $"No demo person is called {subject}.", statusCode: StatusCodes.Status400BadRequest);
            }

            var chosen = http.Request.Form[RoleField].Where(r => DemoPeople.RoleNames.Contains(r)).Select(r => r!).Distinct().ToList();
            return Results.SignIn(PrincipalFor(person, chosen.Count > 0 ? chosen : person.Roles, request), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Page(http, antiforgery, request);
    }

    private static ClaimsPrincipal PrincipalFor(DemoPerson person, IReadOnlyList<string> roles, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(authenticationType: "demo", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject)
            .SetClaim(Claims.Name, person.Name)
            .SetClaim(DemoIdentityProvider.OrganisationScope, person.Organisation)
            .SetClaims(Claims.Role, [.. roles]);
        identity.SetScopes(request.GetScopes());
        // The service reads every claim from the identity token; access tokens carry the same for completeness.
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var page = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Sign in - demo identity provider</title><link rel=\"icon\" href=\"data:,\"><style>").Append(Style).Append("</style></head><body><main>")
            .Append("<h1>Sign in to CaseManagement</h1>")
            .Append("<p class=\"note\">This is the local demo identity provider: it signs you in as any demo person of the organisation <strong>")
            .Append(html.Encode(DemoPeople.Organisation)).Append("</strong>, without a password. It runs only in Development.</p>")
            .Append("<form method=\"post\" action=\"/connect/authorize\">")
            .Append("<input type=\"hidden\" name=\"").Append(html.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(html.Encode(tokens.RequestToken!)).Append("\">");
        foreach (var (name, value) in request.GetParameters())
        {
            page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(value.ToString() ?? "")).Append("\">");
        }

        page.Append("<fieldset><legend>Roles (optional: tick some to replace the person's usual roles)</legend>");
        foreach (var role in DemoPeople.RoleNames)
        {
            page.Append("<label><input type=\"checkbox\" name=\"").Append(RoleField).Append("\" value=\"").Append(html.Encode(role)).Append("\"> ")
                .Append(html.Encode(role)).Append("</label> ");
        }

        page.Append("</fieldset><h2>Pick a person</h2><ul>");
        foreach (var person in DemoPeople.All)
        {
            page.Append("<li><button type=\"submit\" name=\"").Append(PersonField).Append("\" value=\"").Append(html.Encode(person.Subject)).Append("\">Sign in as ")
                .Append(html.Encode(person.Name)).Append("</button> ").Append(html.Encode(person.Subject)).Append(", usually ")
                .Append(html.Encode(string.Join(", ", person.Roles))).Append("</li>");
        }

        page.Append("</ul></form></main></body></html>");

        // The form's answer redirects to the client, which Chromium checks against form-action too; OpenIddict has
        // already checked that address against the client's registration.
        var clientOrigin = Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) ? " " + redirect.GetLeftPart(UriPartial.Authority) : "";
        http.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; img-src data:; style-src 'sha256-{StyleHash}'; form-action 'self'{clientOrigin}; frame-ancestors 'none'; base-uri 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }
}
