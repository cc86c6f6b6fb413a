using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>One stored serialized array as captured: its row, its original text and the entries containment takes out.</summary>
internal sealed record StoredArray(long RowId, string Original, IReadOnlyList<RemovedEntry> Matched);

/// <summary>
/// Where WordPress keeps a serialized array that containment edits: the <c>active_plugins</c> option, or a network's
/// <c>active_sitewide_plugins</c> and <c>site_admins</c> in <c>{prefix}sitemeta</c> (one row per network, and only on a
/// multisite: the table may not exist).
/// </summary>
internal sealed record SerializedPlace(string Table, string IdColumn, string NameColumn, string ValueColumn, string Name, bool IsList, bool Network)
{
    public static readonly SerializedPlace ActivePlugins = new("options", "option_id", "option_name", "option_value", "active_plugins", IsList: true, Network: false);

    /// <summary>A map of plugin file to activation time.</summary>
    public static readonly SerializedPlace SitewidePlugins =
        new("sitemeta", "meta_id", "meta_key", "meta_value", "active_sitewide_plugins", IsList: false, Network: true);

    /// <summary>A list of logins.</summary>
    public static readonly SerializedPlace SiteAdmins = new("sitemeta", "meta_id", "meta_key", "meta_value", "site_admins", IsList: true, Network: true);

    public async Task<List<StoredArray>> CaptureAsync(ContainmentSession session, Func<PhpArrayEntry, bool> match) =>
        (await ReadAsync(session))
        .Select(row => new StoredArray(row.Id, row.Value ?? "", SerializedArrays.Remove(Parse(session, row), match, IsList).Removed))
        .ToList();

    public async Task<List<ShopChange>> RemoveAsync(ContainmentSession session, Func<PhpArrayEntry, bool> match)
    {
        var changes = new List<ShopChange>();
        foreach (var row in await ReadAsync(session))
        {
            var (remaining, removed) = SerializedArrays.Remove(Parse(session, row), match, IsList);
            if (removed.Count == 0)
            {
                continue;
            }

            await WriteAsync(session, row.Id, PhpSerializer.Serialize(remaining));
            changes.AddRange(removed.Select(entry => new ShopChange(Label(session, row.Id), $"removed '{SerializedArrays.Describe(entry, IsList)}'",
                $"listed at position {entry.Position}", "not listed")));
        }

        return changes;
    }

    /// <summary>Puts the captured entries back where they are missing; byte-exact when nothing else changed since.</summary>
    public async Task<(List<ShopChange> Changes, List<string> Notes)> RestoreAsync(ContainmentSession session, IEnumerable<StoredArray> captured)
    {
        var current = (await ReadAsync(session)).ToDictionary(row => row.Id);
        var changes = new List<ShopChange>();
        var notes = new List<string>();
        foreach (var stored in captured.Where(s => s.Matched.Count > 0))
        {
            var label = Label(session, stored.RowId);
            if (!current.TryGetValue(stored.RowId, out var row))
            {
                notes.Add($"{label} no longer exists, so nothing was put back there");
                continue;
            }

            var (text, putBack) = SerializedArrays.Restore(stored.Original, Parse(session, row), stored.Matched, IsList);
            var again = stored.Matched.Except(putBack).Select(entry => $"'{SerializedArrays.Describe(entry, IsList)}'").ToList();
            if (again.Count > 0)
            {
                notes.Add($"{string.Join(", ", again)} listed in {label} again already");
            }

            if (putBack.Count == 0)
            {
                continue;
            }

            await WriteAsync(session, stored.RowId, text);
            changes.AddRange(putBack.Select(entry => new ShopChange(label, $"put back '{SerializedArrays.Describe(entry, IsList)}'", "not listed",
                $"listed at position {entry.Position}")));
        }

        return (changes, notes);
    }

    private async Task<List<(long Id, string? Value)>> ReadAsync(ContainmentSession session)
    {
        if (Network && !await session.TableExistsAsync(Table))
        {
            return [];
        }

        return await session.ListAsync(
            $"SELECT {IdColumn}, {ValueColumn} FROM `{session.P}{Table}` WHERE {NameColumn} = @name ORDER BY {IdColumn}{session.ForUpdate}",
            r => (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1)), ("@name", Name));
    }

    private Task<int> WriteAsync(ContainmentSession session, long id, string value) =>
        session.ExecuteAsync($"UPDATE `{session.P}{Table}` SET {ValueColumn} = @value WHERE {IdColumn} = @id", ("@value", value), ("@id", id));

    private PhpArray Parse(ContainmentSession session, (long Id, string? Value) row) => SerializedArrays.Parse(row.Value, Label(session, row.Id));

    private string Label(ContainmentSession session, long id) => Network ? $"{session.P}{Table}[{IdColumn}={id}, {Name}]" : $"{session.P}{Table}[{Name}]";
}
