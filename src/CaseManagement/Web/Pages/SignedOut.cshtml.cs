using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages;

[AllowAnonymous]
public sealed class SignedOutModel : PageModel
{
}
