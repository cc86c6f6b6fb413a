using System.Globalization;
using System.Text.Json;
using CaseManagement.Incidents;
using IncidentSeverity = CaseManagement.Incidents.Severity;

namespace CaseManagement.Alerts.Formats;

/// <summary>
/// One field of an alert, as a sender's JSON holds it: the path (or paths, first match wins) to read, what to use when nothing is
/// there, and how to turn the text into ours (an instant's format, a table of values, numeric thresholds).
/// </summary>
/// <param name="Format">For <c>occurredAt</c>: iso8601 (an offset as "+01:00" or "+0100"), unix-seconds, unix-milliseconds or asctime
/// ("Tue Oct  1 19:57:01 2019", read in <paramref name="TimeZone"/>).</param>
/// <param name="Values">For <c>severity</c> and <c>kind</c>: text to our word, compared without regard to case, in order.</param>
/// <param name="Ranges">For <c>severity</c>: a number at least <see cref="MappedRange.AtLeast"/> is that severity; the highest threshold reached wins.</param>
public sealed record FieldMapping(
    string? Path = null,
    IReadOnlyList<string>? Paths = null,
    string? Default = null,
    string? Format = null,
    string? TimeZone = null,
    IReadOnlyList<MappedValue>? Values = null,
    IReadOnlyList<MappedRange>? Ranges = null)
{
    public IEnumerable<string> AllPaths => Path is null ? Paths ?? [] : [Path, .. Paths ?? []];
}

public sealed record MappedValue(string Is, string To);

public sealed record MappedRange(double AtLeast, string To);

/// <summary>
/// How an alert source's JSON becomes an alert (docs/adr/0023): which fields hold its reference, time, title, severity, kind, shop and
/// indicator. Declarative, so a source is described, not programmed; the built-in formats are mappings too.
/// </summary>
/// <param name="Reference">The sender's own id for the alert; the same id again is the same alert.</param>
/// <param name="Shop">Optional: a value the source's shop names table turns into a registered shop; the source's shop otherwise.</param>
/// <param name="Indicator">What the alert is about (an IP, an account, a file): with shop and kind, the fingerprint that finds the same alert from another sender.</param>
/// <param name="Signal">Optional: the sender's rule or signature id, shown to people.</param>
public sealed record AlertMapping(
    FieldMapping? Reference,
    FieldMapping? OccurredAt,
    FieldMapping? Title,
    FieldMapping? Summary,
    FieldMapping? Severity,
    FieldMapping? Kind,
    FieldMapping? Shop,
    FieldMapping? Indicator,
    FieldMapping? Signal = null)
{
    public static readonly IReadOnlyList<string> TimeFormats = ["iso8601", "unix-seconds", "unix-milliseconds", "asctime"];

    /// <summary>Every problem of the mapping, under the field it belongs to ("mapping.severity.ranges[1].to").</summary>
    public Validation Check(Validation validation, string at = "mapping")
    {
        Paths(validation, $"{at}.reference", Reference, required: true, defaultAllowed: false);
        Paths(validation, $"{at}.title", Title, required: true, defaultAllowed: true);
        Paths(validation, $"{at}.summary", Summary, required: false, defaultAllowed: true);
        Paths(validation, $"{at}.occurredAt", OccurredAt, required: false, defaultAllowed: false);
        Paths(validation, $"{at}.shop", Shop, required: false, defaultAllowed: false);
        Paths(validation, $"{at}.indicator", Indicator, required: true, defaultAllowed: true);
        Paths(validation, $"{at}.signal", Signal, required: false, defaultAllowed: false);
        Words<IncidentSeverity>(validation, $"{at}.severity", Severity, rangesAllowed: true);
        Words<IncidentKind>(validation, $"{at}.kind", Kind, rangesAllowed: false);
        if (OccurredAt is { } time)
        {
            if (time.Format is null || !TimeFormats.Contains(time.Format))
            {
                validation.Add($"{at}.occurredAt.format", $"is required; one of: {string.Join(", ", TimeFormats)}");
            }

            if (time.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                validation.Add($"{at}.occurredAt.timeZone", $"'{zone}' is not an IANA time zone id (e.g. \"Europe/Berlin\")");
            }
        }

        return validation;
    }

    /// <summary>
    /// The alert this payload describes, or every field that could not be read. <paramref name="shops"/> turns the payload's shop value
    /// into a registered shop (null when it names none).
    /// </summary>
    public (AlertFacts? Facts, IReadOnlyDictionary<string, string[]> Problems) Read(JsonElement payload, string? sourceShop, Func<string, string?> shops)
    {
        var problems = new Validation();
        var reference = First(payload, Reference!);
        if (reference is null)
        {
            problems.Add("reference", $"no value at {Describe(Reference!)}; the sender's id for the alert is required");
        }
        else if (reference.Length > 200)
        {
            problems.Add("reference", $"the value at {Describe(Reference!)} is longer than 200 characters");
        }

        var title = First(payload, Title!) ?? Title!.Default;
        if (title is null)
        {
            problems.Add("title", $"no value at {Describe(Title!)} and no default");
        }

        DateTimeOffset? occurredAt = null;
        if (OccurredAt is { } time && First(payload, time) is { } stated)
        {
            occurredAt = ReadInstant(stated, time.Format!, time.TimeZone);
            if (occurredAt is null)
            {
                problems.Add("occurredAt", $"'{Cut(stated, 60)}' at {Describe(time)} is not a {time.Format} instant");
            }
        }

        var severity = MapSeverity(payload);
        if (severity is null)
        {
            problems.Add("severity", $"no value at {Describe(Severity!)} that the mapping knows, and no default");
        }

        var kind = MapKind(payload);
        if (kind is null)
        {
            problems.Add("kind", $"no value at {Describe(Kind!)} that the mapping knows, and no default");
        }

        string? shop = sourceShop;
        if (Shop is { } shopField && First(payload, shopField) is { } named)
        {
            shop = shops(named) ?? sourceShop;
            if (shop is null)
            {
                problems.Add("shop", $"'{Cut(named, 100)}' at {Describe(shopField)} names no registered shop, and the source has no shop of its own");
            }
        }
        else if (shop is null)
        {
            problems.Add("shop", Shop is null ? "the source names no shop and its mapping reads none" : $"no value at {Describe(Shop)}, and the source has no shop of its own");
        }

        var indicator = First(payload, Indicator!) ?? Indicator!.Default;
        if (indicator is null)
        {
            problems.Add("indicator", $"no value at {Describe(Indicator!)} and no default");
        }

        if (!problems.IsValid)
        {
            return (null, problems.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        return (new AlertFacts(reference!, occurredAt, Cut(title!, 200), First(payload, Summary) is { } summary ? Cut(summary, 4000) : Summary?.Default,
            severity!.Value, kind!.Value, shop!, Cut(indicator!, 300), First(payload, Signal) is { } signal ? Cut(signal, 200) : null), new Dictionary<string, string[]>());
    }

    /// <summary>The most severe of the values the mapping knows (one alert may carry several, as ModSecurity's messages do).</summary>
    private IncidentSeverity? MapSeverity(JsonElement payload)
    {
        var field = Severity!;
        var mapped = Candidates(payload, field).Select(value => MapValue(field, value) ?? MapRange(field, value)).OfType<string>()
            .Select(ApiJson.ParseWire<IncidentSeverity>).ToList();
        return mapped.Count > 0 ? mapped.Max() : field.Default is { } fallback ? ApiJson.ParseWire<IncidentSeverity>(fallback) : null;
    }

    /// <summary>The first rule, in the mapping's order, that any value matches.</summary>
    private IncidentKind? MapKind(JsonElement payload)
    {
        var field = Kind!;
        var values = Candidates(payload, field).ToList();
        foreach (var rule in field.Values ?? [])
        {
            if (values.Any(v => string.Equals(v, rule.Is, StringComparison.OrdinalIgnoreCase)))
            {
                return ApiJson.ParseWire<IncidentKind>(rule.To);
            }
        }

        return field.Default is { } fallback ? ApiJson.ParseWire<IncidentKind>(fallback) : null;
    }

    private static string? MapValue(FieldMapping field, string value) =>
        field.Values?.FirstOrDefault(v => string.Equals(v.Is, value, StringComparison.OrdinalIgnoreCase))?.To;

    private static string? MapRange(FieldMapping field, string value) =>
        field.Ranges is { Count: > 0 } ranges && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? ranges.Where(r => number >= r.AtLeast).MaxBy(r => r.AtLeast)?.To
            : null;

    private static IEnumerable<string> Candidates(JsonElement payload, FieldMapping field) =>
        field.AllPaths.SelectMany(p => FieldPath.Parse(p).Values(payload));

    private static string? First(JsonElement payload, FieldMapping? field) =>
        field is null ? null : Candidates(payload, field).Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);

    private static string Describe(FieldMapping field) => field.AllPaths.ToList() is { Count: > 0 } paths ? string.Join(" or ", paths.Select(p => $"'{p}'")) : "no path";

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>An instant as the sender wrote it, in the mapping's format; null when it is not one.</summary>
    public static DateTimeOffset? ReadInstant(string text, string format, string? timeZone)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (format)
        {
            case "iso8601":
                // Wazuh and others write the offset without a colon ("+0000"); .NET wants one.
                var normalised = System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"([+-]\d{2})(\d{2})$", "$1:$2");
                return StrictInstantConverter.TryParse(normalised, out var iso) ? iso : null;
            case "unix-seconds":
                return double.TryParse(text, NumberStyles.Float, inv, out var seconds) && Math.Abs(seconds) < 1e11
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
            case "unix-milliseconds":
                return long.TryParse(text, NumberStyles.Integer, inv, out var millis) && Math.Abs(millis) < 1e14
                    ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;
            case "asctime":
                // C's asctime(): "Tue Oct  1 19:57:01 2019", the day padded with a space; no zone, so the mapping names one.
                var squeezed = System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"\s+", " ");
                if (!DateTime.TryParseExact(squeezed, "ddd MMM d HH:mm:ss yyyy", inv, DateTimeStyles.None, out var local))
                {
                    return null;
                }

                var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone ?? "UTC");
                return new DateTimeOffset(local, zone.GetUtcOffset(local));
            default:
                return null;
        }
    }

    private static void Paths(Validation validation, string at, FieldMapping? field, bool required, bool defaultAllowed)
    {
        if (field is null)
        {
            if (required)
            {
                validation.Add(at, "is required");
            }

            return;
        }

        if (!field.AllPaths.Any() && (field.Default is null || !defaultAllowed))
        {
            validation.Add(at, defaultAllowed ? "needs a path, paths or a default" : "needs a path or paths");
        }

        PathSyntax(validation, at, field);
        if (!defaultAllowed && field.Default is not null)
        {
            validation.Add($"{at}.default", "is not allowed here: the value must come from the alert");
        }
    }

    private static void PathSyntax(Validation validation, string at, FieldMapping field)
    {
        if (field.Path is { } path && FieldPath.TryParse(path, out _) is { } problem)
        {
            validation.Add($"{at}.path", $"'{path}' {problem}");
        }

        for (var i = 0; i < (field.Paths?.Count ?? 0); i++)
        {
            if (FieldPath.TryParse(field.Paths![i], out _) is { } listed)
            {
                validation.Add($"{at}.paths[{i}]", $"'{field.Paths[i]}' {listed}");
            }
        }
    }

    private static void Words<TEnum>(Validation validation, string at, FieldMapping? field, bool rangesAllowed) where TEnum : struct, Enum
    {
        if (field is null)
        {
            validation.Add(at, $"is required (at least a default: one of {string.Join(", ", ApiJson.WireNames<TEnum>())})");
            return;
        }

        PathSyntax(validation, at, field);
        if (!field.AllPaths.Any() && field.Default is null)
        {
            validation.Add(at, "needs a default, or a path with values to map");
        }

        if (field.Default is { } fallback && !ApiJson.TryParseWire<TEnum>(fallback, out _))
        {
            validation.Add($"{at}.default", $"'{fallback}' is not one of: {string.Join(", ", ApiJson.WireNames<TEnum>())}");
        }

        for (var i = 0; i < (field.Values?.Count ?? 0); i++)
        {
            if (!ApiJson.TryParseWire<TEnum>(field.Values![i].To, out _))
            {
                validation.Add($"{at}.values[{i}].to", $"'{field.Values[i].To}' is not one of: {string.Join(", ", ApiJson.WireNames<TEnum>())}");
            }
        }

        if (!rangesAllowed && field.Ranges is { Count: > 0 })
        {
            validation.Add($"{at}.ranges", "are only for severity");
        }

        for (var i = 0; i < (field.Ranges?.Count ?? 0); i++)
        {
            if (!ApiJson.TryParseWire<TEnum>(field.Ranges![i].To, out _))
            {
                validation.Add($"{at}.ranges[{i}].to", $"'{field.Ranges[i].To}' is not one of: {string.Join(", ", ApiJson.WireNames<TEnum>())}");
            }
        }

        if (field.AllPaths.Any() && (field.Values?.Count ?? 0) + (field.Ranges?.Count ?? 0) == 0 && field.Default is null)
        {
            validation.Add(at, "reads a path but maps none of its values and has no default");
        }
    }
}

/// <summary>What a sender's alert says, read through its mapping.</summary>
/// <param name="OccurredAt">When the sender says it happened; null when it did not say (then the time of receipt counts).</param>
public sealed record AlertFacts(
    string Reference,
    DateTimeOffset? OccurredAt,
    string Title,
    string? Summary,
    Severity Severity,
    IncidentKind Kind,
    string Shop,
    string Indicator,
    string? Signal);
