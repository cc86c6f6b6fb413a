using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaseManagement.Api;

/// <summary>Turns System.Text.Json failures into messages for API clients, without .NET type names.</summary>
public static partial class JsonErrors
{
    [GeneratedRegex("could not be converted to (?<type>[^.]+(\\.[^.\\s]+)*)\\.")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("Cannot get the value of a token type '(?<token>\\w+)' as a (?<wanted>\\w+)")]
    private static partial Regex TokenMismatch();

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex Unmapped();

    /// <summary>A well-formed JSON string that is not a usable instant is an invalid value (422), not malformed JSON.</summary>
    public static bool IsInvalidInstant(JsonException ex, out string field, out string message)
    {
        field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.TrimStart('$', '.');
        message = ex.Message;
        return StrictInstantConverter.IsInstantProblem(ex.Message);
    }

    public static string Describe(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var message = ex.Message;
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            return $"Unknown field '{unmapped.Groups["name"].Value}' (at {path}). Check the spelling against the API documentation.";
        }

        if (ex.InnerException is InvalidOperationException inner && TokenMismatch().Match(inner.Message) is { Success: true } token)
        {
            return $"Invalid value at {path}: expected {Friendly(token.Groups["wanted"].Value)}, got {token.Groups["token"].Value.ToLowerInvariant()}.";
        }

        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            return $"Invalid value at {path}: expected {Friendly(converted.Groups["type"].Value)}.";
        }

        if (message.StartsWith("expected ", StringComparison.Ordinal))
        {
            return $"Invalid value at {path}: {message}.";
        }

        return $"The body is not valid JSON (at {path}).";
    }

    private static string Friendly(string type) => type switch
    {
        _ when type.EndsWith("String", StringComparison.OrdinalIgnoreCase) => "a string",
        _ when type.Contains("Int", StringComparison.Ordinal) => "a whole number",
        _ when type.EndsWith("Guid", StringComparison.Ordinal) => "a UUID",
        _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "an ISO-8601 instant with an offset",
        _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "an array",
        _ when type.EndsWith("Boolean", StringComparison.Ordinal) => "true or false",
        _ => "a value of another type",
    };
}
