using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CaseManagement.Security.Authentication;
using IdentityProvider;
using JasperFx.CommandLine;
using MailSink;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MySqlConnector;
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

    /// <summary>Where the campaigns' notices go: an SMTP sink in the test process, never a real address.</summary>
    public SmtpSink Mail { get; } = SmtpSink.Start();
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The service's address as the browser uses it, e.g. http://127.0.0.1:40123.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public IServiceProvider Services => service.Services;

    public async Task InitializeAsync()
    {
        var database = await EmptyDatabaseAsync("casemanagement_browser_tests");
        IdentityProvider = await DemoIdentityProvider.StartAsync(new IdentityProviderOptions { Environment = "Development" });
        service = new ServiceFactory(database, IdentityProvider.Url, Mail.Port);
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

    /// <summary>The WooCommerce database (tables, no orders) in the test MariaDB that <see cref="RegisterShopAsync"/> registers shops on.</summary>
    private readonly Lazy<Task<string>> standInShop = new(CreateStandInShopAsync);

    public static MySqlConnectionStringBuilder ShopServer => new(Environment.GetEnvironmentVariable("ConnectionStrings__ShopTests")
        ?? "Server=127.0.0.1;Port=53306;Database=shop_tests;User ID=casemanagement;Password=casemanagement");

    /// <summary>
    /// An incident names a registered, active shop (ADR 30). Journeys about something else register the shop they name as an
    /// admin of their organisation would, through POST /api/shops (connection test and layout check included), on one WooCommerce
    /// database this run shares for the purpose. Once per shop and organisation.
    /// </summary>
    public Task RegisterShopAsync(string name, string organisation) =>
        registeredShops.GetOrAdd((name, organisation), key => new Lazy<Task>(() => RegisterOnStandInAsync(key.Name, key.Organisation))).Value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Organisation), Lazy<Task>> registeredShops = new();

    private async Task RegisterOnStandInAsync(string name, string organisation)
    {
        var server = ShopServer;
        using var admin = ApiAs("shop.admin@demo-shop.example", organisation, CaseManagement.Security.Roles.Admin);
        using var registered = await admin.PostAsJsonAsync("/api/shops", new
        {
            name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database = await standInShop.Value, user = server.UserID,
            password = server.Password, tablePrefix = "wp_",
        });
        if (registered.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registering shop '{name}' answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<string> CreateStandInShopAsync()
    {
        var database = "shop_si_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(ShopServer.ConnectionString) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new MySqlCommand($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await connection.ChangeDatabaseAsync(database);
        await CaseManagement.Shops.Schema.ShopSchema.CreateWooCommerceAsync(connection, "wp_", includeHposTables: false);
        return database;
    }

    public async Task DisposeAsync()
    {
        if (standInShop.IsValueCreated)
        {
            MySqlConnection.ClearAllPools();
            await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(ShopServer.ConnectionString) { Database = "" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{await standInShop.Value}`", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await Browser.DisposeAsync();
        playwright.Dispose();
        await service.DisposeAsync();
        await IdentityProvider.DisposeAsync();
        await Mail.DisposeAsync();
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

    private sealed class ServiceFactory(string database, Uri identityProvider, int smtpPort) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            JasperFxEnvironment.AutoStartHost = true;
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", database);
            builder.UseSetting("CaseManagement:SeedDemoIncident", "false");
            builder.UseSetting("Escalation:Enabled", "false");
            builder.UseDemoIdentityProvider(identityProvider);
            builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Notifications:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Notifications:Smtp:Tls", "None");
            builder.UseSetting("Notifications:Smtp:From", "notices@demo-shop.example");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
