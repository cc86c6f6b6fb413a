using System.Text;
using System.Text.Unicode;
using MySqlConnector;

namespace CaseManagement.Shops.Evidence;

/// <summary>
/// Writes column values, read as the server's bytes, as SQL literals that restore them byte for byte. Its buffers are
/// reused from row to row; only the largest value of a table decides their size.
/// </summary>
internal sealed class SqlValueWriter
{
    private byte[] bytes = new byte[1024];
    private char[] chars = new char[2048];

    public void Append(StringBuilder sql, MySqlDataReader reader, int ordinal, DumpColumn column)
    {
        if (reader.IsDBNull(ordinal))
        {
            sql.Append("NULL");
            return;
        }

        var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
        if (length > bytes.Length)
        {
            bytes = new byte[Math.Max(length, bytes.Length * 2)];
        }

        var value = bytes.AsSpan(0, (int)reader.GetBytes(ordinal, 0, bytes, 0, length));
        switch (column.Kind)
        {
            case ValueKind.Number:
                AppendAscii(sql, value);
                break;
            case ValueKind.Bits:
                AppendAscii(sql.Append("b'"), value).Append('\'');
                break;
            case ValueKind.Temporal:
                AppendAscii(sql.Append('\''), value).Append('\'');
                break;
            case ValueKind.Binary:
                AppendHex(sql, value);
                break;
            case ValueKind.Text:
                AppendText(sql, value, column.Charset!);
                break;
        }
    }

    /// <summary>
    /// With the character set as introducer, so the bytes are taken as they are whatever the restoring session's. UTF-8
    /// stays readable (responders search the files); any other encoding is written as its exact bytes in hex.
    /// </summary>
    private void AppendText(StringBuilder sql, ReadOnlySpan<byte> value, string charset)
    {
        sql.Append('_').Append(charset);
        if (!charset.StartsWith("utf8", StringComparison.Ordinal) || !Utf8.IsValid(value))
        {
            AppendHex(sql.Append(' '), value);
            return;
        }

        var buffer = Chars(value.Length);
        ReadOnlySpan<char> text = buffer[..Encoding.UTF8.GetChars(value, buffer)];
        sql.Append('\'');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var escape = text[i] switch
            {
                '\0' => "\\0",
                '\'' => "\\'",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\x1a' => "\\Z",
                _ => null,
            };
            if (escape is not null)
            {
                sql.Append(text[start..i]).Append(escape);
                start = i + 1;
            }
        }

        sql.Append(text[start..]).Append('\'');
    }

    private void AppendHex(StringBuilder sql, ReadOnlySpan<byte> value)
    {
        var buffer = Chars(value.Length * 2);
        Convert.TryToHexString(value, buffer, out var written);
        sql.Append("X'").Append(buffer[..written]).Append('\'');
    }

    /// <summary>Numbers, bits and dates as the server printed them: ASCII digits and punctuation only.</summary>
    private static StringBuilder AppendAscii(StringBuilder sql, ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            sql.Append((char)b);
        }

        return sql;
    }

    private Span<char> Chars(int length)
    {
        if (length > chars.Length)
        {
            chars = new char[Math.Max(length, chars.Length * 2)];
        }

        return chars;
    }
}
