using System.Diagnostics;
using MySqlConnector;

namespace MonitoringBenchmark;

/// <summary>One run of the baseline: the recorded statements on one plain connection, every value of every row read and dropped.</summary>
internal sealed record RawRun(TimeSpan Elapsed, long Rows);

internal static class RawReplay
{
    public static async Task<RawRun> RunAsync(string connectionString, IReadOnlyList<string> statements, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // The pass's sessions run in UTC; TIMESTAMP columns read the same here.
        await using (var session = new MySqlCommand("SET SESSION time_zone = '+00:00'", connection))
        {
            await session.ExecuteNonQueryAsync(ct);
        }

        long rows = 0;
        foreach (var sql in statements)
        {
            await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }
            }
        }

        return new RawRun(watch.Elapsed, rows);
    }
}
