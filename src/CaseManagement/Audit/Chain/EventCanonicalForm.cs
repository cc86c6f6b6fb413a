using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CaseManagement.Audit.Chain;

/// <summary>
/// One row of <c>mt_events</c> exactly as PostgreSQL holds it: the JSON columns as text, the timestamp as stored.
/// </summary>
/// <param name="Sequence">seq_id: the event's place in the whole store.</param>
/// <param name="Type">The Marten event type name, e.g. "incident_detected".</param>
/// <param name="Actor">user_name.</param>
/// <param name="Headers">headers as JSON text; null when the column is SQL NULL.</param>
/// <param name="Data">data as JSON text.</param>
public sealed record StoredEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    string? Tenant,
    string? Actor,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    string Data);

/// <summary>
/// The bytes hashed for one stored event (docs/hash-chain.md): the canonical JSON (RFC 8785) of an object holding the
/// row's type, stream, version, tenant, timestamp, metadata, data and the previous event's hash, in UTF-8. Its SHA-256
/// is the event's link in the stream's chain. Built from the row, never from a re-serialised C# object, so the hash
/// is over what is stored; encrypted personal data is stored as ciphertext, so destroying a key changes no hash.
/// </summary>
public static class EventCanonicalForm
{
    /// <summary>What a stream's first event takes as its previous hash.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>PostgreSQL keeps microseconds; the timestamp is written in UTC with exactly six fraction digits.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Text(StoredEvent e, string previousHash)
    {
        var output = new StringBuilder(e.Data.Length + 512);
        CanonicalJson.WriteObject(output,
        [
            Text("type", e.Type),
            Text("stream", e.StreamId.ToString("D")),
            new("version", o => o.Append(CanonicalJson.Number(e.Version))),
            Text("tenant", e.Tenant),
            Text("timestamp", Timestamp(e.Timestamp)),
            Text("actor", e.Actor),
            Text("correlationId", e.CorrelationId),
            Text("causationId", e.CausationId),
            Json("headers", e.Headers),
            Json("data", e.Data),
            Text("previous", previousHash),
        ]);
        return output.ToString();
    }

    public static byte[] Bytes(StoredEvent e, string previousHash) => CanonicalJson.Utf8.GetBytes(Text(e, previousHash));

    /// <summary>Lower-case hex SHA-256 of <see cref="Bytes"/>.</summary>
    public static string Hash(StoredEvent e, string previousHash) => Convert.ToHexStringLower(SHA256.HashData(Bytes(e, previousHash)));

    public static string Timestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static CanonicalJson.Member Text(string name, string? value) =>
        new(name, o =>
        {
            if (value is null)
            {
                o.Append("null");
            }
            else
            {
                CanonicalJson.WriteString(o, value);
            }
        });

    private static CanonicalJson.Member Json(string name, string? json) =>
        new(name, o =>
        {
            if (json is null)
            {
                o.Append("null");
                return;
            }

            using var document = JsonDocument.Parse(json);
            CanonicalJson.WriteValue(o, document.RootElement);
        });
}
