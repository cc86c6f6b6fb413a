using FluentAssertions;

namespace CaseManagement.Shops.Tests.ShopActions;

public sealed class when_scanning_magento_for_skimmers
{
    [Fact]
    public async Task script_in_the_head_includes_and_in_a_cms_block_is_found_with_its_host()
    {
        await using var shop = await MagentoShop.CreateAsync();
        await shop.ExecuteAsync("""
            INSERT INTO {p}core_config_data (scope, scope_id, path, value) VALUES
              ('websites', 1, 'design/head/includes', '<script type="text/javascript" src="//Static.Magento-Analytics.example/m.js"></script>');
            INSERT INTO {p}cms_block (block_id, title, identifier, content, is_active) VALUES
              (2, 'Payment icons', 'payment_icons', '<img src="https://www.shop.example/media/visa.png"><script>eval(String.fromCharCode(47,47,101,118,105,108,46,101,120,97,109,112,108,101))</script>', 0);
            """);

        var scan = await shop.Containment.ScanForSkimmersAsync(CancellationToken.None);

        scan.Findings.Select(f => (f.Location, string.Join(",", f.ExternalHosts))).Should().Equal(
            ("mg_core_config_data[design/head/includes] scope websites/1", "static.magento-analytics.example"),
            ("mg_cms_block[block_id=2] 'payment_icons' (inactive)", "evil.example"));
        scan.Findings[0].Why.Should().Be("The setting design/head/includes (Scripts and Style Sheets), which Magento prints into the <head> of every storefront page, "
            + "holds a <script> tag; it refers to static.magento-analytics.example");
        scan.Findings[1].Why.Should().Contain("eval(").And.Contain("String.fromCharCode").And.Contain("decodes to readable text",
            "the character codes spell //evil.example");
    }

    [Fact]
    public async Task a_clean_shop_has_no_findings_but_says_what_it_checked()
    {
        await using var shop = await MagentoShop.CreateAsync();

        var scan = await shop.Containment.ScanForSkimmersAsync(CancellationToken.None);

        scan.Findings.Should().BeEmpty("a stylesheet link in the head and plain CMS content show no sign");
        scan.Checked.Should().Equal(
            "mg_core_config_data[design/head/includes]: 1 value(s), all scopes",
            "mg_core_config_data[design/footer/absolute_footer]: 1 value(s), all scopes",
            "mg_cms_block: 1 blocks, active or not",
            "mg_cms_page: 2 pages, active or not");
    }
}
