namespace IdentityProvider;

/// <summary>How a service host started beside a <see cref="DemoIdentityProvider"/> (browser tests, the pages benchmark) signs people in through it.</summary>
public static class DemoSignIn
{
    /// <summary>The service's web sign-in settings for the provider at <paramref name="authority"/> and its one default client.</summary>
    public static IWebHostBuilder UseDemoIdentityProvider(this IWebHostBuilder service, Uri authority) => service
        .UseSetting("Authentication:Oidc:Authority", authority.ToString())
        .UseSetting("Authentication:Oidc:ClientId", IdentityProviderOptions.DefaultClientId)
        .UseSetting("Authentication:Oidc:ClientSecret", IdentityProviderOptions.DefaultClientSecret);
}
