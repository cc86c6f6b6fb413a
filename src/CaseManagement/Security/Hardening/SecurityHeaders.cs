namespace CaseManagement.Security.Hardening;

/// <summary>
/// An API that serves no pages: forbid framing, sniffing, referrers, caching and any content loading. The one page it
/// serves (an audit report as HTML) sets its own, as strict, policy that lets only its inline stylesheet apply.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }

                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(http);
        });
}
