using CaseManagement.Security.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages;

/// <summary>Where the session cookie sends a person without one: on to the identity provider, then back where they were.</summary>
[AllowAnonymous]
public sealed class SignInModel(OidcSettings oidc) : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (!oidc.IsConfigured)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        // Only a path on this site: a crafted link must not send a freshly signed-in person elsewhere.
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = back }, WebSessions.OidcScheme);
    }
}
