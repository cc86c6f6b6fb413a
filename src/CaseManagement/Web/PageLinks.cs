using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace CaseManagement.Web;

/// <summary>
/// Whether a page exists, so a link to it is shown only then (a link never leads nowhere). Pages are looked up by their
/// route template among the service's endpoints, so a page built later gets its links without touching the pages that link.
/// </summary>
public sealed class PageLinks(EndpointDataSource endpoints)
{
    private readonly Lazy<HashSet<string>> templates = new(() =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => Normalize(e.RoutePattern.RawText)),
    ]);

    /// <param name="template">The page's route as its @page directive names it, e.g. "/incidents/{id:guid}/containment".</param>
    /// <param name="path">The link, e.g. "/incidents/0193…/containment".</param>
    /// <returns>The link when that page exists, else null.</returns>
    public string? To(string template, string path) => templates.Value.Contains(Normalize(template)) ? path : null;

    private static string Normalize(string? template) => (template ?? "").Trim('/').ToLowerInvariant();
}
