using CaseManagement.IntegrationTests.Infrastructure;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// An in-process node that prepares a drill's database (shops, incidents, templates) and is then stopped, so the processes a
/// drill kills start on a database that already holds everything they need.
/// </summary>
public sealed class SetupNode(string database) : SoleNodeFixture(database, new Dictionary<string, string>
{
    ["Escalation:Enabled"] = "false",
    ["Evidence:Root"] = Path.Combine(AppFixture.EvidenceRoot, database),
})
{
    /// <summary>The connection string of the drill's database, for the processes that take over from this node.</summary>
    public string Connection { get; } = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabases.Marten) { Database = database }.ConnectionString;
}
