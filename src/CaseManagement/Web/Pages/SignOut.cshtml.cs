using CaseManagement.Security.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages;

/// <summary>
/// Ends the session here. The demo identity provider keeps no session of its own, so the next sign-in asks again;
/// a provider that does keeps its own until the person signs out there.
/// </summary>
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSessions.CookieScheme);
        return RedirectToPage("/SignedOut");
    }
}
