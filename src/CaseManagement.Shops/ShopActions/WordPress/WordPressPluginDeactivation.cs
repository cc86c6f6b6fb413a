using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>
/// Deactivates a plugin through the database: its entries leave <c>active_plugins</c> and, on a multisite, the network's
/// <c>active_sitewide_plugins</c>. No deactivation hooks run, which for a malicious plugin is the point. WordPress's own
/// deactivate_plugins() unsets the entry and leaves a gap in the keys; the list is written back reindexed (array_values),
/// which WordPress reads the same and activate_plugin() would produce anyway. <c>recently_activated</c> is left alone:
/// deactivate_plugins() does not write it either (only the Plugins screen does, to offer the plugin for reactivation).
/// </summary>
internal sealed class WordPressPluginDeactivation(DeactivatePlugin action) : IPlaybook
{
    private sealed record State(IReadOnlyList<StoredArray> Site, IReadOnlyList<StoredArray> Network)
    {
        public IEnumerable<RemovedEntry> Matched => Site.Concat(Network).SelectMany(s => s.Matched);
    }

    private readonly string plugin = Plugin(action);

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var state = new State(await SerializedPlace.ActivePlugins.CaptureAsync(session, IsSitePlugin),
            await SerializedPlace.SitewidePlugins.CaptureAsync(session, IsNetworkPlugin));
        var active = Active(state);
        return await Snapshots.CreateAsync(session, action, state,
            active is null ? $"'{plugin}' is not active" : $"'{plugin}' is active: {active}");
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        var captured = Snapshots.Read<State>(session, action, before).State;
        List<ShopChange> changes =
        [
            .. await SerializedPlace.ActivePlugins.RemoveAsync(session, IsSitePlugin),
            .. await SerializedPlace.SitewidePlugins.RemoveAsync(session, IsNetworkPlugin),
        ];
        if (changes.Count > 0)
        {
            return new ActionOutcome(changes,
                $"Deactivated '{plugin}' in the database ({string.Join("; ", changes.Select(c => $"{c.Target} {c.What}"))}); no deactivation hooks ran. "
                + ShopManualSteps.WordPressCacheReminder);
        }

        return new ActionOutcome([], captured.Matched.Any()
            ? $"'{plugin}' is inactive already; nothing changed."
            : $"'{plugin}' is not active on this site (never activated, or not installed); nothing to deactivate.");
    }

    public async Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        var captured = Snapshots.Read<State>(session, action, before).State;
        var (site, siteNotes) = await SerializedPlace.ActivePlugins.RestoreAsync(session, captured.Site);
        var (network, networkNotes) = await SerializedPlace.SitewidePlugins.RestoreAsync(session, captured.Network);
        List<ShopChange> changes = [.. site, .. network];
        var notes = siteNotes.Concat(networkNotes).ToList();
        var summary = changes.Count > 0
            ? $"Reactivated '{plugin}' in the database as before containment; its activation hooks did not run. {ShopManualSteps.WordPressCacheReminder}"
            : captured.Matched.Any() ? $"Nothing to put back for '{plugin}'." : $"'{plugin}' was not active before containment; nothing to put back.";
        return Outcomes.With(changes, summary, notes);
    }

    private static string Plugin(DeactivatePlugin action)
    {
        var plugin = action.Plugin.Trim().TrimEnd('/');
        return plugin.Length > 0
            ? plugin
            : throw new ShopContainmentException("DeactivatePlugin needs a plugin file (\"dir/file.php\") or folder (\"dir\").", transient: false);
    }

    private bool IsSitePlugin(PhpArrayEntry entry) => Matches(entry.Value);

    private bool IsNetworkPlugin(PhpArrayEntry entry) => Matches(entry.Key);

    // WordPress compares plugin files exactly (array_search strict); a folder stands for every file in it.
    private bool Matches(PhpValue value) =>
        value is PhpString { Text: var file } && (file == plugin || file.StartsWith(plugin + "/", StringComparison.Ordinal));

    private static string? Active(State state)
    {
        var places = state.Site.Where(s => s.Matched.Count > 0).Select(s => $"{Files(s, isList: true)} in active_plugins")
            .Concat(state.Network.Where(s => s.Matched.Count > 0).Select(s => $"{Files(s, isList: false)} network-wide"))
            .ToList();
        return places.Count == 0 ? null : string.Join("; ", places);
    }

    private static string Files(StoredArray stored, bool isList) => string.Join(", ", stored.Matched.Select(e => SerializedArrays.Describe(e, isList)));
}
