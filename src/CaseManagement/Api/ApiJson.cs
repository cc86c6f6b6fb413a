using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CaseManagement.Api;

/// <summary>JSON conventions of the HTTP API (docs/adr/0004-api-conventions.md).</summary>
public static class ApiJson
{
    public static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.KebabCaseLower;

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A misspelt field ("awaerAt") must not be silently dropped from a legal record.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));
        options.Converters.Add(new StrictInstantConverter());
    }

    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum => EnumNaming.ConvertName(value.ToString());

    public static IReadOnlyList<string> WireNames<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(WireName)];

    /// <summary>The value of a wire name that validation already accepted.</summary>
    public static TEnum ParseWire<TEnum>(string wire) where TEnum : struct, Enum =>
        TryParseWire<TEnum>(wire, out var value) ? value : throw new ArgumentException($"'{wire}' is not a {typeof(TEnum).Name}; validate before deciding.", nameof(wire));

    public static bool TryParseWire<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(WireName(candidate), wire, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>
/// Instants must carry an offset: "2026-03-01T10:00" is ambiguous, and regulator clocks are computed
/// from it. Written back in UTC.
/// </summary>
public sealed partial class StrictInstantConverter : JsonConverter<DateTimeOffset>
{
    public const string Expectation = "expected an ISO-8601 instant with an explicit offset";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithOffset();

    /// <summary>The one rule for instants, in bodies and in query strings alike.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && Iso8601WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryParse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var value)
            ? value
            : throw new JsonException(Expectation + ", e.g. \"2026-11-22T09:30:00Z\" or \"2026-11-22T10:30:00+01:00\"");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
