namespace CaseManagement.Api;

/// <summary>Collects every problem of a request so the client can fix them all at once (422).</summary>
public sealed class Validation
{
    /// <summary>Clocks drift; an instant a few minutes ahead of the server is still "now".</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required");
        }

        return value.Length > maxLength ? Add(field, $"must be at most {maxLength} characters") : this;
    }

    /// <summary>A reason that goes on the record: required, and long enough to say why (<paramref name="sayWhy"/> tells how).</summary>
    public Validation Justified(string field, string? value, string sayWhy, int maxLength = 4000)
    {
        Required(field, value, maxLength);
        return value is { Length: > 0 and < 10 } ? Add(field, $"{sayWhy}, in at least 10 characters") : this;
    }

    public Validation Present<T>(string field, T? value) where T : struct =>
        value is null ? Add(field, "is required") : this;

    public Validation Optional(string field, string? value, int maxLength = 4000) =>
        value is not null && value.Length > maxLength ? Add(field, $"must be at most {maxLength} characters") : this;

    public Validation NotInFuture(string field, DateTimeOffset? value, DateTimeOffset now) =>
        value is { } v && v > now + AllowedClockSkew ? Add(field, $"is in the future ({v.UtcDateTime:O}); record facts once they happened") : this;

    public Validation NotBefore(string field, DateTimeOffset? value, string otherField, DateTimeOffset? other) =>
        value is { } v && other is { } o && v < o ? Add(field, $"cannot be earlier than {otherField} ({o.UtcDateTime:O})") : this;

    public Validation Items(string field, IReadOnlyList<string>? values, int maxCount = 50, int maxLength = 100)
    {
        if (values is null)
        {
            return this;
        }

        if (values.Count > maxCount)
        {
            Add(field, $"must have at most {maxCount} entries");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]) || values[i].Length > maxLength)
            {
                Add($"{field}[{i}]", $"must be a non-empty text of at most {maxLength} characters");
            }
        }

        return this;
    }

    public Validation OneOf<TEnum>(string field, string? wire) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(wire))
        {
            return Add(field, $"is required; one of: {string.Join(", ", ApiJson.WireNames<TEnum>())}");
        }

        return ApiJson.TryParseWire<TEnum>(wire, out _)
            ? this
            : Add(field, $"'{wire}' is not one of: {string.Join(", ", ApiJson.WireNames<TEnum>())}");
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Nothing to say, or every problem at once as a 422 (the shape of an endpoint's <c>Validate</c>).</summary>
    public Microsoft.AspNetCore.Mvc.ProblemDetails ToProblem() => IsValid ? Wolverine.Http.WolverineContinue.NoProblems : Problems.InvalidDetails(Errors);
}
