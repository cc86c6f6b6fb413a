namespace CaseManagement.Security.Authentication;

/// <summary>
/// Sign-in for the web pages through the organisation's OpenID Connect provider (authorization code + PKCE). Without
/// an Authority the pages cannot sign anyone in and say so; the API is unaffected either way.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> Problems()
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return $"{Section}:Authority must be an absolute URL";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{Section}:ClientId is not set";
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{Section}:ClientSecret is not set";
        }
    }
}
