using Alba;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// A host with deadline escalations on, alone on its own database: the only node, so a restart here is a
/// real restart, and the main scenarios' old incidents cannot fill its queues with "missed".
/// </summary>
public sealed class EscalationFixture : IAsyncLifetime
{
    public const string Database = "casemanagement_escalation_tests";

    private string _connection = "";

    public IAlbaHost Host { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _connection = await TestHosts.EnsureDatabaseAsync(Database);
        await TestHosts.DropSchemasAsync(_connection);
        Host = await StartAsync();
    }

    /// <summary>Stops the only node, with whatever it has scheduled, and starts a fresh one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await StartAsync();
    }

    public IncidentApi Api() => new(Host, Host.Services.GetRequiredService<DevTokenIssuer>()
        .Issue(IncidentApi.Responder, "acme", [Roles.Responder, Roles.ComplianceLead], TimeSpan.FromHours(1)));

    private Task<IAlbaHost> StartAsync() => TestHosts.StartAsync(_connection, Logs, new Dictionary<string, string>
    {
        ["Escalation:Enabled"] = "true",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EscalationCollection : ICollectionFixture<EscalationFixture>
{
    public const string Name = "escalation";
}
