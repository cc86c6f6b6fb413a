using System.Security.Claims;
using CaseManagement.Security;
using Microsoft.AspNetCore.Authorization;

namespace CaseManagement.Web;

public sealed record NavigationLink(string Title, string Path);

/// <summary>
/// The sections a person may open, decided by the same policies that guard the pages and the API. Sections whose
/// pages are not built yet have no entry: a link never leads nowhere.
/// </summary>
public sealed class Navigation(IAuthorizationService authorization)
{
    public static readonly IReadOnlyList<(NavigationLink Link, string? Policy)> Sections =
    [
        (new NavigationLink("Start", "/"), null),
        (new NavigationLink("Incidents", "/incidents"), Policies.ReadIncidents),
        (new NavigationLink("Deadlines", "/deadlines"), Policies.ReadIncidents),
        (new NavigationLink("Approvals", "/approvals"), Policies.Approve),
        (new NavigationLink("Audit", "/audit"), Policies.ReadIncidents),
        (new NavigationLink("Shops", "/shops"), Policies.ReadShops),
        (new NavigationLink("Paging", "/paging"), Policies.ReadIncidents),
        (new NavigationLink("Admin", "/admin"), Policies.Administer),
    ];

    public async Task<IReadOnlyList<NavigationLink>> ForAsync(ClaimsPrincipal user)
    {
        var links = new List<NavigationLink>();
        foreach (var (link, policy) in Sections)
        {
            if (policy is null || (await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                links.Add(link);
            }
        }

        return links;
    }
}
