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
/// from it. Written back in UTC. Only instants between 1970 and 2200 are read (docs/adr/0020-hostile-input.md): nothing
/// the service records happened earlier or is planned later, and within them no date arithmetic can overflow.
/// </summary>
public sealed partial class StrictInstantConverter : JsonConverter<DateTimeOffset>
{
    public const string Expectation = "expected an ISO-8601 instant with an explicit offset";

    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant refused at the upper end.</summary>
    public static readonly DateTimeOffset End = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string OutOfRange = "expected an instant from 1970-01-01T00:00:00Z up to (not including) 2200-01-01T00:00:00Z";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithOffset();

    /// <summary>The one rule for instants, in bodies and in query strings alike.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) => Read(text, out value) is null;

    /// <summary>Null when <paramref name="text"/> is a usable instant; otherwise which of the two rules it breaks.</summary>
    public static string? Read(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Iso8601WithOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return Expectation + ", e.g. \"2026-11-22T09:30:00Z\" or \"2026-11-22T10:30:00+01:00\"";
        }

        if (parsed < Earliest || parsed >= End)
        {
            return $"{OutOfRange} (got {text})";
        }

        value = parsed;
        return null;
    }

    /// <summary>A message of <see cref="Read(string?, out DateTimeOffset)"/>: a well-formed JSON value that is not a usable instant.</summary>
    public static bool IsInstantProblem(string message) =>
        message.StartsWith(Expectation, StringComparison.Ordinal) || message.StartsWith(OutOfRange, StringComparison.Ordinal);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var value) is { } problem
            ? throw new JsonException(problem)
            : value;

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
