using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>
/// The hash chain on a database of its own: its scenarios edit and delete stored events behind the service's back, which
/// no other scenario should ever meet. Checkpoints are scheduled every 3 s so the schedule runs during the scenarios.
/// </summary>
public sealed class ChainFixture() : SoleNodeFixture(DatabaseName, new Dictionary<string, string>
{
    ["Escalation:Enabled"] = "false",
    ["Audit:CheckpointMinutes"] = "0.05",
})
{
    private const string DatabaseName = "casemanagement_chain_tests";

    /// <summary>The test database itself, for tampering as someone with database access would.</summary>
    public static string Connection => new NpgsqlConnectionStringBuilder(TestDatabases.Marten) { Database = DatabaseName }.ConnectionString;

    /// <summary>A responder and compliance lead of an organisation of the scenario's own, so organisation-wide results are its alone.</summary>
    public IncidentApi ApiFor(string organisation, params string[] roles) =>
        new(Host, Host.Services.GetRequiredService<DevTokenIssuer>().Issue(IncidentApi.Responder, organisation,
            roles.Length == 0 ? [Roles.Responder, Roles.ComplianceLead] : roles, TimeSpan.FromHours(1)));

    /// <summary>Runs SQL against the store directly (parameters by name), returning the first column of the first row if any.</summary>
    public static async Task<object?> SqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ChainCollection : ICollectionFixture<ChainFixture>
{
    public const string Name = "hash-chain";
}
