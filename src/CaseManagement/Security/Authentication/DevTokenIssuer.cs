using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Security.Authentication;

/// <summary>
/// Mints bearer tokens with the configured signing key, so local use and tests need no identity
/// provider. Refuses to work outside Development and without a local signing key.
/// </summary>
public sealed class DevTokenIssuer(JwtSettings settings, TimeProvider clock)
{
    public string Issue(string subject, string organisation, IReadOnlyCollection<string> roles, TimeSpan lifetime)
    {
        var key = settings.SymmetricKey() ?? throw new InvalidOperationException($"{JwtSettings.Section}:SigningKey is not set; development tokens need it.");
        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Roles.All)}.", nameof(roles));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(CaseManagementClaims.Subject, subject),
            new(CaseManagementClaims.Organisation, organisation),
        };
        claims.AddRange(roles.Select(r => new Claim(CaseManagementClaims.Role, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
