using System.Text;
using System.Text.Unicode;

namespace CaseManagement.Shops.Php;

/// <summary>
/// A PHP string: a byte sequence with no encoding of its own. The bytes are kept as read so that content in
/// other encodings (latin1 tables, binary blobs) survives a round trip unchanged.
/// </summary>
public sealed record PhpString : PhpValue
{
    private readonly byte[] bytes;

    /// <exception cref="ArgumentException">The text contains an unpaired surrogate, which has no UTF-8 form.</exception>
    public PhpString(string text) => bytes = StrictUtf8.Encode(text, nameof(text));

    public PhpString(ReadOnlySpan<byte> bytes) => this.bytes = bytes.ToArray();

    public ReadOnlyMemory<byte> Bytes => bytes;

    /// <summary>The length PHP reports (<c>strlen</c>), in bytes.</summary>
    public int Length => bytes.Length;

    public bool IsUtf8 => Utf8.IsValid(bytes);

    /// <summary>The content decoded as UTF-8; invalid sequences become U+FFFD, so check <see cref="IsUtf8"/> before writing it back.</summary>
    public string Text => Encoding.UTF8.GetString(bytes);

    public bool Equals(PhpString? other) => other is not null && bytes.AsSpan().SequenceEqual(other.bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
