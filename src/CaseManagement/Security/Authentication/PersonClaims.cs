using System.Security.Claims;
using CaseManagement.Readiness.Exercises;

namespace CaseManagement.Security.Authentication;

/// <summary>
/// What a person's identity must carry, however they signed in (a bearer token for the API, an OpenID Connect
/// sign-in for the pages): an organisation (org) that is not an exercise's tenant name, and a subject (sub). The actor recorded on events is "user:&lt;sub&gt;".
/// </summary>
public static class PersonClaims
{
    /// <summary>Adds the actor claim, or says why the identity is refused.</summary>
    public static string? Complete(ClaimsPrincipal principal)
    {
        if (string.IsNullOrWhiteSpace(CaseManagementClaims.OrganisationOf(principal)) || principal.FindFirst(CaseManagementClaims.Subject) is not { } subject)
        {
            return "The token names no organisation (org) or subject (sub).";
        }

        if (ExerciseTenants.IsReservedInOrganisation(CaseManagementClaims.OrganisationOf(principal)!))
        {
            return "The token's organisation (org) contains '~exercise~', which only exercise tenants may (ADR 24).";
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(CaseManagementClaims.Actor, $"user:{subject.Value}"));
        return null;
    }
}
