using System.Security.Cryptography;
using CaseManagement.Web;
using FluentAssertions;
using Microsoft.AspNetCore.Http;

namespace CaseManagement.UnitTests.Web;

public class the_web_assets
{
    private readonly WebAssets assets = new();

    [Fact]
    public void the_pages_own_files_and_htmx_travel_inside_the_assembly() =>
        assets.Names.Should().Contain(["site.css", "time.js", "favicon.svg", "vendor/htmx/htmx.min.js"], "the layout links each of them");

    [Fact]
    public void a_url_names_the_files_hash_so_a_changed_file_gets_a_new_url()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(assets.Content("time.js")));

        assets.Url("time.js").Should().Be($"/assets/time.js?v={hash[..16]}");
    }

    [Fact]
    public void a_url_for_a_file_that_does_not_exist_is_a_mistake_caught_at_render() =>
        assets.Invoking(a => a.Url("app.js")).Should().Throw<ArgumentException>().WithMessage("*Web/Assets*");

    [Theory]
    [InlineData(true, "public, max-age=31536000, immutable", "the URL names this very file, so it can be kept for a year")]
    [InlineData(false, "no-cache", "an old or missing hash must be checked again, or an upgrade would run a stale script")]
    public void only_the_current_version_may_be_cached_for_long(bool currentHash, string cacheControl, string because)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?v=" + (currentHash ? assets.Url("site.css").Split("?v=")[1] : "0123456789abcdef"));

        assets.Serve("site.css", http);

        http.Response.Headers.CacheControl.ToString().Should().Be(cacheControl, because);
    }
}
