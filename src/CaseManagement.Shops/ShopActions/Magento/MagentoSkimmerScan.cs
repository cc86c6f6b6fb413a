namespace CaseManagement.Shops.ShopActions.Magento;

/// <summary>
/// The places Magento skimmers are known to hide, searched for skimmer signs: the HTML head and footer settings in
/// core_config_data (any scope), and the content of CMS blocks and pages.
/// </summary>
internal static class MagentoSkimmerScan
{
    private static readonly (string Path, string Place)[] ConfigPaths =
    [
        ("design/head/includes", "design/head/includes (Scripts and Style Sheets), which Magento prints into the <head> of every storefront page"),
        ("design/footer/absolute_footer", "design/footer/absolute_footer, which Magento prints at the end of every storefront page"),
    ];

    public static async Task<SkimmerScan> RunAsync(ContainmentSession session)
    {
        var ownHosts = (await session.ListAsync(
                $"SELECT value FROM `{session.P}core_config_data` WHERE path IN ('web/unsecure/base_url', 'web/secure/base_url') AND value IS NOT NULL",
                r => r.GetString(0)))
            .Select(ShopHosts.FromUrl).OfType<string>().ToHashSet();
        var findings = new List<SkimmerFinding>();
        var checkedPlaces = new List<string>();
        foreach (var (path, place) in ConfigPaths)
        {
            var values = await session.ListAsync($"SELECT scope, scope_id, value FROM `{session.P}core_config_data` WHERE path = @path ORDER BY config_id",
                r => (Scope: r.GetString(0), ScopeId: r.GetInt64(1), Value: r.IsDBNull(2) ? "" : r.GetString(2)), ("@path", path));
            checkedPlaces.Add($"{session.P}core_config_data[{path}]: {values.Count} value(s), all scopes");
            findings.AddRange(values
                .Select(v => SkimmerSigns.Inspect($"{session.P}core_config_data[{path}] scope {v.Scope}/{v.ScopeId}", $"The setting {place},", v.Value, ownHosts))
                .OfType<SkimmerFinding>());
        }

        foreach (var (table, id, noun, place) in new[]
                 {
                     ("cms_block", "block_id", "blocks", "The CMS block '{0}', rendered wherever it is placed,"),
                     ("cms_page", "page_id", "pages", "The CMS page '{0}'"),
                 })
        {
            var total = await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}{table}`");
            checkedPlaces.Add($"{session.P}{table}: {total} {noun}, active or not");
            var (signs, parameters) = SkimmerSigns.Condition("content");
            findings.AddRange((await session.ListAsync(
                    $"SELECT {id}, identifier, is_active, content FROM `{session.P}{table}` WHERE {signs} ORDER BY {id}",
                    r => SkimmerSigns.Inspect(
                        $"{session.P}{table}[{id}={r.GetInt64(0)}] '{r.GetString(1)}'{(r.GetInt32(2) != 0 ? "" : " (inactive)")}",
                        string.Format(System.Globalization.CultureInfo.InvariantCulture, place, r.GetString(1)), r.GetString(3), ownHosts),
                    parameters))
                .OfType<SkimmerFinding>());
        }

        return new SkimmerScan(checkedPlaces, findings);
    }
}
