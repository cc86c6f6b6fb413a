using System.Globalization;
using System.Text;

namespace CaseManagement.Shops.Evidence;

/// <summary>
/// Writes one table as SQL that recreates it: header comments, session settings, DROP and the server's own CREATE
/// statement, then the rows (in primary key order where there is one) as multi-row INSERTs of about 1 MB of text each,
/// one row a line, streamed as they are read.
/// </summary>
internal static class TableDump
{
    private const int StatementChars = 1 << 20;
    private const int ProgressEvery = 10_000;

    /// <returns>The rows written.</returns>
    public static async Task<long> WriteAsync(SnapshotSource source, string table, TextWriter writer, Action<long> progress, CancellationToken ct)
    {
        var name = SqlText.Identifier(table);
        var columns = await ColumnsAsync(source, table, ct);
        var key = await source.StringsAsync(
            """
            SELECT column_name FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND table_name = @table AND index_name = 'PRIMARY' ORDER BY seq_in_index
            """, table, ct);
        var order = key.Count > 0 ? $" ORDER BY {string.Join(", ", key.Select(SqlText.Identifier))}" : "";
        await writer.WriteAsync(Header(source, table, key));
        await writer.WriteAsync($"DROP TABLE IF EXISTS {name};\n{await CreateStatementAsync(source, name, ct)};\n");

        var insert = $"INSERT INTO {name} ({string.Join(", ", columns.Select(c => SqlText.Identifier(c.Name)))}) VALUES\n";
        await using var command = source.Command($"SELECT {string.Join(", ", columns.Select(c => c.Select))} FROM {name}{order}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var statement = new StringBuilder();
        var values = new SqlValueWriter();
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            statement.Append(statement.Length == 0 ? insert : ",\n").Append('(');
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    statement.Append(',');
                }

                values.Append(statement, reader, i, columns[i]);
            }

            statement.Append(')');
            if (statement.Length >= StatementChars)
            {
                await EndStatementAsync();
            }

            if (++rows % ProgressEvery == 0)
            {
                progress(rows);
            }
        }

        if (statement.Length > 0)
        {
            await EndStatementAsync();
        }

        await writer.WriteAsync(FormattableString.Invariant($"-- rows: {rows}\n"));
        return rows;

        async Task EndStatementAsync()
        {
            await writer.WriteAsync(statement.Append(";\n"), ct);
            statement.Clear();
        }
    }

    private static async Task<List<DumpColumn>> ColumnsAsync(SnapshotSource source, string table, CancellationToken ct)
    {
        // Generated columns are left out: the server computes them again and refuses values for them.
        await using var command = source.Command(
            """
            SELECT column_name, data_type, character_set_name FROM information_schema.columns
            WHERE table_schema = DATABASE() AND table_name = @table AND COALESCE(generation_expression, '') = ''
            ORDER BY ordinal_position
            """);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var columns = new List<DumpColumn>();
        while (await reader.ReadAsync(ct))
        {
            columns.Add(DumpColumn.Of(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return columns;
    }

    private static async Task<string> CreateStatementAsync(SnapshotSource source, string name, CancellationToken ct)
    {
        await using var command = source.Command($"SHOW CREATE TABLE {name}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetString(1);
    }

    private static string Header(SnapshotSource source, string table, IReadOnlyList<string> key)
    {
        var shop = source.Shop;
        var order = key.Count > 0 ? $"in primary key order ({string.Join(", ", key)})" : "in storage order (no primary key)";
        var at = source.SnapshotAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return $"""
            -- CaseManagement evidence: table {SqlText.Comment(table)} of database {SqlText.Comment(source.Database)} ({shop.Platform}, table prefix '{SqlText.Comment(shop.TablePrefix)}')
            -- Server {SqlText.Comment(source.ServerVersion)} at {SqlText.Comment(source.Server)}; read in one consistent snapshot taken {at}
            -- Rows {SqlText.Comment(order)}; dates and times in UTC.
            SET NAMES utf8mb4;
            SET time_zone = '+00:00';
            SET foreign_key_checks = 0;
            -- Zero dates and ids of 0 restore as they were; a value that would not fit fails rather than changes.
            SET sql_mode = 'NO_AUTO_VALUE_ON_ZERO,STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';

            """;
    }
}
