using System.Globalization;
using System.Text;

namespace CaseManagement.Notifications.Proofs;

/// <summary>
/// One delivery as it is committed to in a campaign's Merkle tree. Nothing in it is personal data in the clear: the
/// person and subject are the service's pseudonymous ids, the address only as its SHA-256.
/// </summary>
/// <param name="Position">The delivery's place in its batch (the batch's people ordered by person id).</param>
/// <param name="ToSha256">SHA-256 (hex) of the address as sent: lower-cased, trimmed email or E.164 number.</param>
/// <param name="Template">"{template id}:v{version}".</param>
/// <param name="Status">"sent", "failed" or "suppressed".</param>
public sealed record DeliveryFacts(
    Guid CampaignId,
    int Batch,
    int Position,
    string Person,
    string Subject,
    string Channel,
    string? ToSha256,
    string? Template,
    string? RenderedSha256,
    string Status,
    int Attempts,
    string? ProviderResponse,
    string? ProviderMessageId,
    string? Reason,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset FinishedAt);

/// <summary>
/// The canonical bytes of a delivery (docs/delivery-proofs.md): a JSON object with the keys below in ascending order,
/// no whitespace, strings with only the escapes JSON requires (", \, control characters as \b \f \n \r \t or \u00XX),
/// UTF-8, whole numbers in decimal, instants as UTC "yyyy-MM-ddTHH:mm:ss.fffffffZ", absent values as null. Anyone can
/// rebuild these bytes from a delivery record and check its leaf hash.
/// </summary>
public static class DeliveryLeaf
{
    public static byte[] Canonical(DeliveryFacts f)
    {
        var json = new StringBuilder(512).Append('{');
        var first = true;
        void Key(string name)
        {
            json.Append(first ? "\"" : ",\"").Append(name).Append("\":");
            first = false;
        }

        void Text(string name, string? value)
        {
            Key(name);
            if (value is null)
            {
                json.Append("null");
                return;
            }

            json.Append('"');
            foreach (var c in value)
            {
                json.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            json.Append('"');
        }

        void Number(string name, long value)
        {
            Key(name);
            json.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        // Keys in ascending ordinal order; keep it so when adding one.
        Number("attempts", f.Attempts);
        Number("batch", f.Batch);
        Text("campaign", f.CampaignId.ToString("D"));
        Text("channel", f.Channel);
        Text("finishedAt", Instant(f.FinishedAt));
        Text("firstAttemptAt", Instant(f.FirstAttemptAt));
        Text("person", f.Person);
        Number("position", f.Position);
        Text("providerMessageId", f.ProviderMessageId);
        Text("providerResponse", f.ProviderResponse);
        Text("reason", f.Reason);
        Text("renderedSha256", f.RenderedSha256);
        Text("status", f.Status);
        Text("subject", f.Subject);
        Text("template", f.Template);
        Text("toSha256", f.ToSha256);
        return Encoding.UTF8.GetBytes(json.Append('}').ToString());
    }

    public static byte[] Hash(DeliveryFacts f) => MerkleTree.LeafHash(Canonical(f));

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
