using System.Globalization;

namespace CaseManagement.Web;

/// <summary>One bar: its label, its value, and where it sits in the drawing.</summary>
public sealed record ChartBar(string Label, long Value, int Y, int Width);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG (no script, no inline style: the CSP forbids both; colours come from
/// site.css classes). Bars are scaled to the largest value, so the picture compares, and each bar carries its number.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<ChartBar> Bars)
{
    public const int LabelWidth = 150;
    public const int BarArea = 420;
    public const int RowHeight = 26;
    public const int Width = LabelWidth + BarArea + 80;

    public int Height => Math.Max(1, Bars.Count) * RowHeight + 8;

    public static BarChart Of(string id, string title, IEnumerable<KeyValuePair<string, long>> values)
    {
        var rows = values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
        var largest = rows.Count == 0 ? 0 : rows.Max(v => v.Value);
        return new BarChart(id, title, [.. rows.Select((v, i) => new ChartBar(v.Key, v.Value, 4 + i * RowHeight,
            largest <= 0 ? 0 : (int)Math.Max(v.Value > 0 ? 2 : 0, Math.Round(BarArea * (double)v.Value / largest))))]);
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
