using CaseManagement.Containment.Evidence;
using FluentAssertions;
using Marten;
using Npgsql;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// Evidence as PostgreSQL keeps it (ADR 36), read and changed behind the service's back, as someone with access to the
/// database (or a backup of it) could.
/// </summary>
public static class StoredEvidence
{
    private const string Schema = global::CaseManagement.Infrastructure.EventStoreConfiguration.Schema;
    private const string Segments = $"{Schema}.{EvidenceRows.Segments}";
    private const string Bundles = $"{Schema}.{EvidenceRows.Bundles}";

    /// <summary>The stored bytes of one file of the item's published bundle, its segments joined in order.</summary>
    public static async Task<byte[]> ReadAsync(IDocumentStore store, Guid evidenceId, string file)
    {
        await using var connection = await EvidenceRows.OpenAsync(store, CancellationToken.None);
        await using var command = new NpgsqlCommand(
            $"select s.data from {Segments} s join {Bundles} b using (evidence_id, attempt) where s.evidence_id = $1 and s.file = $2 order by s.seq", connection)
        {
            Parameters = { new() { Value = evidenceId }, new() { Value = file } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        using var stored = new MemoryStream();
        while (await reader.ReadAsync())
        {
            stored.Write(reader.GetFieldValue<byte[]>(0));
        }

        return stored.ToArray();
    }

    /// <summary>Flips one byte of the file's first encrypted chunk (past the 15-byte header).</summary>
    public static async Task AlterAsync(IDocumentStore store, Guid evidenceId, string file)
    {
        await using var connection = await EvidenceRows.OpenAsync(store, CancellationToken.None);
        await using var command = new NpgsqlCommand(
            $"update {Segments} set data = set_byte(data, 20, get_byte(data, 20) # 255) where evidence_id = $1 and file = $2 and seq = 0", connection)
        {
            Parameters = { new() { Value = evidenceId }, new() { Value = file } },
        };
        (await command.ExecuteNonQueryAsync()).Should().BeGreaterThan(0, "the file {0} of {1} is stored in PostgreSQL", file, evidenceId);
    }

    /// <summary>Rows of the item in either table: its segments of any attempt and its bundle.</summary>
    public static async Task<long> RowsAsync(IDocumentStore store, Guid evidenceId)
    {
        await using var connection = await EvidenceRows.OpenAsync(store, CancellationToken.None);
        await using var command = new NpgsqlCommand(
            $"select (select count(*) from {Segments} where evidence_id = $1) + (select count(*) from {Bundles} where evidence_id = $1)", connection)
        {
            Parameters = { new() { Value = evidenceId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Makes PostgreSQL refuse evidence rows for one incident, as a full disk or a revoked grant would; disposing it lifts the refusal.
    /// </summary>
    public static async Task<IAsyncDisposable> RefuseWritesForAsync(IDocumentStore store, Guid incidentId)
    {
        var name = $"refuse_evidence_{incidentId:N}";
        await ExecuteAsync(store, $"""
            create function {Schema}.{name}() returns trigger language plpgsql as
              $$ begin raise exception 'evidence store refuses writes for incident {incidentId}'; end $$;
            create trigger {name} before insert on {Segments} for each row when (new.incident_id = '{incidentId}')
              execute function {Schema}.{name}();
            """);
        return new Lift(() => ExecuteAsync(store,
            $"drop trigger {name} on {Segments}; drop function {Schema}.{name}();"));
    }

    private static async Task ExecuteAsync(IDocumentStore store, string sql)
    {
        await using var connection = await EvidenceRows.OpenAsync(store, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Lift(Func<Task> lift) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await lift();
    }
}
