using System.Data.Common;
using CaseManagement.Infrastructure;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CaseManagement.Audit.Chain;

/// <summary>
/// Reads <c>mt_events</c> rows as stored, bypassing Marten's deserialisation: the chain is over the database's bytes,
/// and a row whose type or data no longer deserialises must still be hashed (and found changed).
/// </summary>
public static class StoredEvents
{
    private const string Columns =
        "e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.tenant_id, e.user_name, e.correlation_id, e.causation_id, e.headers::text, e.data::text";

    /// <summary>
    /// The events of the session's organisation after a version of each given stream, in stream, version and sequence
    /// order: what the chain has not linked yet.
    /// </summary>
    public static Task<IReadOnlyList<StoredEvent>> AfterAsync(IQuerySession session, IReadOnlyDictionary<Guid, long> afterVersion, CancellationToken ct) =>
        ReadAsync(session,
            $"select {Columns} from {EventStoreConfiguration.Schema}.mt_events e join unnest(@streams, @after) as linked(stream_id, version) " +
            "on e.stream_id = linked.stream_id and e.version > linked.version where e.tenant_id = @tenant order by e.stream_id, e.version, e.seq_id",
            ct, new NpgsqlParameter("streams", afterVersion.Keys.ToArray()), new NpgsqlParameter("after", afterVersion.Values.ToArray()),
            new NpgsqlParameter("tenant", session.TenantId));

    /// <summary>One stream of the session's organisation in version order (sequence breaks ties, which only tampering creates).</summary>
    public static Task<IReadOnlyList<StoredEvent>> OfStreamAsync(IQuerySession session, Guid streamId, CancellationToken ct) =>
        OfStreamsAsync(session, [streamId], ct);

    /// <summary>Several streams of the session's organisation, each in version order (sequence breaks ties), one stream after another.</summary>
    public static Task<IReadOnlyList<StoredEvent>> OfStreamsAsync(IQuerySession session, IReadOnlyCollection<Guid> streamIds, CancellationToken ct) =>
        ReadAsync(session,
            $"select {Columns} from {EventStoreConfiguration.Schema}.mt_events e where tenant_id = @tenant and stream_id = any(@streams) order by stream_id, version, seq_id",
            ct, new NpgsqlParameter("tenant", session.TenantId), new NpgsqlParameter("streams", streamIds.ToArray()));

    /// <summary>
    /// The ids of the streams the session's organisation has events of its own in. Marten fills the sequence numbers a failed
    /// transaction had taken with placeholder events of type "tombstone", in a stream of their own whose id each process
    /// draws at start (<see cref="Tombstone.StreamId"/> is a new Guid per process), so another node's, or an earlier run's,
    /// tombstones cannot be told by their stream id. A stream holding nothing but tombstones is no one's history, is never
    /// linked and is left out here; a stream that has a chain head or is in a signed checkpoint is verified whatever its
    /// events' types say, so retyping a history's events as tombstones does not hide it.
    /// </summary>
    public static Task<IReadOnlyList<Guid>> StreamIdsAsync(IQuerySession session, CancellationToken ct) =>
        QueryAsync(session, $"select stream_id from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id is not null " +
                            "group by stream_id having bool_or(type <> @tombstone)",
            r => r.GetGuid(0), ct, new NpgsqlParameter("tenant", session.TenantId), new NpgsqlParameter("tombstone", Tombstone.Name));

    private static Task<IReadOnlyList<StoredEvent>> ReadAsync(IQuerySession session, string sql, CancellationToken ct, params NpgsqlParameter[] parameters) =>
        QueryAsync(session, sql, r => new StoredEvent(
            r.GetInt64(0),
            r.GetGuid(1),
            r.GetInt64(2),
            r.GetString(3),
            r.GetFieldValue<DateTimeOffset>(4),
            NullableText(r, 5),
            NullableText(r, 6),
            NullableText(r, 7),
            NullableText(r, 8),
            NullableText(r, 9),
            r.GetString(10)), ct, parameters);

    internal static async Task<IReadOnlyList<T>> QueryAsync<T>(IQuerySession session, string sql, Func<DbDataReader, T> row, CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql);
        command.Parameters.AddRange(parameters);
        var rows = new List<T>();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
