using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Audit.Reports.Rendering;

/// <summary>
/// A printable, self-contained HTML page: one inline stylesheet, no scripts, no external fetches, and every piece of
/// text encoded on the way in, so a hostile title or note is shown, never run. Sections start on a new printed page.
/// </summary>
public sealed class HtmlPage
{
    private const string Style = """
        @page { size: A4; margin: 14mm 12mm; }
        body { font: 10pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; max-width: 1150px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 18pt; margin: 0 0 4px; }
        h2 { font-size: 13pt; border-bottom: 1px solid #888; padding-bottom: 2px; margin: 0 0 8px; }
        h3 { font-size: 11pt; margin: 14px 0 6px; }
        p { margin: 4px 0 8px; }
        section { margin-top: 28px; }
        section + section { break-before: page; page-break-before: always; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 8px; table-layout: fixed; }
        th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        col.w5 { width: 5%; } col.w10 { width: 10%; } col.w15 { width: 15%; } col.w20 { width: 20%; } col.w25 { width: 25%; }
        col.w30 { width: 30%; } col.w35 { width: 35%; } col.w40 { width: 40%; } col.w50 { width: 50%; }
        th { background: #eee; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        table.facts td:first-child { width: 28%; font-weight: bold; }
        .small { font-size: 8pt; color: #444; }
        .code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 7.5pt; word-break: break-all; }
        .status { font-weight: bold; }
        @media print { body { padding: 0; max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """;

    // Exactly this stylesheet may apply; nothing else may load or run, also when the saved file is opened later.
    private static readonly string PagePolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'";

    /// <summary>The Content-Security-Policy header to serve the page with.</summary>
    public static readonly string ContentSecurityPolicy = PagePolicy + "; frame-ancestors 'none'";

    private readonly StringBuilder _html = new();

    private HtmlPage(string title)
    {
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Encode(PagePolicy)).Append("\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
    }

    public static byte[] Write(string title, Action<HtmlPage> body)
    {
        var page = new HtmlPage(title);
        body(page);
        page._html.Append("</body></html>\n");
        return Encoding.UTF8.GetBytes(page._html.ToString());
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public HtmlPage Heading(int level, string text) => Tag($"h{level}", text);

    public HtmlPage Paragraph(string text, string? cssClass = null) => Tag("p", text, cssClass);

    public HtmlPage Section(string heading, Action<HtmlPage> content)
    {
        _html.Append("<section>");
        Heading(2, heading);
        content(this);
        _html.Append("</section>\n");
        return this;
    }

    /// <summary>Label and value rows.</summary>
    public HtmlPage Facts(IEnumerable<(string Label, string? Value)> facts) =>
        Table(facts.Select(f => (IReadOnlyList<Cell>)[Cell.Of(f.Label), Cell.Of(f.Value ?? "—")]), "facts", null);

    /// <param name="header">Column titles with their share of the page width in percent (5, 10, 15, 20, 25, 30, 35, 40 or 50).</param>
    public HtmlPage Table(IReadOnlyList<(string Title, int Width)> header, IEnumerable<IReadOnlyList<Cell>> rows) => Table(rows, null, header);

    private HtmlPage Table(IEnumerable<IReadOnlyList<Cell>> rows, string? cssClass, IReadOnlyList<(string Title, int Width)>? header)
    {
        _html.Append(cssClass is null ? "<table>" : $"<table class=\"{cssClass}\">");
        if (header is not null)
        {
            _html.Append("<colgroup>");
            foreach (var (_, width) in header)
            {
                _html.Append($"<col class=\"w{width}\">");
            }

            _html.Append("</colgroup><thead><tr>");
            foreach (var (title, _) in header)
            {
                _html.Append("<th>").Append(Encode(title)).Append("</th>");
            }

            _html.Append("</tr></thead>");
        }

        _html.Append("<tbody>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var cell in row)
            {
                _html.Append("<td>");
                cell.WriteTo(_html);
                _html.Append("</td>");
            }

            _html.Append("</tr>\n");
        }

        _html.Append("</tbody></table>\n");
        return this;
    }

    private HtmlPage Tag(string tag, string text, string? cssClass = null)
    {
        _html.Append('<').Append(tag).Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append('>').Append(Encode(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }
}

/// <summary>A table cell: lines of text, each optionally styled; encoded when written.</summary>
public sealed record Cell(IReadOnlyList<(string Text, string? Class)> Lines)
{
    public static Cell Of(string? text, string? cssClass = null) => new([(text ?? "", cssClass)]);

    public Cell Then(string? text, string? cssClass = null) => string.IsNullOrEmpty(text) ? this : new Cell([.. Lines, (text, cssClass)]);

    internal void WriteTo(StringBuilder html)
    {
        for (var i = 0; i < Lines.Count; i++)
        {
            var (text, cssClass) = Lines[i];
            html.Append(i == 0 ? "" : "<br>")
                .Append(cssClass is null ? "" : $"<span class=\"{cssClass}\">").Append(HtmlPage.Encode(text)).Append(cssClass is null ? "" : "</span>");
        }
    }
}
