using System.Globalization;
using System.Text;

namespace CaseManagement.Audit.Reports.Rendering;

/// <summary>
/// RFC 4180 CSV: CRLF between records, a header row, a field quoted when it holds a comma, quote, CR or LF, and quotes
/// inside doubled. Written as UTF-8 with a byte order mark, because spreadsheet programs otherwise read non-ASCII
/// names as their local code page. A text cell a spreadsheet would run as a formula (=, +, @, a tab, or a "-" that does
/// not start a number) gets a leading apostrophe: the export is read in spreadsheets, and the JSON keeps the exact text.
/// </summary>
public static class Csv
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        Record(text, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"A row has {row.Count} fields; the header has {header.Count}.", nameof(rows));
            }

            Record(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Field(string? value)
    {
        var text = Defused(value ?? "");
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static void Record(StringBuilder text, IReadOnlyList<string?> fields) =>
        text.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static string Defused(string value) =>
        value.Length > 0 && (value[0] is '=' or '+' or '@' or '\t' or '\r'
            || value[0] == '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? "'" + value
            : value;
}
