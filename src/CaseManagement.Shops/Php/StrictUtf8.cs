using System.Text;

namespace CaseManagement.Shops.Php;

/// <summary>UTF-8 conversion that fails instead of substituting U+FFFD, since a silent substitution would alter stored data.</summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">The text has an unpaired surrogate, which has no UTF-8 form.</exception>
    public static byte[] Encode(string text, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        try
        {
            return Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The text contains an unpaired surrogate and cannot be encoded as UTF-8.", parameterName, e);
        }
    }

    public static string? TryDecode(byte[] bytes)
    {
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
