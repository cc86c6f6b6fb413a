using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityProvider;

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 for tests and the demo: discovery, authorization code with PKCE,
/// tokens carrying sub, name, org and role. Its sign-in page lets anyone pick a demo person and roles, which is
/// why it refuses to start outside Development.
/// </summary>
public sealed class DemoIdentityProvider : IAsyncDisposable
{
    /// <summary>The scope that asks for the person's organisation claim.</summary>
    public const string OrganisationScope = "org";

    private readonly WebApplication app;
    private readonly string clientId;

    private DemoIdentityProvider(WebApplication app, string clientId, Uri url)
    {
        this.app = app;
        this.clientId = clientId;
        Url = url;
    }

    /// <summary>The issuer and base address, e.g. http://127.0.0.1:5081/.</summary>
    public Uri Url { get; }

    public static async Task<DemoIdentityProvider> StartAsync(IdentityProviderOptions options, CancellationToken cancellation = default)
    {
        if (!string.Equals(options.Environment, "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The demo identity provider lets anyone sign in as any demo person, so it runs only in Development (this environment is '{options.Environment}'). Use the organisation's own OpenID Connect provider elsewhere.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = options.Environment,
            ApplicationName = typeof(DemoIdentityProvider).Assembly.GetName().Name,
        });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var database = $"identity-provider-{Guid.NewGuid():N}";
        builder.Services.AddDbContext<IdentityDatabase>(o => o.UseInMemoryDatabase(database).UseOpenIddict());
        // Cookies are per host, not per port: names of its own keep the provider's apart from the service's on 127.0.0.1.
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "idp.antiforgery");
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDatabase>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, OrganisationScope);
                // Keys live as long as the process, like the sign-ins they sign.
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], SignInPage.HandleAsync);
        await app.StartAsync(cancellation);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var provider = new DemoIdentityProvider(app, options.ClientId, new Uri(address.TrimEnd('/') + "/"));
        await provider.RegisterClientAsync(options, cancellation);
        return provider;
    }

    /// <summary>Lets the client come back to one more address (a test host learns its port only after it starts).</summary>
    public async Task AllowRedirectUriAsync(Uri redirectUri, CancellationToken cancellation = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await manager.FindByClientIdAsync(clientId, cancellation)
            ?? throw new InvalidOperationException($"Client {clientId} is not registered.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, client, cancellation);
        descriptor.RedirectUris.Add(redirectUri);
        await manager.UpdateAsync(client, descriptor, cancellation);
    }

    private async Task RegisterClientAsync(IdentityProviderOptions options, CancellationToken cancellation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "CaseManagement web pages",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + OrganisationScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in options.RedirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        await manager.CreateAsync(descriptor, cancellation);
    }

    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
