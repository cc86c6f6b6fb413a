using System.Globalization;
using System.Text;

namespace CaseManagement.Shops.Php;

/// <summary>
/// Writes a double the way PHP 7.1+ <c>serialize()</c> does with the default <c>serialize_precision = -1</c>:
/// the shortest digits that round-trip (zend_dtoa mode 0), laid out by zend_gcvt with 17 as the switch-over
/// point: exponent form when the decimal exponent exceeds 17 or is below -4 (<c>1.0E+25</c>, <c>1.0E-5</c>),
/// plain digits otherwise (<c>100</c>, <c>0.0001</c>), no ".0" on whole numbers, and INF, -INF, NAN.
/// The shortest digits come from .NET's round-trip formatting, which, like dtoa, picks the candidate closest
/// to the exact value; no difference from PHP is known.
/// </summary>
internal static class PhpFloatFormat
{
    private const int ExponentFormAbove = 17;

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NAN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "INF" : "-INF";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var text = new StringBuilder(32);
        if (value < 0)
        {
            text.Append('-');
        }

        // pointPosition is dtoa's decpt: value = 0.<digits> x 10^pointPosition.
        if (pointPosition > ExponentFormAbove || pointPosition < -3)
        {
            var exponent = pointPosition - 1;
            text.Append(digits[0]).Append('.').Append(digits.Length > 1 ? digits.AsSpan(1) : "0")
                .Append('E').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (digits.Length <= pointPosition)
        {
            text.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            text.Append(digits.AsSpan(0, pointPosition)).Append('.').Append(digits.AsSpan(pointPosition));
        }

        return text.ToString();
    }

    /// <summary>The significant digits (no leading or trailing zeros) of a positive finite value, and dtoa's decpt.</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double positive)
    {
        // "R" gives the shortest round-trip text, in a form such as "123.45", "1E+25" or "1.5E-05".
        var roundTrip = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E');
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.');
        var integerDigits = pointAt < 0 ? mantissa.Length : pointAt;
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);

        var significant = allDigits.TrimStart('0');
        var pointPosition = integerDigits + exponent - (allDigits.Length - significant.Length);
        return (significant.TrimEnd('0'), pointPosition);
    }
}
