namespace CaseManagement.Shops.Evidence;

/// <summary>How a value is written back: as a number, b'…', a quoted date or time, X'…', or text with its character set.</summary>
internal enum ValueKind
{
    Number,
    Bits,
    Temporal,
    Binary,
    Text,
}

/// <summary>
/// One column as the dump reads it. Every value is selected as the server's own bytes (CAST … AS BINARY), so the
/// client never converts it: text keeps its column's encoding, numbers and dates their exact server text.
/// </summary>
internal sealed record DumpColumn(string Name, ValueKind Kind, string Select, string? Charset = null)
{
    public static DumpColumn Of(string name, string dataType, string? charset)
    {
        var column = SqlText.Identifier(name);
        var bytes = $"CAST({column} AS BINARY)";
        return dataType.ToLowerInvariant() switch
        {
            "tinyint" or "smallint" or "mediumint" or "int" or "bigint" or "decimal" => new(name, ValueKind.Number, bytes),
            // FLOAT prints only 6 digits; the exact double it widens to restores the same float.
            "float" or "double" => new(name, ValueKind.Number, $"CAST(CAST({column} AS DOUBLE) AS BINARY)"),
            "bit" => new(name, ValueKind.Bits, $"CAST(BIN({column}) AS BINARY)"),
            "date" or "datetime" or "timestamp" or "time" or "year" => new(name, ValueKind.Temporal, bytes),
            "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" or "geometry" or "point" or "linestring" or "polygon"
                or "multipoint" or "multilinestring" or "multipolygon" or "geometrycollection" => new(name, ValueKind.Binary, bytes),
            // MySQL's JSON type has no character set of its own; its text is utf8mb4.
            "json" => new(name, ValueKind.Text, bytes, "utf8mb4"),
            _ when charset is not null => new(name, ValueKind.Text, bytes, charset),
            // MariaDB's UUID and INET4/INET6 and other typed values: their text form restores them.
            _ => new(name, ValueKind.Text, $"CAST(CAST({column} AS CHAR CHARACTER SET utf8mb4) AS BINARY)", "utf8mb4"),
        };
    }
}
