using System.Security.Cryptography;
using System.Text;
using CaseManagement.Feed.Subscribing;

namespace CaseManagement.Feed.Delivering;

/// <summary>
/// Standard Webhooks signatures: "v1," + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")), the body
/// exactly as sent. Receivers recompute it with the secret they were given and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        if (!WebhookSecret.TryKey(secret, out var key))
        {
            throw new ArgumentException("Not a whsec_ signing secret.", nameof(secret));
        }

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        try
        {
            return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
