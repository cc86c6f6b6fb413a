using Alba;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using JasperFx.Events.Daemon;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime.Agents;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// A host alone on a database of its own: stopping it stops the only node, so what survives a restart here (durable
/// queues, sagas, scheduled messages) survives it in production, and no other scenario's data reaches its queues.
/// </summary>
public abstract class SoleNodeFixture(string database, IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    private string _connection = "";

    public IAlbaHost Host { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _connection = await TestHosts.EnsureDatabaseAsync(database);
        await TestHosts.DropSchemasAsync(_connection);
        Host = await StartAsync();
    }

    /// <summary>Stops the only node, with whatever it was doing or has scheduled, and starts a fresh one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await StartAsync();
    }

    /// <summary>
    /// The node's projection daemon, once Wolverine's leader has handed this node its agents (ADR 25): right after a
    /// start, no daemon runs here yet.
    /// </summary>
    public async Task<IProjectionDaemon> DaemonAsync()
    {
        var coordinator = Host.Services.GetRequiredService<IProjectionCoordinator>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return coordinator.DaemonForMainDatabase();
            }
            catch (DaemonNotRunningOnThisNodeException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public IncidentApi ApiAs(string subject, params string[] roles) => ApiIn("acme", subject, roles);

    /// <summary>A caller of another organisation, for scenarios that must see an organisation's whole record alone.</summary>
    public IncidentApi ApiIn(string organisation, string subject, params string[] roles) =>
        new(Host, Host.Services.GetRequiredService<DevTokenIssuer>().Issue(subject, organisation, roles, TimeSpan.FromHours(1)));

    /// <summary>A responder who is also the compliance lead.</summary>
    public IncidentApi Api() => ApiAs(IncidentApi.Responder, Roles.Responder, Roles.ComplianceLead);

    private Task<IAlbaHost> StartAsync() => TestHosts.StartAsync(_connection, Logs, settings);

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();
}
