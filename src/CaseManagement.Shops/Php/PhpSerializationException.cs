namespace CaseManagement.Shops.Php;

/// <summary>Serialized PHP data was malformed or used a feature this codec does not support.</summary>
public sealed class PhpSerializationException : FormatException
{
    public PhpSerializationException(string message, int offset)
        : base(message) => Offset = offset;

    /// <summary>The byte offset in the (UTF-8) input at which the problem was found.</summary>
    public int Offset { get; }
}
