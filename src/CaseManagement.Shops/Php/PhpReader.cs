using System.Collections.Immutable;
using System.Globalization;

namespace CaseManagement.Shops.Php;

/// <summary>
/// A recursive-descent reader for one serialized value. It accepts the grammar of PHP's var_unserializer
/// for the types modelled here, and rejects anything it cannot represent exactly rather than guessing.
/// </summary>
internal ref struct PhpReader(ReadOnlySpan<byte> input)
{
    // The smallest entry is "i:0;N;", which bounds how many entries the remaining input can hold.
    private const int SmallestEntryBytes = 6;

    private readonly ReadOnlySpan<byte> input = input;
    private int position;

    public PhpValue ReadDocument()
    {
        var value = ReadValue(depth: 0);
        if (position < input.Length)
        {
            throw Expected("end of input after the value");
        }

        return value;
    }

    private PhpValue ReadValue(int depth)
    {
        var start = position;
        switch (position < input.Length ? input[position] : -1)
        {
            case 'N':
                position++;
                Expect(';');
                return PhpNull.Instance;
            case 'b':
                position++;
                Expect(':');
                var flag = Peek();
                if (flag is not ('0' or '1'))
                {
                    throw Expected("'0' or '1'");
                }

                position++;
                Expect(';');
                return flag == '1' ? PhpBool.True : PhpBool.False;
            case 'i':
                position++;
                Expect(':');
                var integer = ReadInteger();
                Expect(';');
                return new PhpInt(integer);
            case 'd':
                position++;
                Expect(':');
                var number = ReadFloat();
                Expect(';');
                return new PhpFloat(number);
            case 's':
                position++;
                Expect(':');
                var text = ReadQuoted();
                Expect(';');
                return text;
            case 'a':
                EnsureDepth(depth, start);
                position++;
                Expect(':');
                return ReadEntries(start, depth);
            case 'O':
                EnsureDepth(depth, start);
                position++;
                Expect(':');
                var className = ReadQuoted();
                Expect(':');
                return new PhpObject(className, ReadEntries(start, depth));
            case 'r' or 'R':
                throw Unsupported(start, "A PHP reference (r:/R:)");
            case 'C':
                throw Unsupported(start, "A custom-serialized object (C:, the Serializable interface)");
            case 'E':
                throw Unsupported(start, "An enum case (E:)");
            case 'S':
                throw Unsupported(start, "An escaped string (S:)");
            default:
                throw Expected("a value (N, b, i, d, s, a or O)");
        }
    }

    /// <summary>Reads <c>count:{key value ...}</c>, the shared tail of arrays and objects.</summary>
    private PhpArray ReadEntries(int containerStart, int depth)
    {
        var count = ReadLength("an entry count");
        Expect(':');
        Expect('{');
        var entries = ImmutableArray.CreateBuilder<PhpArrayEntry>(Math.Min(count, (input.Length - position) / SmallestEntryBytes));
        var seenKeys = new HashSet<PhpValue>();
        for (var i = 0; i < count; i++)
        {
            var keyStart = position;
            if (Peek() is not ('i' or 's'))
            {
                throw Expected(
                    $"the key (i: or s:) of entry {i + 1}",
                    $"The container at byte offset {containerStart} declares {count} entries.");
            }

            var key = ReadValue(depth + 1);
            if (!seenKeys.Add(PhpArray.KeyIdentity(key)))
            {
                throw new PhpSerializationException(
                    $"Duplicate key {key} at byte offset {keyStart}; PHP would keep only the last value, so the data cannot round-trip.",
                    keyStart);
            }

            entries.Add(new PhpArrayEntry(key, ReadValue(depth + 1)));
        }

        Expect('}', $"The container at byte offset {containerStart} declares {count} entries.");
        return PhpArray.FromCheckedEntries(entries.DrainToImmutable());
    }

    /// <summary>Reads <c>length:"bytes"</c>. The declared length alone decides where the content ends: it may hold quotes and semicolons.</summary>
    private PhpString ReadQuoted()
    {
        var length = ReadLength("a byte length");
        Expect(':');
        Expect('"');
        var contentStart = position;
        if (length > input.Length - position)
        {
            throw new PhpSerializationException(
                $"Expected {length} string bytes from byte offset {contentStart} but the input ends at byte offset {input.Length}.",
                input.Length);
        }

        position += length;
        Expect('"', $"The string starting at byte offset {contentStart} declares {length} bytes.");
        return new PhpString(input.Slice(contentStart, length));
    }

    private int ReadLength(string what)
    {
        var start = position;
        SkipDigits();
        if (position == start)
        {
            throw Expected(what);
        }

        return int.TryParse(input[start..position], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : throw new PhpSerializationException($"Expected {what} at byte offset {start} but found a number too large to be one.", start);
    }

    // PHP's grammar: [+-]?[0-9]+, which allows a plus sign and leading zeros although serialize() writes neither.
    private long ReadInteger()
    {
        var start = position;
        SkipSign();
        if (SkipDigits() == 0)
        {
            throw Expected("a digit");
        }

        return long.TryParse(input[start..position], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PhpSerializationException($"The integer at byte offset {start} does not fit in 64 bits.", start);
    }

    // PHP's grammar: NAN, INF, -INF, or [+-]? digits with an optional point (a digit on at least one side) and an
    // optional [eE][+-]?[0-9]+ exponent. Exponents beyond the double range read as infinity or zero, as in PHP.
    private double ReadFloat()
    {
        if (TrySkip("NAN"u8))
        {
            return double.NaN;
        }

        if (TrySkip("INF"u8))
        {
            return double.PositiveInfinity;
        }

        if (TrySkip("-INF"u8))
        {
            return double.NegativeInfinity;
        }

        var start = position;
        SkipSign();
        var digits = SkipDigits();
        if (Peek() == '.')
        {
            position++;
            digits += SkipDigits();
        }

        if (digits == 0)
        {
            position = start;
            throw Expected("a number, NAN, INF or -INF");
        }

        if (Peek() is 'e' or 'E')
        {
            position++;
            SkipSign();
            if (SkipDigits() == 0)
            {
                throw Expected("an exponent digit");
            }
        }

        return double.Parse(input[start..position], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private readonly int Peek() => position < input.Length ? input[position] : -1;

    private void Expect(char expected, string? hint = null)
    {
        if (Peek() != expected)
        {
            throw Expected($"'{expected}'", hint);
        }

        position++;
    }

    private bool TrySkip(ReadOnlySpan<byte> literal)
    {
        if (!input[position..].StartsWith(literal))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    private void SkipSign()
    {
        if (Peek() is '+' or '-')
        {
            position++;
        }
    }

    private int SkipDigits()
    {
        var start = position;
        while (Peek() is >= '0' and <= '9')
        {
            position++;
        }

        return position - start;
    }

    private static void EnsureDepth(int depth, int start)
    {
        if (depth >= PhpSerializer.MaxDepth)
        {
            throw new PhpSerializationException(
                $"Arrays and objects nest deeper than {PhpSerializer.MaxDepth} levels at byte offset {start}.", start);
        }
    }

    private readonly PhpSerializationException Expected(string what, string? hint = null)
    {
        var found = Peek() switch
        {
            -1 => "end of input",
            >= 0x20 and < 0x7F and var printable => $"'{(char)printable}'",
            var other => $"byte 0x{other:X2}",
        };
        var message = $"Expected {what} at byte offset {position} but found {found}.";
        return new PhpSerializationException(hint is null ? message : $"{message} {hint}", position);
    }

    private static PhpSerializationException Unsupported(int offset, string what) =>
        new($"{what} at byte offset {offset} is not supported.", offset);
}
