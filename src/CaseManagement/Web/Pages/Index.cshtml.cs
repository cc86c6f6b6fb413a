using CaseManagement.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages;

/// <summary>The start page: who is signed in, for which organisation, with which roles, and where they may go.</summary>
public sealed class StartModel(Navigation navigation) : PageModel
{
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Organisation { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<NavigationLink> Sections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Subject = User.FindFirst(CaseManagementClaims.Subject)!.Value;
        Name = User.FindFirst(CaseManagementClaims.Name)?.Value ?? Subject;
        Organisation = CaseManagementClaims.OrganisationOf(User)!;
        Actor = CaseManagementClaims.ActorOf(User);
        Roles = [.. User.FindAll(CaseManagementClaims.Role).Select(c => c.Value).Order(StringComparer.Ordinal)];
        Sections = [.. (await navigation.ForAsync(User)).Where(l => l.Path != "/")];
    }
}
