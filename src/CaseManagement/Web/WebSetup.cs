using Microsoft.AspNetCore.Mvc.Filters;

namespace CaseManagement.Web;

/// <summary>
/// The web pages: Razor Pages under Web/Pages, served by this service beside the API (docs/adr/0015-web-pages.md).
/// One call registers them, one maps them.
/// </summary>
public static class WebSetup
{
    /// <summary>Scripts only from this service (no inline script, no eval), styles and images likewise; forms post only here.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddCaseManagementWeb(this IServiceCollection services)
    {
        services.AddSingleton<WebAssets>();
        services.AddScoped<Navigation>();
        services.AddSingleton<PageLinks>();
        services.AddSingleton<Actions.Slices>();
        // Its own name: the identity provider's antiforgery cookie lives on the same host (cookies ignore ports).
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cm.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Razor Pages check the antiforgery token on every POST, PUT and DELETE by themselves.
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.ConfigureFilter(new PageHeaders());
        });
        return services;
    }

    public static void MapCaseManagementWeb(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<WebAssets>();
        app.MapGet(WebAssets.PathPrefix + "/{**name}", (string name, HttpContext http) => assets.Serve(name, http))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapRazorPages();
    }

    // Set before the page renders, so Security/Hardening's default (which allows nothing) leaves it alone.
    private sealed class PageHeaders : IAsyncResultFilter
    {
        public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next();
        }
    }
}
