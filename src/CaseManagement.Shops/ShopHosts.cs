namespace CaseManagement.Shops;

internal static class ShopHosts
{
    /// <summary>The shop's host from its base URL (WordPress home/siteurl, Magento base_url), lower-cased and without "www."; null when not a URL.</summary>
    public static string? FromUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IdnHost.Length == 0)
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}
