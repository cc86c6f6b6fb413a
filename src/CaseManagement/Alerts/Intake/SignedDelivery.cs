using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.Feed.Delivering;

namespace CaseManagement.Alerts.Intake;

/// <summary>A delivery's Standard Webhooks headers, as they arrived.</summary>
public sealed record DeliveryHeaders(string? Id, string? Timestamp, string? Signature)
{
    public bool Present => Id is not null || Timestamp is not null || Signature is not null;

    public static DeliveryHeaders From(IHeaderDictionary headers) => new(Text(headers[WebhookSignature.IdHeader]),
        Text(headers[WebhookSignature.TimestampHeader]), Text(headers[WebhookSignature.SignatureHeader]));

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString().Trim();
}

/// <summary>
/// Checks a signed alert delivery the Standard Webhooks way (the scheme the integrator feed signs with): the signature is
/// "v1," + base64(HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")), several may be sent separated by spaces (a sender
/// rotating its secret), and the timestamp must be within the source's tolerance of the service's clock. Replays within that tolerance
/// are caught by the delivery id (<see cref="AlertDelivery"/>). Pure: the caller supplies the clock and the secret.
/// </summary>
public static class SignedDelivery
{
    public const int MaxIdLength = 200;

    /// <returns>Null when the delivery is signed with the secret and fresh; otherwise what is wrong, in words for the sender's operator.</returns>
    public static string? Problem(DeliveryHeaders headers, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        var missing = new[] { (WebhookSignature.IdHeader, headers.Id), (WebhookSignature.TimestampHeader, headers.Timestamp), (WebhookSignature.SignatureHeader, headers.Signature) }
            .Where(h => string.IsNullOrEmpty(h.Item2)).Select(h => h.Item1).ToList();
        if (missing.Count > 0)
        {
            return $"the delivery lacks {string.Join(", ", missing)}: a signed delivery carries webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks)";
        }

        if (headers.Id!.Length > MaxIdLength)
        {
            return $"webhook-id is longer than {MaxIdLength} characters";
        }

        if (!long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 32_503_680_000)
        {
            return $"webhook-timestamp must be the time of sending in Unix seconds (got '{Cut(headers.Timestamp!)}')";
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var skew = now - sent;
        if (skew.Duration() > tolerance)
        {
            return $"webhook-timestamp {sent.UtcDateTime:O} is {Math.Abs(skew.TotalSeconds):0} s {(skew > TimeSpan.Zero ? "behind" : "ahead of")} the service's clock, " +
                   $"more than the {tolerance.TotalSeconds:0} s this source allows: a stale or replayed delivery, or a sender whose clock is off";
        }

        var expected = Encoding.ASCII.GetBytes(WebhookSignature.Sign(secret, headers.Id, seconds, body));
        var matches = headers.Signature!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
        return matches
            ? null
            : "webhook-signature does not match: sign \"{webhook-id}.{webhook-timestamp}.{body}\" with HMAC-SHA256, the key being the base64 after \"whsec_\" " +
              "in the source's secret, and send \"v1,\" followed by the base64 of the result";
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
