namespace CaseManagement.Shops.Tests.Infrastructure;

/// <summary>Reads a shop database's layout from information_schema, as an adapter checking its target would.</summary>
public static class SchemaInspection
{
    public static async Task<IReadOnlyList<string>> TablesAsync(this ShopDatabase database) =>
        (await database.QueryAsync(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"))
        .Select(r => (string)r["name"]!)
        .ToList();

    /// <summary>Column name to its full type, e.g. "varchar(20)" or "bigint(20) unsigned".</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ColumnsAsync(this ShopDatabase database, string table) =>
        (await database.QueryAsync(
            "SELECT column_name AS name, column_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @table",
            ("@table", table)))
        .ToDictionary(r => (string)r["name"]!, r => (string)r["type"]!, StringComparer.Ordinal);

    /// <summary>
    /// An index as "(col1,col2)" or "UNIQUE (col1,col2)", columns in order with the prefix length where only a
    /// prefix is indexed ("meta_key(191)"); null when the table has no such index.
    /// </summary>
    public static async Task<string?> IndexAsync(this ShopDatabase database, string table, string index)
    {
        var rows = await database.QueryAsync(
            """
            SELECT column_name AS name, sub_part, non_unique FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND table_name = @table AND index_name = @index ORDER BY seq_in_index
            """,
            ("@table", table),
            ("@index", index));
        if (rows.Count == 0)
        {
            return null;
        }

        var unique = Convert.ToInt64(rows[0]["non_unique"], System.Globalization.CultureInfo.InvariantCulture) == 0;
        var columns = rows.Select(r => r["sub_part"] is null ? (string)r["name"]! : $"{r["name"]}({r["sub_part"]})");
        return $"{(unique ? "UNIQUE " : "")}({string.Join(",", columns)})";
    }

    /// <summary>
    /// Every row of the table as one line, "column=value" joined by " | " in column order, sorted by the first column (the key); NULL is
    /// written as ∅. Values are the server's text for them, so zero dates and binary columns compare too. For comparing a
    /// table before and after an action.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RowsAsync(this ShopDatabase database, string table, string where = "1 = 1")
    {
        var columns = (await database.QueryAsync(
                "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @table ORDER BY ordinal_position",
                ("@table", table)))
            .Select(r => (string)r["name"]!)
            .ToList();
        var line = string.Join(", ' | ', ", columns.Select(c => $"'{c}=', COALESCE(CAST(`{c}` AS CHAR), '∅')"));
        return (await database.QueryAsync($"SELECT CONCAT({line}) AS line FROM `{table}` WHERE {where} ORDER BY `{columns[0]}`"))
            .Select(r => (string)r["line"]!)
            .ToList();
    }
}
