using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>An entry containment took out of a serialized array: where it stood, and its key and value as serialized PHP.</summary>
internal sealed record RemovedEntry(int Position, string Key, string Value)
{
    public PhpValue KeyValue => PhpSerializer.Deserialize(Key);

    public PhpValue EntryValue => PhpSerializer.Deserialize(Value);
}

/// <summary>
/// Edits serialized PHP arrays in options and meta (active_plugins, active_sitewide_plugins, site_admins) only through the
/// codec. A list is written back reindexed as <c>array_values</c> would; a map keeps its keys. Putting entries back restores
/// the original bytes when nothing else changed since, and otherwise inserts them where they stood, keeping later changes.
/// </summary>
internal static class SerializedArrays
{
    /// <summary>The stored value as an array; a missing value is an empty one.</summary>
    /// <exception cref="ShopContainmentException">The value is not a readable serialized array (permanent: a person must look at it).</exception>
    public static PhpArray Parse(string? text, string where)
    {
        if (text is null)
        {
            return PhpArray.Empty;
        }

        return PhpSerializer.TryDeserialize(text) as PhpArray
            ?? throw new ShopContainmentException($"{where} is not a readable serialized PHP array, so it was not edited; inspect it by hand.", transient: false);
    }

    public static (PhpArray Remaining, IReadOnlyList<RemovedEntry> Removed) Remove(PhpArray array, Func<PhpArrayEntry, bool> match, bool isList)
    {
        var removed = array.Entries.Select((entry, position) => (entry, position)).Where(e => match(e.entry))
            .Select(e => new RemovedEntry(e.position, PhpSerializer.Serialize(e.entry.Key), PhpSerializer.Serialize(e.entry.Value)))
            .ToList();
        var remaining = new PhpArray(array.Entries.Where(entry => !match(entry)));
        return (isList ? remaining.Reindexed() : remaining, removed);
    }

    /// <summary>
    /// Puts <paramref name="removed"/> back into <paramref name="current"/>. Entries present again (a list value or a map key)
    /// are skipped. When <paramref name="current"/> is exactly what removing them from <paramref name="original"/> gave, the
    /// original text is returned unchanged.
    /// </summary>
    public static (string Text, IReadOnlyList<RemovedEntry> PutBack) Restore(string original, PhpArray current, IReadOnlyList<RemovedEntry> removed, bool isList)
    {
        var missing = removed.Where(entry => !(isList ? current.Values.Contains(entry.EntryValue) : current.ContainsKey(entry.KeyValue))).ToList();
        var positions = removed.Select(entry => entry.Position).ToHashSet();
        var originalArray = Parse(original, "The snapshot's value");
        var applied = new PhpArray(originalArray.Entries.Where((_, position) => !positions.Contains(position)));
        if (current == (isList ? applied.Reindexed() : applied) && missing.Count == removed.Count)
        {
            return (original, removed);
        }

        var entries = current.Entries.ToList();
        foreach (var entry in missing.OrderBy(entry => entry.Position))
        {
            entries.Insert(Math.Min(entry.Position, entries.Count), new PhpArrayEntry(entry.KeyValue, entry.EntryValue));
        }

        var restored = isList ? PhpArray.List(entries.Select(e => e.Value)) : new PhpArray(entries);
        return (PhpSerializer.Serialize(restored), missing);
    }

    /// <summary>The entry's value as text, for outcomes: list values and map keys here are plugin files and logins.</summary>
    public static string Describe(RemovedEntry entry, bool isList) => (isList ? entry.EntryValue : entry.KeyValue) switch
    {
        PhpString text => text.Text,
        var other => other.ToString(),
    };
}
