using Npgsql;

namespace BenchSupport;

/// <summary>The floor a benchmark compares against: an incident's event rows read with every column, nothing deserialized.</summary>
public static class RawEventRows
{
    public const string Columns = "seq_id, id, version, timestamp, type, data, correlation_id, causation_id, user_name, headers";

    /// <summary>Runs the command and reads every column of every row; the number of rows.</summary>
    public static async Task<long> ReadAllAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0L;
        while (await reader.ReadAsync())
        {
            for (var column = 0; column < reader.FieldCount; column++)
            {
                _ = reader.IsDBNull(column) ? null : reader.GetValue(column);
            }

            rows++;
        }

        return rows;
    }
}
