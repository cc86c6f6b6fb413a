namespace CaseManagement.Shops.ShopActions;

/// <param name="Hex">The value is the column's bytes in hex (binary and blob columns), otherwise the server's own text for it.</param>
internal sealed record RowCell(string Column, string? Value, bool Hex = false);

/// <summary>
/// A whole row as the server renders it, every column included (also ones newer platform versions add), so that a
/// deleted row can be inserted again exactly. Values are text (<c>CAST(… AS CHAR)</c>) that the server parses back into
/// the column's type; temporal values are rendered and parsed in the session's UTC time zone.
/// </summary>
/// <param name="Table">Without the table prefix.</param>
internal sealed record RowImage(string Table, IReadOnlyList<RowCell> Cells)
{
    public string? this[string column] => Cells.Single(c => c.Column == column).Value;

    public long Long(string column) => long.Parse(this[column]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows of <paramref name="table"/> matching <paramref name="where"/>, locked when the session writes.</summary>
    /// <param name="where">A condition, optionally followed by ORDER BY.</param>
    public static async Task<List<RowImage>> ReadAsync(ContainmentSession session, string table, string where, params (string Name, object? Value)[] parameters)
    {
        var columns = await session.ListAsync(
            "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION",
            r => (Name: r.GetString(0), Hex: IsBinary(r.GetString(1))), ("@table", session.P + table));
        if (columns.Count == 0)
        {
            throw new ShopContainmentException(
                $"The table '{session.P}{table}' does not exist: the table prefix '{session.P}' or the shop's schema is not what containment expects.", transient: false);
        }

        var select = string.Join(", ", columns.Select(c => c.Hex ? $"HEX({Quote(c.Name)})" : $"CAST({Quote(c.Name)} AS CHAR)"));
        return await session.ListAsync($"SELECT {select} FROM `{session.P}{table}` WHERE {where}{session.ForUpdate}",
            r => new RowImage(table, columns.Select((c, i) => new RowCell(c.Name, r.IsDBNull(i) ? null : r.GetString(i), c.Hex)).ToList()),
            parameters);
    }

    /// <summary>Inserts the row as it was, keys included.</summary>
    public Task<int> InsertAsync(ContainmentSession session)
    {
        var values = Cells.Select((c, i) => c.Hex ? $"UNHEX(@v{i})" : $"@v{i}");
        return session.ExecuteAsync(
            $"INSERT INTO `{session.P}{Table}` ({string.Join(", ", Cells.Select(c => Quote(c.Column)))}) VALUES ({string.Join(", ", values)})",
            Cells.Select((c, i) => ($"@v{i}", (object?)c.Value)).ToArray());
    }

    private static bool IsBinary(string dataType) => dataType.ToLowerInvariant() is "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" or "bit";

    private static string Quote(string column) => $"`{column.Replace("`", "``", StringComparison.Ordinal)}`";
}
