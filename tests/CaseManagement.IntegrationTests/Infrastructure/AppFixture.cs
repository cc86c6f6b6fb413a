using Alba;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// One service host for the whole run, on real PostgreSQL, with the async daemon in the same HotCold
/// mode as production, so a test that waits for a projection also proves the daemon runs here.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>Everything the service logged, so tests can prove secrets never reach a log.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await DropSchemasAsync();
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", TestDatabases.Marten);
            builder.UseSetting("CaseManagement:SeedDemoIncident", "false");
            // The role matrix alone fails authentication hundreds of times; the throttle has its own host.
            builder.UseSetting("Security:AuthenticationFailures:PermitLimit", "100000");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            builder.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        });
    }

    // Each run starts from an empty test database: a schema left by an older build (for example one
    // without tenancy) cannot always be migrated in place, and tests must not depend on leftovers.
    private static async Task DropSchemasAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabases.Marten);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand("drop schema if exists casemanagement cascade; drop schema if exists wolverine cascade;", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "service";
}

/// <summary>Base for scenarios against the running service.</summary>
[Collection(ServiceCollection.Name)]
public abstract class ServiceScenario(AppFixture fixture)
{
    /// <summary>The organisation most scenarios act in; isolation tests add others.</summary>
    public const string Organisation = "acme";

    protected IAlbaHost Host => fixture.Host;

    protected CapturedLogs Logs => fixture.Logs;

    /// <summary>A responder who is also the compliance lead: may do everything on an incident.</summary>
    protected IncidentApi Api => ApiAs(IncidentApi.Responder, Organisation, Roles.Responder, Roles.ComplianceLead);

    protected IncidentApi ApiAs(string subject, string organisation, params string[] roles) =>
        new(fixture.Host, TokenFor(subject, organisation, roles));

    protected string TokenFor(string subject, string organisation, params string[] roles) =>
        fixture.Host.Services.GetRequiredService<DevTokenIssuer>().Issue(subject, organisation, roles, TimeSpan.FromHours(1));
}
