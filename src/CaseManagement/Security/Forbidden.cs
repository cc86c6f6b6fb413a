using System.Security.Claims;

namespace CaseManagement.Security;

/// <summary>
/// Every 403 says what would have been allowed: the roles the endpoint's policy needs (and those the caller holds), or the
/// condition a person does not meet, such as four eyes (docs/adr/0019).
/// </summary>
public static class Forbidden
{
    public const string FourEyes = "four-eyes";

    /// <summary>Fills in a bare 403 from the authorization middleware: the roles the endpoint needs, and the caller's.</summary>
    public static void ExplainRoles(ProblemDetails problem, HttpContext http)
    {
        var policies = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList() ?? [];
        var needed = policies.Where(Policies.RolesFor.ContainsKey).SelectMany(p => Policies.RolesFor[p]).Distinct().ToArray();
        if (needed.Length == 0)
        {
            return;
        }

        var held = http.User.FindAll(CaseManagementClaims.Role).Select(c => c.Value).Distinct().ToArray();
        problem.Detail = $"{http.Request.Method} {http.Request.Path} needs the role {string.Join(" or ", needed)} ({string.Join(", ", policies)}); " +
                         (held.Length == 0 ? "you hold no role." : $"you hold {string.Join(", ", held)}.");
        problem.Extensions["requiredRoles"] = needed;
        problem.Extensions["heldRoles"] = held;
    }

    /// <summary>
    /// Four eyes: the person who asked for something risky cannot also be the one who allows it. Null when
    /// <paramref name="user"/> is someone else than every one of <paramref name="requesters"/>.
    /// </summary>
    public static ProblemDetails? UnlessSecondPerson(ClaimsPrincipal user, string what, string policy, IEnumerable<(string? Actor, string Did)> requesters)
    {
        var actor = CaseManagementClaims.ActorOf(user);
        if (requesters.FirstOrDefault(r => r.Actor == actor) is not { Actor: not null } same)
        {
            return null;
        }

        var roles = Policies.RolesFor[policy];
        return new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "A second person must decide",
            Detail = $"{actor} {same.Did}, so {actor} cannot also approve {what}: four eyes. Another person with the role {string.Join(" or ", roles)} must.",
            Extensions = { ["condition"] = FourEyes, ["requiredRoles"] = roles },
        };
    }
}
