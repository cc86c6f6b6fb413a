using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaseManagement.Shops.Php;

/// <param name="Key">A <see cref="PhpInt"/> or <see cref="PhpString"/>.</param>
public readonly record struct PhpArrayEntry(PhpValue Key, PhpValue Value);

/// <summary>
/// A PHP array: an ordered map whose keys are ints or strings. Keys are stored exactly as given, but look-ups and
/// the duplicate check treat a canonical decimal string such as "5" as the int 5, as PHP does, so the array never
/// holds two entries PHP would see as one.
/// </summary>
public sealed record PhpArray : PhpValue
{
    private PhpArray(ImmutableArray<PhpArrayEntry> entries) => Entries = entries;

    /// <exception cref="ArgumentException">A key is not an int or string, a value is null, or two keys are the same to PHP.</exception>
    public PhpArray(IEnumerable<PhpArrayEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        var seen = new HashSet<PhpValue>();
        foreach (var (key, value) in Entries)
        {
            EnsureKey(key);
            if (value is null)
            {
                throw new ArgumentException($"The value for key {key} is null; use PhpValue.Null for PHP null.", nameof(entries));
            }

            if (!seen.Add(KeyIdentity(key)))
            {
                throw new ArgumentException($"Duplicate key {key}.", nameof(entries));
            }
        }
    }

    public static PhpArray Empty { get; } = new(ImmutableArray<PhpArrayEntry>.Empty);

    public ImmutableArray<PhpArrayEntry> Entries { get; }

    public int Count => Entries.Length;

    public IEnumerable<PhpValue> Keys => Entries.Select(e => e.Key);

    public IEnumerable<PhpValue> Values => Entries.Select(e => e.Value);

    /// <summary>Whether the keys are 0, 1, 2, … in order, as PHP's <c>array_is_list</c> decides.</summary>
    public bool IsList
    {
        get
        {
            for (var i = 0; i < Entries.Length; i++)
            {
                if (Entries[i].Key is not PhpInt { Value: var key } || key != i)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <exception cref="KeyNotFoundException">No entry has this key.</exception>
    public PhpValue this[PhpValue key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The array has no key {key}.");

    /// <summary>A list: keys 0..n-1 in the given order.</summary>
    public static PhpArray List(params IEnumerable<PhpValue> values) =>
        new(values.Select((value, index) => new PhpArrayEntry(new PhpInt(index), value)));

    public static PhpArray Map(params IEnumerable<(PhpValue Key, PhpValue Value)> entries) =>
        new(entries.Select(e => new PhpArrayEntry(e.Key, e.Value)));

    public bool ContainsKey(PhpValue key) => IndexOfKey(key) >= 0;

    public bool TryGetValue(PhpValue key, [NotNullWhen(true)] out PhpValue? value)
    {
        var index = IndexOfKey(key);
        value = index >= 0 ? Entries[index].Value : null;
        return value is not null;
    }

    /// <summary>The key of the first entry equal to <paramref name="value"/>, like PHP's strict <c>array_search</c>; null if none.</summary>
    public PhpValue? KeyOf(PhpValue value)
    {
        foreach (var entry in Entries)
        {
            if (entry.Value == value)
            {
                return entry.Key;
            }
        }

        return null;
    }

    /// <summary>Like <c>$a[$key] = $value</c>: replaces the value in place if the key exists, otherwise appends.</summary>
    public PhpArray With(PhpValue key, PhpValue value)
    {
        EnsureKey(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = IndexOfKey(key);
        return new(index < 0
            ? Entries.Add(new PhpArrayEntry(key, value))
            : Entries.SetItem(index, Entries[index] with { Value = value }));
    }

    /// <summary>Like <c>unset($a[$key])</c>: the other entries keep their keys, so a list may get a gap.</summary>
    public PhpArray Without(PhpValue key)
    {
        var index = IndexOfKey(key);
        return index < 0 ? this : new(Entries.RemoveAt(index));
    }

    /// <summary>Like <c>array_values</c>: the same values in order, keyed 0..n-1.</summary>
    public PhpArray Reindexed() => List(Values);

    public bool Equals(PhpArray? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }

    /// <summary>For trusted input that has already been checked, such as the parser's output.</summary>
    internal static PhpArray FromCheckedEntries(ImmutableArray<PhpArrayEntry> entries) => new(entries);

    /// <summary>The key as PHP stores it: a canonical decimal string becomes an int, anything else is unchanged.</summary>
    internal static PhpValue KeyIdentity(PhpValue key) =>
        key is PhpString text && TryParseIntegerKey(text.Bytes.Span, out var number) ? new PhpInt(number) : key;

    private int IndexOfKey(PhpValue key)
    {
        var identity = KeyIdentity(key);
        for (var i = 0; i < Entries.Length; i++)
        {
            if (KeyIdentity(Entries[i].Key) == identity)
            {
                return i;
            }
        }

        return -1;
    }

    // Mirrors PHP's ZEND_HANDLE_NUMERIC_STR: an optional minus, no leading zero (so "-0" and "05" stay strings),
    // and the value must fit in 64 bits.
    private static bool TryParseIntegerKey(ReadOnlySpan<byte> text, out long number)
    {
        number = 0;
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        return digits.Length is > 0 and <= 19
            && !(digits[0] == '0' && text.Length > 1)
            && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    private static void EnsureKey(PhpValue key)
    {
        if (key is not (PhpInt or PhpString))
        {
            throw new ArgumentException($"PHP array keys are ints or strings, not {key?.GetType().Name ?? "null"}.", nameof(key));
        }
    }
}
