using CaseManagement.Infrastructure;
using CaseManagement.Shops.Evidence;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CaseManagement.Containment.Evidence;

/// <summary>
/// Evidence bundles kept in PostgreSQL, where every node reads them (ADR 36): each file's stored bytes, already encrypted
/// under the item's key (ADR 22), as rows of 64 KiB segments in <c>evidence_segments</c>, and one row per published bundle in
/// <c>evidence_bundles</c> naming the write attempt that completed it. Segments of an attempt that never published (a node
/// killed mid-dump) are removed when a later attempt publishes, or with the item when it is destroyed.
/// </summary>
public static class EvidenceRows
{
    public const string Bundles = "evidence_bundles";
    public const string Segments = "evidence_segments";

    /// <summary>Stored bytes per row: big enough that a gigabyte is 16,384 rows, small enough that a reader holds little.</summary>
    internal const int SegmentBytes = 64 * 1024;

    /// <summary>Segments fetched per query while a file is read: 1 MiB in memory at most.</summary>
    private const int SegmentsPerRead = 16;

    public static void ConfigureStore(StoreOptions opts)
    {
        var bundles = new Table(PostgresqlProvider.Instance.Parse(opts.DatabaseSchemaName, Bundles));
        bundles.AddColumn<Guid>("evidence_id").AsPrimaryKey();
        bundles.AddColumn<string>("tenant_id").NotNull();
        bundles.AddColumn<Guid>("incident_id").NotNull();
        bundles.AddColumn<Guid>("attempt").NotNull();
        bundles.AddColumn<DateTimeOffset>("published_at").NotNull().DefaultValueByExpression("now()");
        opts.Storage.ExtendedSchemaObjects.Add(bundles);

        var segments = new Table(PostgresqlProvider.Instance.Parse(opts.DatabaseSchemaName, Segments));
        segments.AddColumn<Guid>("evidence_id").AsPrimaryKey();
        segments.AddColumn<Guid>("attempt").AsPrimaryKey();
        segments.AddColumn<string>("file").AsPrimaryKey();
        segments.AddColumn<int>("seq").AsPrimaryKey();
        segments.AddColumn<string>("tenant_id").NotNull();
        segments.AddColumn<Guid>("incident_id").NotNull();
        segments.AddColumn("data", "bytea").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(segments);
    }

    private static string Table(string name) => $"{EventStoreConfiguration.Schema}.{name}";

    /// <summary>An open connection to the store's database, the evidence tables created first where the store migrates on its own (development, tests).</summary>
    public static async Task<NpgsqlConnection> OpenAsync(IDocumentStore store, CancellationToken ct)
    {
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(Marten.Storage.StorageFeatures), ct);
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Removes a destroyed item's rows, published or not. Idempotent.</summary>
    public static async Task<int> DeleteAsync(IDocumentStore store, Guid evidenceId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(store, ct);
        await using var command = new NpgsqlCommand(
            $"with segments as (delete from {Table(Segments)} where evidence_id = $1) delete from {Table(Bundles)} where evidence_id = $1", connection)
        {
            Parameters = { new() { Value = evidenceId } },
        };
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One item's bundle in the database, within its organisation and incident.</summary>
    public sealed class Location(IDocumentStore documentStore, string tenant, Guid incidentId, Guid evidenceId) : IEvidenceLocation
    {
        public string Name => $"{tenant}/{incidentId:N}/{evidenceId:N} in {Table(Segments)}";

        private IDocumentStore Store => documentStore;
        private string Tenant => tenant;
        private Guid IncidentId => incidentId;
        private Guid EvidenceId => evidenceId;

        public async Task<Stream?> OpenStoredAsync(string file, CancellationToken ct)
        {
            await using var connection = await OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                $"select b.attempt from {Table(Bundles)} b where b.evidence_id = $1 and b.tenant_id = $2 and b.incident_id = $3 " +
                $"and exists (select 1 from {Table(Segments)} s where s.evidence_id = b.evidence_id and s.attempt = b.attempt and s.file = $4)", connection)
            {
                Parameters = { new() { Value = evidenceId }, new() { Value = tenant }, new() { Value = incidentId }, new() { Value = file } },
            };
            return await command.ExecuteScalarAsync(ct) is Guid attempt ? new SegmentReader(this, attempt, file) : null;
        }

        public async Task<IEvidenceStaging> StageAsync(CancellationToken ct)
        {
            var connection = await OpenAsync(ct);
            try
            {
                await using var command = new NpgsqlCommand($"select exists (select 1 from {Table(Bundles)} where evidence_id = $1)", connection)
                {
                    Parameters = { new() { Value = evidenceId } },
                };
                if (await command.ExecuteScalarAsync(ct) is true)
                {
                    throw new IOException($"{Name} already holds a bundle; a bundle is never written over existing evidence.");
                }

                return new Staging(this, connection, Guid.NewGuid());
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        private Task<NpgsqlConnection> OpenAsync(CancellationToken ct) => EvidenceRows.OpenAsync(documentStore, ct);

        /// <summary>
        /// Reads a file's segments in order, a few per query on a pooled connection, so a download of any size holds at most
        /// <see cref="SegmentsPerRead"/> segments in memory and no connection between queries. A missing segment is an alteration.
        /// </summary>
        private sealed class SegmentReader(Location location, Guid attempt, string file) : ChunkReadingStream
        {
            private readonly Queue<byte[]> _fetched = new();
            private int _next;
            private bool _ended;

            protected override async ValueTask<ReadOnlyMemory<byte>?> NextChunkAsync(bool useAsync, CancellationToken ct)
            {
                if (_fetched.Count == 0 && !_ended)
                {
                    await FetchAsync(useAsync, ct);
                }

                // Two statements on purpose: in one conditional, null would become an empty chunk (byte[]'s conversion), never the end.
                if (!_fetched.TryDequeue(out var segment))
                {
                    return null;
                }

                return segment;
            }

            private async ValueTask FetchAsync(bool useAsync, CancellationToken ct)
            {
                if (!useAsync)
                {
                    using var connection = (NpgsqlConnection)location.Store.Storage.Database.CreateConnection();
                    connection.Open();
                    using var command = Page(connection);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        Fetched(reader);
                    }
                }
                else
                {
                    await using var connection = (NpgsqlConnection)location.Store.Storage.Database.CreateConnection();
                    await connection.OpenAsync(ct);
                    await using var command = Page(connection);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        Fetched(reader);
                    }
                }

                _ended = _fetched.Count < SegmentsPerRead;
            }

            private NpgsqlCommand Page(NpgsqlConnection connection) => new(
                $"select seq, data from {Table(Segments)} where evidence_id = $1 and attempt = $2 and file = $3 and seq >= $4 order by seq limit {SegmentsPerRead}",
                connection)
            {
                Parameters = { new() { Value = location.EvidenceId }, new() { Value = attempt }, new() { Value = file }, new() { Value = _next } },
            };

            private void Fetched(NpgsqlDataReader reader)
            {
                if (reader.GetInt32(0) != _next)
                {
                    throw new EvidenceUnreadableException($"segment {_next} of '{file}' is missing: the stored bytes were altered");
                }

                _fetched.Enqueue(reader.GetFieldValue<byte[]>(1));
                _next++;
            }
        }

        /// <summary>
        /// Writes a bundle's files with COPY on one connection, under an attempt id of its own; publishing records the attempt in
        /// <c>evidence_bundles</c> (the primary key lets only one attempt win) and removes the segments of attempts that never published.
        /// </summary>
        private sealed class Staging(Location location, NpgsqlConnection connection, Guid attempt) : IEvidenceStaging
        {
            private bool _published;

            public async Task<Stream> CreateAsync(string file, CancellationToken ct) =>
                new SegmentWriter(await connection.BeginBinaryImportAsync(
                    $"copy {Table(Segments)} (evidence_id, attempt, file, seq, tenant_id, incident_id, data) from stdin (format binary)", ct), location, attempt, file);

            public async Task CloseAsync(Stream file, CancellationToken ct)
            {
                await ((SegmentWriter)file).CompleteAsync(ct);
                await file.DisposeAsync();
            }

            public async Task PublishAsync(CancellationToken ct)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var publish = new NpgsqlCommand(
                    $"insert into {Table(Bundles)} (evidence_id, tenant_id, incident_id, attempt) values ($1, $2, $3, $4) on conflict (evidence_id) do nothing",
                    connection, transaction)
                {
                    Parameters = { new() { Value = location.EvidenceId }, new() { Value = location.Tenant }, new() { Value = location.IncidentId }, new() { Value = attempt } },
                };
                if (await publish.ExecuteNonQueryAsync(ct) == 0)
                {
                    throw new IOException($"{location.Name} already holds a bundle another attempt published; this one is discarded.");
                }

                await using var leftovers = new NpgsqlCommand($"delete from {Table(Segments)} where evidence_id = $1 and attempt <> $2", connection, transaction)
                {
                    Parameters = { new() { Value = location.EvidenceId }, new() { Value = attempt } },
                };
                await leftovers.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
                _published = true;
            }

            public async ValueTask DisposeAsync()
            {
                try
                {
                    if (!_published)
                    {
                        await using var discard = new NpgsqlCommand($"delete from {Table(Segments)} where evidence_id = $1 and attempt = $2", connection)
                        {
                            Parameters = { new() { Value = location.EvidenceId }, new() { Value = attempt } },
                        };
                        await discard.ExecuteNonQueryAsync();
                    }
                }
                catch (NpgsqlException)
                {
                    // The database went away mid-write: the attempt's segments stay until a later attempt publishes.
                }
                finally
                {
                    await connection.DisposeAsync();
                }
            }
        }

        /// <summary>Buffers one segment of stored bytes and sends it as a COPY row once full (the last, shorter one on completion).</summary>
        private sealed class SegmentWriter(NpgsqlBinaryImporter importer, Location location, Guid attempt, string file) : ChunkingStream(SegmentBytes)
        {
            private int _seq;

            /// <summary>Stored bytes written so far.</summary>
            public override long Length => Written;

            public async Task CompleteAsync(CancellationToken ct)
            {
                // An empty file still has its one (empty) segment, so it is found when read.
                if (Buffered > 0 || _seq == 0)
                {
                    EmitBuffered(last: true);
                }

                Ended = true;
                await importer.CompleteAsync(ct);
            }

            // Synchronous like the cipher that writes here; COPY buffers in Npgsql and sends whole network writes.
            protected override void Emit(ReadOnlySpan<byte> chunk, bool last)
            {
                importer.StartRow();
                importer.Write(location.EvidenceId, NpgsqlDbType.Uuid);
                importer.Write(attempt, NpgsqlDbType.Uuid);
                importer.Write(file, NpgsqlDbType.Varchar);
                importer.Write(_seq++, NpgsqlDbType.Integer);
                importer.Write(location.Tenant, NpgsqlDbType.Varchar);
                importer.Write(location.IncidentId, NpgsqlDbType.Uuid);
                importer.Write(chunk.ToArray(), NpgsqlDbType.Bytea);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    importer.Dispose();
                }

                base.Dispose(disposing);
            }

            public override async ValueTask DisposeAsync()
            {
                await importer.DisposeAsync();
                await base.DisposeAsync();
            }
        }
    }
}
