using Alba;
using JasperFx.CommandLine;
using Marten;
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

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", TestDatabases.Marten);
            builder.UseSetting("CaseManagement:SeedDemoIncident", "false");
        });
        await Host.ResetAllMartenDataAsync();
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
    protected IAlbaHost Host => fixture.Host;

    protected IncidentApi Api => new(fixture.Host);
}
