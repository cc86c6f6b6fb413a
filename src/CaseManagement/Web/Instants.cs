using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace CaseManagement.Web;

/// <summary>
/// An instant as the pages show it: UTC in the markup (what a reader without JavaScript sees, and the hover text);
/// Assets/time.js rewrites the text into the viewer's own time zone.
/// </summary>
public static class Instants
{
    /// <param name="missing">What to say when there is no instant, e.g. "never" for a key never used.</param>
    public static IHtmlContent Show(DateTimeOffset? instant, string missing = "–")
    {
        if (instant is not { } value)
        {
            return new HtmlString(System.Net.WebUtility.HtmlEncode(missing));
        }

        var utc = value.ToUniversalTime();
        var iso = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var shown = utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var title = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
        return new HtmlString($"<time datetime=\"{iso}\" title=\"{title}\" data-local-time>{shown}</time>");
    }
}
