using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CaseManagement.Audit.Chain;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): object members sorted by their names' UTF-16 code units, no whitespace,
/// strings with only the escapes JSON requires, numbers in ECMAScript's shortest round-trip form. Two parties holding
/// the same JSON value produce the same text, whatever order or spacing their copies were written in.
/// </summary>
public static class CanonicalJson
{
    /// <summary>UTF-8 that refuses lone surrogates instead of replacing them: RFC 8785 accepts only well-formed text.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical text of a JSON document, e.g. a jsonb column as PostgreSQL prints it.</summary>
    /// <exception cref="FormatException">The document is not I-JSON: a duplicate member name, or a number outside IEEE double.</exception>
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var output = new StringBuilder(json.Length);
        WriteValue(output, document.RootElement);
        return output.ToString();
    }

    public static void WriteValue(StringBuilder output, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, value.EnumerateObject().Select(m => new Member(m.Name, o => WriteValue(o, m.Value))));
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    WriteValue(output, item);
                    first = false;
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, value.GetString()!);
                break;
            case JsonValueKind.Number:
                output.Append(Number(value.GetRawText()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    /// <summary>One object member: its name and how to write its value.</summary>
    public sealed record Member(string Name, Action<StringBuilder> WriteValue);

    /// <summary>Writes the members sorted by name (ordinal comparison is by UTF-16 code unit, as RFC 8785 requires).</summary>
    public static void WriteObject(StringBuilder output, IEnumerable<Member> members)
    {
        output.Append('{');
        string? previous = null;
        foreach (var member in members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (previous is not null)
            {
                if (previous == member.Name)
                {
                    throw new FormatException($"The member \"{member.Name}\" appears twice; canonical JSON needs unique names.");
                }

                output.Append(',');
            }

            WriteString(output, member.Name);
            output.Append(':');
            member.WriteValue(output);
            previous = member.Name;
        }

        output.Append('}');
    }

    /// <summary>Quotes a string escaping only <c>"</c>, <c>\</c> and control characters (short forms where JSON has them).</summary>
    public static void WriteString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ': output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }

        output.Append('"');
    }

    /// <summary>A JSON number as an IEEE double in ECMAScript's Number.prototype.toString form.</summary>
    /// <exception cref="FormatException">The number is outside the range of a double.</exception>
    public static string Number(string jsonNumber)
    {
        var value = double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value)
            ? Number(value)
            : throw new FormatException($"The number {jsonNumber} is outside the range of an IEEE double and has no canonical form.");
    }

    /// <summary>
    /// ECMAScript's Number::toString (ECMA-262, 6.1.6.1.20): the shortest digits that round-trip, then plain notation for
    /// decimal exponents from -6 to 20 and exponent notation ("1e+21", "1.5e-7") outside them; minus zero is "0".
    /// </summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no NaN or infinity.");
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + Number(-value);
        }

        // .NET's round-trip format gives the same shortest digits; only its layout differs ("1E+21", "1.5E-07").
        var (digits, point) = ShortestDigits(value.ToString("R", CultureInfo.InvariantCulture));
        var k = digits.Length;
        var n = point;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    // The significant digits without leading or trailing zeros, and where the decimal point falls after the first of
    // them (ECMAScript's s and n: value = 0.digits × 10^n).
    private static (string Digits, int Point) ShortestDigits(string roundTrip)
    {
        var e = roundTrip.IndexOf('E');
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        var exponent = e < 0 ? 0 : int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), point - leading);
    }
}
