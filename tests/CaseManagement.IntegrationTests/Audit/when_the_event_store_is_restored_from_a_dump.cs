using System.Diagnostics;
using CaseManagement.Audit.Chain;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace CaseManagement.IntegrationTests.Audit;

/// <summary>
/// The backup an operator takes (docs/operations.md): pg_dump of the store, pg_restore into a new database, and the
/// service started on the copy finds every hash chain and signed checkpoint exactly as the original does.
/// </summary>
public sealed class when_the_event_store_is_restored_from_a_dump(ChainFixture fixture) : ChainScenario(fixture)
{
    private const string RestoredDatabase = "casemanagement_restore_tests";

    [Fact]
    public async Task a_dump_restored_into_a_new_database_verifies_every_chain_and_checkpoint_as_the_original_does()
    {
        var detected = await IncidentWithNotesAsync(2);
        var noted = await IncidentWithNotesAsync(1);
        await LinkedAsync(detected, 3);
        await LinkedAsync(noted, 2);
        await Api.SendAsync(HttpMethod.Post, "/api/chain/checkpoints", new { }, 201);
        var (originalIntact, original) = await VerifyChainsCliAsync(Fixture, Organisation);
        originalIntact.Should().BeTrue(original);

        var (intact, output) = await VerifyRestoredCopyAsync(_ => Task.CompletedTask);

        intact.Should().BeTrue(output);
        output.Should().Be(original, "the copy holds the same events, links and signed checkpoints, so every line of the check is the same");
        output.Should().Contain($"{detected} intact, 3 events").And.Contain($"{noted} intact, 2 events");
    }

    [Fact]
    public async Task a_restore_that_lost_an_event_is_reported_broken()
    {
        var id = await IncidentWithNotesAsync(2);
        await LinkedAsync(id, 3);
        var (intact, output) = await VerifyRestoredCopyAsync(async restored =>
        {
            await using var connection = new NpgsqlConnection(restored);
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("delete from casemanagement.mt_events where tenant_id = @org and stream_id = @id and version = 2", connection);
            delete.Parameters.AddWithValue("org", Organisation);
            delete.Parameters.AddWithValue("id", id);
            (await delete.ExecuteNonQueryAsync()).Should().Be(1);
        });

        intact.Should().BeFalse("a copy missing an event is no faithful backup, and the check must say so: {0}", output);
        output.Should().Contain($"{id} BROKEN");
    }

    /// <summary>
    /// Dumps the store, restores it into an empty database, lets <paramref name="damage"/> change the copy, and runs the
    /// chain check for this scenario's organisation on a service started against the copy.
    /// </summary>
    private async Task<(bool Intact, string Output)> VerifyRestoredCopyAsync(Func<string, Task> damage)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"casemanagement-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await PostgresToolAsync("pg_dump", "--format=custom", "--file", dump, Uri(ChainFixture.Connection));
            var restored = await EmptyDatabaseAsync(RestoredDatabase);
            await PostgresToolAsync("pg_restore", "--no-owner", "--exit-on-error", "--dbname", Uri(restored), dump);
            await damage(restored);

            await using var copy = await TestHosts.StartAsync(restored, new CapturedLogs(), new Dictionary<string, string> { ["Escalation:Enabled"] = "false" });
            var output = new StringWriter();
            var intact = await VerifyChainsCommand.RunAsync(copy.Services, Organisation, null, output, CancellationToken.None);
            return (intact, output.ToString());
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task<string> EmptyDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(TestDatabases.Marten))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        return await TestHosts.EnsureDatabaseAsync(name);
    }

    private static string Uri(string connection)
    {
        var c = new NpgsqlConnectionStringBuilder(connection);
        return $"postgresql://{System.Uri.EscapeDataString(c.Username!)}:{System.Uri.EscapeDataString(c.Password!)}@{c.Host}:{c.Port}/{System.Uri.EscapeDataString(c.Database!)}";
    }

    /// <summary>The server's own version of a client tool (Debian keeps each major under /usr/lib/postgresql/N/bin).</summary>
    private static async Task PostgresToolAsync(string tool, params string[] arguments)
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null;
        var start = new ProcessStartInfo(installed ?? tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, "{0} {1} failed: {2}", tool, string.Join(' ', arguments.Where(a => !a.StartsWith("postgresql://", StringComparison.Ordinal))),
            await errors);
    }
}
