using System.Text;
using System.Text.RegularExpressions;

namespace CaseManagement.Shops.ShopActions;

/// <summary>
/// The heuristic behind skimmer scans: content that holds a script tag, a javascript: URL, or the calls skimmers use to
/// hide their code (eval, atob, String.fromCharCode). It flags places for a person to read; legitimate tracking snippets
/// match too, and a skimmer that avoids all of these is not found.
/// </summary>
internal static partial class SkimmerSigns
{
    private const int ExcerptLength = 300;

    private static readonly (string Marker, string Description)[] Signs =
    [
        ("<script", "a <script> tag"),
        ("javascript:", "a javascript: URL"),
        ("eval(", "eval("),
        ("atob(", "atob( (base64 decoding)"),
        ("String.fromCharCode", "String.fromCharCode (text hidden as character codes)"),
    ];

    /// <summary>An SQL condition true when <paramref name="column"/> holds any sign; the platforms' *_ci collations make LIKE case-blind.</summary>
    public static (string Condition, (string Name, object? Value)[] Parameters) Condition(string column) =>
        ($"({string.Join(" OR ", Signs.Select((_, i) => $"{column} LIKE @sign{i}"))})",
            Signs.Select((sign, i) => ($"@sign{i}", (object?)$"%{sign.Marker}%")).ToArray());

    /// <summary>A finding when the content shows a sign; null otherwise.</summary>
    /// <param name="place">What the location is and why content there reaches shoppers, e.g. "design/head/includes, which Magento prints into every page's head".</param>
    /// <param name="ownHosts">The shop's own host names (without "www."), left out of the external hosts.</param>
    public static SkimmerFinding? Inspect(string location, string place, string content, IReadOnlySet<string> ownHosts)
    {
        // JSON and serialized PHP often escape slashes.
        var text = content.Replace("\\/", "/", StringComparison.Ordinal);
        var signs = Signs.Where(sign => text.Contains(sign.Marker, StringComparison.OrdinalIgnoreCase)).ToList();
        if (signs.Count == 0)
        {
            return null;
        }

        var decoded = Decoded(text).ToList();
        var hosts = Hosts(text).Concat(decoded.SelectMany(Hosts))
            .Where(host => !ownHosts.Any(own => host == own || host.EndsWith("." + own, StringComparison.Ordinal)))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var why = $"{place} holds {string.Join(", ", signs.Select(s => s.Description))}"
            + (decoded.Count > 0 ? "; encoded text in it decodes to readable text" : "")
            + (hosts.Count > 0 ? $"; it refers to {string.Join(", ", hosts)}" : "; it names no outside host");
        return new SkimmerFinding(location, why, hosts, Excerpt(text, signs[0].Marker));
    }

    private static IEnumerable<string> Hosts(string text) => UrlHost().Matches(text).Select(m => m.Groups["host"].Value.ToLowerInvariant());

    /// <summary>Literal arguments of atob('…') and String.fromCharCode(…), decoded: skimmers hide their collection URL this way.</summary>
    private static IEnumerable<string> Decoded(string text)
    {
        foreach (Match match in Base64Literal().Matches(text))
        {
            var buffer = new byte[match.Groups["data"].Length];
            if (Convert.TryFromBase64String(match.Groups["data"].Value, buffer, out var written))
            {
                yield return Encoding.UTF8.GetString(buffer, 0, written);
            }
        }

        foreach (Match match in CharCodes().Matches(text))
        {
            var codes = match.Groups["codes"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            yield return string.Concat(codes.Select(code => int.TryParse(code, out var c) && c is > 0 and < 0x10000 ? (char)c : '?'));
        }
    }

    private static string Excerpt(string text, string marker)
    {
        var at = text.IndexOf("<script", StringComparison.OrdinalIgnoreCase) is >= 0 and var script ? script : text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 60);
        return Whitespace().Replace(text.Substring(start, Math.Min(ExcerptLength, text.Length - start)), " ");
    }

    [GeneratedRegex(@"(?:\b(?:https?|wss?):)?//(?<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlHost();

    [GeneratedRegex(@"atob\(\s*(?<quote>['""])(?<data>[A-Za-z0-9+/=]+)\k<quote>\s*\)")]
    private static partial Regex Base64Literal();

    [GeneratedRegex(@"String\.fromCharCode\((?<codes>[\d\s,]+)\)")]
    private static partial Regex CharCodes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
