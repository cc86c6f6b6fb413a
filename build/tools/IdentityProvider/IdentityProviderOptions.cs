namespace IdentityProvider;

/// <summary>How a <see cref="DemoIdentityProvider"/> listens and which client it knows. It always binds 127.0.0.1.</summary>
public sealed record IdentityProviderOptions
{
    /// <summary>The one client: the service's web pages (a confidential client that must use PKCE).</summary>
    public const string DefaultClientId = "casemanagement-web";

    /// <summary>Local demo value, labelled so; the service's appsettings.Development.json carries the same.</summary>
    public const string DefaultClientSecret = "local-demo-client-secret-not-a-secret";

    /// <summary>0 picks a free port (tests); read the chosen one from <see cref="DemoIdentityProvider.Url"/>.</summary>
    public int Port { get; init; }

    /// <summary>The provider signs anyone in as anyone, so it refuses every environment but Development.</summary>
    public string Environment { get; init; } = "Production";

    public string ClientId { get; init; } = DefaultClientId;

    public string ClientSecret { get; init; } = DefaultClientSecret;

    /// <summary>Where the client may be sent back to after sign-in; more can be allowed once the client's port is known.</summary>
    public IReadOnlyList<Uri> RedirectUris { get; init; } = [];
}
