using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseManagement.Alerts.Formats;

/// <summary>A format a source can be registered with: its mapping, where its fields are documented, and an example payload.</summary>
/// <param name="Documentation">The documents the mapping was written from.</param>
/// <param name="Notes">What the mapping reads, and which of its choices are our reading rather than the sender's words.</param>
/// <param name="PersonalData">Whether this format's payloads usually hold personal data (then they are kept encrypted unless the source says otherwise).</param>
public sealed record AlertFormat(string Id, string Title, IReadOnlyList<string> Documentation, string Notes, bool PersonalData, AlertMapping? Mapping,
    JsonElement? Example);

/// <summary>
/// The formats sources are registered with: "generic" (the source brings its own mapping) and the built-in mappings of real senders'
/// JSON, shipped as Alerts/Formats/Definitions/*.json and checked when the service starts.
/// </summary>
public static class AlertFormats
{
    public const string Generic = "generic";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private static readonly Lazy<IReadOnlyList<AlertFormat>> BuiltIn = new(Load);

    /// <summary>The generic format first, then the built-in ones by id.</summary>
    public static IReadOnlyList<AlertFormat> All => BuiltIn.Value;

    public static IReadOnlyList<string> Ids => [.. All.Select(f => f.Id)];

    public static AlertFormat? Find(string? id) => All.FirstOrDefault(f => f.Id == id);

    /// <summary>Reads a mapping a person sent, with the API's rules (unknown fields are an error, not silence).</summary>
    public static AlertMapping? ParseMapping(JsonElement mapping) => mapping.Deserialize<AlertMapping>(Json);

    private static IReadOnlyList<AlertFormat> Load()
    {
        var assembly = typeof(AlertFormats).Assembly;
        var formats = new List<AlertFormat>
        {
            new(Generic, "Any JSON, read through a mapping the source is registered with (field paths, value tables, thresholds)",
                ["docs/adr/0023-alert-intake-and-detection.md", "README.md, \"Alerts from your tools\""],
                "The source's mapping says where reference, occurredAt, title, summary, severity, kind, shop, indicator and signal are.", true, null, null),
        };
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("AlertFormats/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var format = JsonSerializer.Deserialize<AlertFormat>(stream, Json) ?? throw new InvalidDataException($"{name} is empty");
            var problems = format.Mapping?.Check(new Validation()) ?? new Validation().Add("mapping", "is required");
            if (format.Example is { } example && format.Mapping is { } mapping && problems.IsValid
                && mapping.Read(example, "example-shop", _ => "example-shop").Problems is { Count: > 0 } unread)
            {
                problems.Add("example", string.Join("; ", unread.Select(u => $"{u.Key}: {string.Join(", ", u.Value)}")));
            }

            if (!problems.IsValid || $"AlertFormats/{format.Id}.json" != name)
            {
                throw new InvalidDataException($"{name} is not a usable alert format: " +
                                               string.Join("; ", problems.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}").Append(
                                                   $"AlertFormats/{format.Id}.json" != name ? "its id must match its file name" : "")).Trim(' ', ';'));
            }

            formats.Add(format);
        }

        return formats;
    }
}
