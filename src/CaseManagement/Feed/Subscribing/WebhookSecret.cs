using System.Security.Cryptography;

namespace CaseManagement.Feed.Subscribing;

/// <summary>
/// Signing secrets in the Standard Webhooks convention: "whsec_" followed by the base64 of 24 to 64 random bytes; the
/// bytes, not the text, are the HMAC key.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int MinimumBytes = 24;
    private const int MaximumBytes = 64;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <returns>Why <paramref name="secret"/> cannot be used, or null.</returns>
    public static string? Problem(string secret) =>
        TryKey(secret, out _) ? null : $"must be \"{Prefix}\" followed by the base64 of {MinimumBytes} to {MaximumBytes} random bytes";

    public static bool TryKey(string secret, out byte[] key)
    {
        key = [];
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret[Prefix.Length..];
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length) || length is < MinimumBytes or > MaximumBytes)
        {
            return false;
        }

        key = buffer[..length];
        return true;
    }
}
