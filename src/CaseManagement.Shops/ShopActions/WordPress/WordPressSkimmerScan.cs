namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>
/// Where WordPress keeps content it prints into pages, searched for skimmer signs: options (theme mods, widgets,
/// header/footer script settings; transients, which are caches, are left out) and the content of published posts, pages,
/// reusable blocks and block-theme templates.
/// </summary>
internal static class WordPressSkimmerScan
{
    private static readonly string[] PostTypes = ["page", "post", "wp_block", "wp_template", "wp_template_part"];

    public static async Task<SkimmerScan> RunAsync(ContainmentSession session)
    {
        var ownHosts = (await session.ListAsync($"SELECT option_value FROM `{session.P}options` WHERE option_name IN ('home', 'siteurl')", r => r.GetString(0)))
            .Select(ShopHosts.FromUrl).OfType<string>().ToHashSet();
        var (options, optionsChecked) = await OptionsAsync(session, ownHosts);
        var (posts, postsChecked) = await PostsAsync(session, ownHosts);
        return new SkimmerScan([optionsChecked, postsChecked], [.. options, .. posts]);
    }

    private static async Task<(List<SkimmerFinding>, string)> OptionsAsync(ContainmentSession session, IReadOnlySet<string> ownHosts)
    {
        const string notTransient = "option_name NOT LIKE @transient AND option_name NOT LIKE @siteTransient";
        (string, object?)[] transients = [("@transient", @"\_transient\_%"), ("@siteTransient", @"\_site\_transient\_%")];
        var total = await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}options` WHERE {notTransient}", transients);
        var (signs, parameters) = SkimmerSigns.Condition("option_value");
        var findings = await session.ListAsync(
            $"SELECT option_name, option_value FROM `{session.P}options` WHERE {notTransient} AND {signs} ORDER BY option_name",
            r => SkimmerSigns.Inspect($"{session.P}options[{r.GetString(0)}]",
                $"The option '{r.GetString(0)}' (options like theme mods, widgets and header/footer script settings are printed into pages)",
                r.GetString(1), ownHosts),
            [.. transients, .. parameters]);
        return (findings.OfType<SkimmerFinding>().ToList(), $"{session.P}options: {total} options (transients left out)");
    }

    private static async Task<(List<SkimmerFinding>, string)> PostsAsync(ContainmentSession session, IReadOnlySet<string> ownHosts)
    {
        var (types, typeParameters) = Scoping.ShopSql.In("type", PostTypes);
        var published = $"post_status = 'publish' AND post_type IN ({types})";
        var total = await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}posts` WHERE {published}", typeParameters);
        var (signs, parameters) = SkimmerSigns.Condition("post_content");
        var findings = await session.ListAsync(
            $"SELECT ID, post_type, post_title, post_content FROM `{session.P}posts` WHERE {published} AND {signs} ORDER BY ID",
            r => SkimmerSigns.Inspect($"{session.P}posts[ID={r.GetInt64(0)}] {r.GetString(1)} '{r.GetString(2)}'",
                $"The published {r.GetString(1)} '{r.GetString(2)}'", r.GetString(3), ownHosts),
            [.. typeParameters, .. parameters]);
        return (findings.OfType<SkimmerFinding>().ToList(),
            $"{session.P}posts: {total} published posts, pages, reusable blocks and templates ({string.Join(", ", PostTypes)})");
    }
}
