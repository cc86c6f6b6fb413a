using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages;

/// <summary>Where a sign-in the service could not accept ends (400), with a way to start again.</summary>
[AllowAnonymous]
public sealed class SignInFailedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status400BadRequest;
}
