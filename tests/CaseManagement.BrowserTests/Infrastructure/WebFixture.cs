using System.Net;
using System.Net.Http.Headers;
using CaseManagement.Security.Authentication;
using IdentityProvider;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace CaseManagement.BrowserTests.Infrastructure;

/// <summary>
/// The real service on a loopback port (Kestrel, Development, its own PostgreSQL database), the demo identity
/// provider beside it, and one headless Debian chromium for the whole run.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Chromium from Debian's package (build/lib/common.sh installs it); Playwright cannot download browsers here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private ServiceFactory service = null!;
    private IPlaywright playwright = null!;

    public DemoIdentityProvider IdentityProvider { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The service's address as the browser uses it, e.g. http://127.0.0.1:40123.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public IServiceProvider Services => service.Services;

    public async Task InitializeAsync()
    {
        var database = await EmptyDatabaseAsync("casemanagement_browser_tests");
        IdentityProvider = await DemoIdentityProvider.StartAsync(new IdentityProviderOptions { Environment = "Development" });
        service = new ServiceFactory(database, IdentityProvider.Url);
        service.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        ServiceUrl = new Uri(address);
        // The service's port is known only now; the provider sends sign-ins back only to addresses it was told.
        await IdentityProvider.AllowRedirectUriAsync(new Uri(ServiceUrl, "/signin-oidc"));
        // The first visit builds the service's and the provider's page caches; on a loaded machine that alone can outlast a
        // journey's 15 s step timeout, so it is paid here, once, following the redirect to the provider's sign-in page.
        using (var warm = new HttpClient { BaseAddress = ServiceUrl, Timeout = TimeSpan.FromMinutes(2) })
        {
            await warm.GetAsync("/");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) that shows times as a viewer in Berlin would see them.</summary>
    public async Task<IBrowserContext> NewVisitorAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ServiceUrl.ToString(),
            TimezoneId = "Europe/Berlin",
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>An API client with a bearer token, as integrations and scripts call the service.</summary>
    public HttpClient ApiAs(string subject, string organisation, params string[] roles)
    {
        var token = service.Services.GetRequiredService<DevTokenIssuer>().Issue(subject, organisation, roles, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = ServiceUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await service.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }

    // Its own database beside the integration tests' (build/test.sh runs test projects side by side), emptied per run.
    private static async Task<string> EmptyDatabaseAsync(string name)
    {
        var tests = Environment.GetEnvironmentVariable("ConnectionStrings__MartenTests")
            ?? "Host=127.0.0.1;Port=55432;Database=casemanagement_tests;Username=casemanagement;Password=casemanagement";
        await using var server = new NpgsqlConnection(tests);
        await server.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", server);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{name}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(tests) { Database = name }.ConnectionString;
        await using var own = new NpgsqlConnection(connection);
        await own.OpenAsync();
        await using var drop = new NpgsqlCommand("drop schema if exists casemanagement cascade; drop schema if exists wolverine cascade;", own);
        await drop.ExecuteNonQueryAsync();
        return connection;
    }

    private sealed class ServiceFactory(string database, Uri identityProvider) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            JasperFxEnvironment.AutoStartHost = true;
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", database);
            builder.UseSetting("CaseManagement:SeedDemoIncident", "false");
            builder.UseSetting("Escalation:Enabled", "false");
            builder.UseSetting("Authentication:Oidc:Authority", identityProvider.ToString());
            builder.UseSetting("Authentication:Oidc:ClientId", IdentityProviderOptions.DefaultClientId);
            builder.UseSetting("Authentication:Oidc:ClientSecret", IdentityProviderOptions.DefaultClientSecret);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
