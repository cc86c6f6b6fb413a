using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Security.Authentication;

/// <summary>
/// Bearer tokens for people. With an Authority the signing keys come from the identity provider's
/// OpenID Connect metadata; without one (local use, tests) tokens are signed with SigningKey.
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Authentication:Jwt";
    public const int MinimumSigningKeyBytes = 32;

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    public string? Authority { get; set; }
    public string? SigningKey { get; set; }

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            yield return $"{Section}:Issuer is not set";
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return $"{Section}:Audience is not set";
        }

        if (string.IsNullOrWhiteSpace(Authority) && Encoding.UTF8.GetByteCount(SigningKey ?? "") < MinimumSigningKeyBytes)
        {
            yield return $"{Section}:Authority is not set, so {Section}:SigningKey must be at least {MinimumSigningKeyBytes} bytes";
        }
    }

    public SymmetricSecurityKey? SymmetricKey() =>
        string.IsNullOrWhiteSpace(SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
}
