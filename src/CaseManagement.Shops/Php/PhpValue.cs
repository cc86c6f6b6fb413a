namespace CaseManagement.Shops.Php;

/// <summary>
/// A value as PHP's <c>serialize()</c> writes it. Equality is representational: two values are equal when they
/// serialize to the same bytes, so it is suitable for checking that a round trip changed nothing.
/// </summary>
public abstract record PhpValue
{
    public static PhpNull Null => PhpNull.Instance;

    /// <summary>C# null maps to PHP null so optional text can be passed straight in.</summary>
    public static PhpValue From(string? value) => value is null ? PhpNull.Instance : new PhpString(value);

    public static PhpValue From(long value) => new PhpInt(value);

    public static PhpValue From(double value) => new PhpFloat(value);

    public static PhpValue From(bool value) => value ? PhpBool.True : PhpBool.False;

    public static implicit operator PhpValue(string? value) => From(value);

    public static implicit operator PhpValue(long value) => From(value);

    public static implicit operator PhpValue(double value) => From(value);

    public static implicit operator PhpValue(bool value) => From(value);

    /// <summary>The serialized form, with any non-UTF-8 string content shown as U+FFFD; for diagnostics only.</summary>
    public sealed override string ToString() => PhpSerializer.Describe(this);
}

public sealed record PhpNull : PhpValue
{
    public static PhpNull Instance { get; } = new();

    private PhpNull()
    {
    }
}

public sealed record PhpBool(bool Value) : PhpValue
{
    public static PhpBool True { get; } = new(true);

    public static PhpBool False { get; } = new(false);
}

public sealed record PhpInt(long Value) : PhpValue;

/// <summary>
/// A PHP float. Equality compares bit patterns (all NaNs being equal) rather than numeric value,
/// because 0.0 and -0.0 serialize differently (<c>d:0;</c> vs <c>d:-0;</c>).
/// </summary>
public sealed record PhpFloat(double Value) : PhpValue
{
    public bool Equals(PhpFloat? other) =>
        other is not null
        && (BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value)
            || (double.IsNaN(Value) && double.IsNaN(other.Value)));

    public override int GetHashCode() => double.IsNaN(Value) ? int.MinValue : BitConverter.DoubleToInt64Bits(Value).GetHashCode();
}
