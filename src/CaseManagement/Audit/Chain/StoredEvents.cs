using System.Data.Common;
using CaseManagement.Infrastructure;
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
        "seq_id, stream_id, version, type, timestamp, tenant_id, user_name, correlation_id, causation_id, headers::text, data::text";

    /// <summary>Every event with a sequence number in (<paramref name="floor"/>, <paramref name="ceiling"/>], all organisations, in sequence order.</summary>
    public static Task<IReadOnlyList<StoredEvent>> InRangeAsync(IQuerySession session, long floor, long ceiling, CancellationToken ct) =>
        ReadAsync(session, $"select {Columns} from {EventStoreConfiguration.Schema}.mt_events where seq_id > @floor and seq_id <= @ceiling order by seq_id",
            ct, new NpgsqlParameter("floor", floor), new NpgsqlParameter("ceiling", ceiling));

    /// <summary>One stream of the session's organisation in version order (sequence breaks ties, which only tampering creates).</summary>
    public static Task<IReadOnlyList<StoredEvent>> OfStreamAsync(IQuerySession session, Guid streamId, CancellationToken ct) =>
        ReadAsync(session,
            $"select {Columns} from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id = @stream order by version, seq_id",
            ct, new NpgsqlParameter("tenant", session.TenantId), new NpgsqlParameter("stream", streamId));

    /// <summary>The ids of the streams the session's organisation has events in.</summary>
    public static Task<IReadOnlyList<Guid>> StreamIdsAsync(IQuerySession session, CancellationToken ct) =>
        QueryAsync(session, $"select distinct stream_id from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id is not null",
            r => r.GetGuid(0), ct, new NpgsqlParameter("tenant", session.TenantId));

    /// <summary>How many of the organisation's events come after <paramref name="sequence"/>.</summary>
    public static async Task<long> CountAfterAsync(IQuerySession session, long sequence, CancellationToken ct) =>
        (await QueryAsync(session, $"select count(*) from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and seq_id > @sequence",
            r => r.GetInt64(0), ct, new NpgsqlParameter("tenant", session.TenantId), new NpgsqlParameter("sequence", sequence)))[0];

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
