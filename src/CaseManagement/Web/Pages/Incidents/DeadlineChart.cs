using System.Globalization;
using System.Net;
using System.Text;
using CaseManagement.Obligations.Timeline;
using Microsoft.AspNetCore.Html;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// The deadline timeline as a server-rendered SVG: one row per obligation from its clock's start to its due instant,
/// a now-line, and a colour class per verdict. One image for screen readers, described by the table #deadline-table
/// that lists the same obligations; each row carries its citation in its title (shown on hover).
/// </summary>
public static class DeadlineChart
{
    private const int Width = 900, Label = 260, RowHeight = 28, Top = 24, Right = 20;

    /// <summary>met, late, overdue, needs-facts or open: what the row's colour says, from the evaluator's own words.</summary>
    public static string Verdict(TimelineObligation o) => o switch
    {
        { Status: "met" or "met-on-time" } => "met",
        { Status: "met-late" } => "late",
        { Status: "overdue" } => "overdue",
        { MissingFacts.Count: > 0 } or { DueAt: null } => "needs-facts",
        _ => "open",
    };

    /// <summary>A duty with no deadline yet because a fact is missing: the table groups these by what they wait for.</summary>
    public static bool WaitsForFacts(TimelineObligation o) => o is { DueAt: null, SatisfiedAt: null, MissingFacts.Count: > 0 };

    /// <summary>
    /// The duties waiting for facts, one group per question set ("12 obligations need: where the affected people live"),
    /// the largest first: one fact recorded settles a whole group, so the groups say what to record next.
    /// </summary>
    public static IReadOnlyList<(string Question, IReadOnlyList<TimelineObligation> Duties)> WaitingForFacts(IEnumerable<TimelineObligation> all) =>
    [
        .. all.Where(WaitsForFacts)
            .GroupBy(o => string.Join("; ", o.MissingFacts.Select(f => f.Question).Distinct().Order(StringComparer.Ordinal)))
            .Select(g => (g.Key, (IReadOnlyList<TimelineObligation>)[.. g]))
            .OrderByDescending(g => g.Item2.Count).ThenBy(g => g.Key, StringComparer.Ordinal),
    ];

    /// <param name="nowLabel">"now", or "as of" when the page shows an earlier point.</param>
    public static IHtmlContent Render(IReadOnlyList<TimelineObligation> all, DateTimeOffset now, string nowLabel)
    {
        // Duties still waiting for a fact have no bar to draw; dozens of "may apply" rows would bury the ones that are due.
        var obligations = all.Where(o => o.DueAt is not null || o.SatisfiedAt is not null).ToList();
        var waiting = all.Count - obligations.Count;
        var instants = obligations.SelectMany(o => new[] { o.ClockStartedAt, o.DueAt, o.SatisfiedAt }).OfType<DateTimeOffset>().Append(now).ToList();
        var (from, to) = (instants.Min(), instants.Max());
        var span = Math.Max((to - from).TotalSeconds, 3600) * 1.05;
        double X(DateTimeOffset at) => Label + (at - from).TotalSeconds / span * (Width - Label - Right);
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        static string E(string s) => WebUtility.HtmlEncode(s);

        var height = Top + (obligations.Count + (waiting > 0 ? 1 : 0)) * RowHeight + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"deadline-chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"deadline-chart-title\" aria-describedby=\"deadline-table\">");
        svg.Append("<title id=\"deadline-chart-title\">Deadline timeline; the table below lists the same obligations</title>");
        for (var i = 0; i < obligations.Count; i++)
        {
            var o = obligations[i];
            var y = Top + i * RowHeight;
            var verdict = Verdict(o);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"duty {verdict}\"><title>{E(o.Recipient)} ({E(o.Jurisdiction)}): {E(Words.Of(o.Status))}. {E(o.Citation)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 17}\">{E(Shorten(o.Recipient + " · " + o.Jurisdiction))}</text>");
            if (o.ClockStartedAt is { } start && o.DueAt is { } due)
            {
                var (x1, x2) = (X(start), X(due));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x1)}\" y=\"{y + 6}\" width=\"{N(Math.Max(x2 - x1, 2))}\" height=\"14\" rx=\"3\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<line class=\"due\" x1=\"{N(x2)}\" x2=\"{N(x2)}\" y1=\"{y + 3}\" y2=\"{y + 23}\"/>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"missing\" x=\"{Label}\" y=\"{y + 17}\">needs facts{(o.MissingFacts.Count > 0 ? ": " + E(Shorten(o.MissingFacts[0].Question)) : "")}</text>");
            }

            if (o.SatisfiedAt is { } met)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"satisfied\" cx=\"{N(X(met))}\" cy=\"{y + 13}\" r=\"5\"/>");
            }

            svg.Append("</g>");
        }

        if (waiting > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"missing\" x=\"4\" y=\"{Top + obligations.Count * RowHeight + 17}\">{waiting} more {(waiting == 1 ? "obligation needs" : "obligations need")} facts before {(waiting == 1 ? "it has" : "they have")} a deadline: see the table</text>");
        }

        // The now-line stops above the summary line of duties waiting for facts, so it never runs through its words; its label
        // stays inside the image at either edge.
        var nowX = X(now);
        var anchor = nowX > Width - 40 ? "end" : nowX < Label + 30 ? "start" : "middle";
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"now\" x1=\"{N(nowX)}\" x2=\"{N(nowX)}\" y1=\"14\" y2=\"{Top + obligations.Count * RowHeight}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"now-label\" x=\"{N(nowX)}\" y=\"11\" text-anchor=\"{anchor}\">{E(nowLabel)}</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";
}
