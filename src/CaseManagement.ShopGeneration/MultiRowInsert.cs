using System.Globalization;
using System.Text;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// Builds multi-row <c>INSERT</c> statements with inline literals. Thousands of rows per statement are what
/// makes bulk writing fast; parameters would cap a statement at 65,535 placeholders and cost a round of
/// binding per value. Statements are cut at <see cref="MaxStatementChars"/> to stay well under the
/// server's max_allowed_packet (16 MiB by default).
/// </summary>
internal sealed class MultiRowInsert
{
    private const int MaxStatementChars = 2_000_000;

    private readonly string head;
    private readonly List<string> statements = [];
    private readonly StringBuilder sql = new();
    private bool firstValueInRow;

    private MultiRowInsert(string head)
    {
        this.head = head;
    }

    public static MultiRowInsert Values(string table, params string[] columns) => Values(table, columns, ignoreDuplicates: false);

    /// <param name="ignoreDuplicates">INSERT IGNORE: rows that clash with a unique key are skipped.</param>
    public static MultiRowInsert Values(string table, string[] columns, bool ignoreDuplicates) =>
        new($"INSERT {(ignoreDuplicates ? "IGNORE " : "")}INTO `{table}` ({string.Join(',', columns.Select(c => $"`{c}`"))}) VALUES ");

    public MultiRowInsert Row()
    {
        sql.Append(sql.Length == 0 ? head : ",").Append('(');
        firstValueInRow = true;
        return this;
    }

    public MultiRowInsert Str(string? value)
    {
        Separate();
        if (value is null)
        {
            sql.Append("NULL");
        }
        else
        {
            AppendQuoted(sql, value);
        }

        return this;
    }

    public MultiRowInsert Int(long? value)
    {
        Separate();
        if (value is null)
        {
            sql.Append("NULL");
        }
        else
        {
            sql.Append(value.Value);
        }

        return this;
    }

    public MultiRowInsert Dec(decimal? value)
    {
        Separate();
        if (value is null)
        {
            sql.Append("NULL");
        }
        else
        {
            sql.Append(value.Value.ToString(CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>An SQL expression written as is, such as a scalar subquery; never pass data through here.</summary>
    public MultiRowInsert Raw(string expression)
    {
        Separate();
        sql.Append(expression);
        return this;
    }

    /// <summary>A DATETIME/TIMESTAMP literal; the value is written as given, so callers convert to the column's zone first.</summary>
    public MultiRowInsert Date(DateTime? value)
    {
        Separate();
        if (value is null)
        {
            sql.Append("NULL");
        }
        else
        {
            sql.Append('\'').Append(value.Value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append('\'');
        }

        return this;
    }

    /// <summary>Ends the current row; starts a new statement once this one is large enough.</summary>
    public void End()
    {
        sql.Append(')');
        if (sql.Length >= MaxStatementChars)
        {
            statements.Add(sql.ToString());
            sql.Clear();
        }
    }

    /// <summary>Moves the finished statements to <paramref name="target"/> and starts empty.</summary>
    public void DrainTo(List<string> target)
    {
        target.AddRange(statements);
        statements.Clear();
        if (sql.Length > 0)
        {
            target.Add(sql.ToString());
            sql.Clear();
        }
    }

    /// <summary>Appends a MySQL string literal. Backslash escapes assume NO_BACKSLASH_ESCAPES is off, which the writers ensure.</summary>
    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('\'');
        var span = value.AsSpan();
        while (true)
        {
            var special = span.IndexOfAny("\\'\0\n\r\u001a");
            if (special < 0)
            {
                sb.Append(span);
                break;
            }

            sb.Append(span[..special]);
            sb.Append(span[special] switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => "\\Z",
            });
            span = span[(special + 1)..];
        }

        sb.Append('\'');
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        AppendQuoted(sb, value);
        return sb.ToString();
    }

    private void Separate()
    {
        if (!firstValueInRow)
        {
            sql.Append(',');
        }

        firstValueInRow = false;
    }
}
