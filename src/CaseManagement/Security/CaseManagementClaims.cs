using System.Security.Claims;

namespace CaseManagement.Security;

/// <summary>Claim names shared by people's tokens and API keys.</summary>
public static class CaseManagementClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Organisation = "org";

    /// <summary>"user:jane@shop.example" or "api-key:cmk_ab12cd34 (SIEM)": who is recorded on events.</summary>
    public const string Actor = "actor";

    public static string? OrganisationOf(ClaimsPrincipal user) => user.FindFirst(Organisation)?.Value;

    public static string ActorOf(ClaimsPrincipal user) =>
        user.FindFirst(Actor)?.Value ?? throw new InvalidOperationException("The authenticated principal carries no actor claim.");
}
