using System.Buffers;
using System.Globalization;
using System.Text;

namespace CaseManagement.Shops.Php;

/// <summary>
/// PHP's <c>serialize()</c>/<c>unserialize()</c> format, as WordPress stores options and meta. Output is
/// byte-identical to PHP 7.1+ for everything this codec models, so a value read, edited and written back differs
/// from the stored text only where it was edited. Input that PHP accepts but never writes (<c>i:+5;</c>,
/// <c>d:1e3;</c>, legacy 17-digit floats such as <c>d:0.10000000000000001;</c>) is read to the same value and
/// written back in PHP's current canonical form.
/// </summary>
public static class PhpSerializer
{
    /// <summary>The deepest nesting of arrays and objects read or written; far beyond real WordPress data, and
    /// low enough that hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <exception cref="ArgumentException">The value nests deeper than <see cref="MaxDepth"/>, or holds bytes that are
    /// not UTF-8 and so cannot be carried by a .NET string (use <see cref="SerializeToBytes"/>).</exception>
    public static string Serialize(PhpValue value) =>
        StrictUtf8.TryDecode(SerializeToBytes(value))
        ?? throw new ArgumentException("The value contains string bytes that are not UTF-8; use SerializeToBytes.", nameof(value));

    /// <exception cref="ArgumentException">The value nests deeper than <see cref="MaxDepth"/>.</exception>
    public static byte[] SerializeToBytes(PhpValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = new Writer(limitDepth: true);
        writer.Write(value, depth: 0);
        return writer.ToArray();
    }

    /// <summary>Reads text as stored in a utf8/utf8mb4 column. Offsets in errors count bytes of its UTF-8 form.</summary>
    /// <exception cref="PhpSerializationException">The text is not exactly one well-formed serialized value.</exception>
    /// <exception cref="ArgumentException">The text has an unpaired surrogate, so it has no UTF-8 form.</exception>
    public static PhpValue Deserialize(string text) => Deserialize(StrictUtf8.Encode(text, nameof(text)));

    /// <exception cref="PhpSerializationException">The bytes are not exactly one well-formed serialized value.</exception>
    public static PhpValue Deserialize(ReadOnlySpan<byte> bytes) => new PhpReader(bytes).ReadDocument();

    /// <summary>Reads a stored value the way WordPress's <c>maybe_unserialize</c> gives up on one: null when absent or not a single well-formed value.</summary>
    public static PhpValue? TryDeserialize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return Deserialize(text);
        }
        catch (PhpSerializationException)
        {
            return null;
        }
    }

    internal static string Describe(PhpValue value)
    {
        var writer = new Writer(limitDepth: false);
        writer.Write(value, depth: 0);
        return Encoding.UTF8.GetString(writer.ToArray());
    }

    private sealed class Writer(bool limitDepth)
    {
        private readonly ArrayBufferWriter<byte> buffer = new(256);

        public byte[] ToArray() => buffer.WrittenSpan.ToArray();

        public void Write(PhpValue value, int depth)
        {
            switch (value)
            {
                case PhpNull:
                    Ascii("N;");
                    break;
                case PhpBool b:
                    Ascii(b.Value ? "b:1;" : "b:0;");
                    break;
                case PhpInt i:
                    Ascii("i:");
                    Number(i.Value);
                    Ascii(";");
                    break;
                case PhpFloat f:
                    Ascii("d:");
                    Ascii(PhpFloatFormat.Format(f.Value));
                    Ascii(";");
                    break;
                case PhpString s:
                    Ascii("s:");
                    Quoted(s);
                    Ascii(";");
                    break;
                case PhpArray a:
                    EnsureDepth(depth);
                    Ascii("a:");
                    Entries(a, depth);
                    break;
                case PhpObject o:
                    EnsureDepth(depth);
                    Ascii("O:");
                    Quoted(o.ClassName);
                    Ascii(":");
                    Entries(o.Properties, depth);
                    break;
                default:
                    throw new ArgumentException($"{value.GetType().Name} is not a PHP value type this serializer knows.", nameof(value));
            }
        }

        private void Entries(PhpArray array, int depth)
        {
            Number(array.Count);
            Ascii(":{");
            foreach (var (key, value) in array.Entries)
            {
                Write(key, depth + 1);
                Write(value, depth + 1);
            }

            Ascii("}");
        }

        private void Quoted(PhpString text)
        {
            Number(text.Length);
            Ascii(":\"");
            buffer.Write(text.Bytes.Span);
            Ascii("\"");
        }

        private void EnsureDepth(int depth)
        {
            if (limitDepth && depth >= MaxDepth)
            {
                throw new ArgumentException($"The value nests arrays or objects deeper than {MaxDepth} levels, which Deserialize would refuse.", "value");
            }
        }

        private void Number(long number)
        {
            number.TryFormat(buffer.GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
            buffer.Advance(written);
        }

        private void Ascii(string text) => buffer.Advance(Encoding.ASCII.GetBytes(text, buffer.GetSpan(text.Length)));
    }
}
