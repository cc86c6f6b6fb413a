using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CaseManagement.Alerts.Formats;

/// <summary>
/// Where a value sits in an alert's JSON: names joined by dots, with <c>[n]</c> for one array element and <c>[*]</c> for every
/// element ("rule.groups", "transaction.messages[*].details.ruleId", "records[0].id"). A name holding a dot or a bracket is
/// written in brackets and quotes: <c>headers["X.Forwarded"]</c>.
/// </summary>
public sealed class FieldPath
{
    private readonly IReadOnlyList<Step> _steps;

    private FieldPath(string text, IReadOnlyList<Step> steps) => (Text, _steps) = (text, steps);

    public string Text { get; }

    public override string ToString() => Text;

    private abstract record Step;

    private sealed record Name(string Value) : Step;

    private sealed record Index(int Value) : Step;

    private sealed record Every : Step;

    /// <returns>Null when the text is a path; otherwise what is wrong with it.</returns>
    public static string? TryParse(string? text, out FieldPath? path)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is empty";
        }

        if (text.Length > 300)
        {
            return "is longer than 300 characters";
        }

        var steps = new List<Step>();
        var name = new StringBuilder();
        var expectName = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (name.Length == 0 && expectName)
                {
                    return $"has an empty name before the dot at position {i + 1}";
                }

                Flush();
                expectName = true;
                continue;
            }

            if (c == '[')
            {
                Flush();
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return $"opens a bracket at position {i + 1} that is never closed";
                }

                var inside = text[(i + 1)..end];
                if (inside == "*")
                {
                    steps.Add(new Every());
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new Index(index));
                }
                else if (inside.Length >= 2 && inside[0] == '"' && inside[^1] == '"')
                {
                    steps.Add(new Name(inside[1..^1]));
                }
                else
                {
                    return $"has [{inside}] at position {i + 1}: use [n] for an element, [*] for every element, or [\"name\"] for a name with dots";
                }

                i = end;
                expectName = false;
                continue;
            }

            if (c == ']')
            {
                return $"closes a bracket at position {i + 1} that was never opened";
            }

            name.Append(c);
            expectName = true;
        }

        if (text.EndsWith('.'))
        {
            return "ends with a dot";
        }

        Flush();
        path = new FieldPath(text, steps);
        return null;

        void Flush()
        {
            if (name.Length > 0)
            {
                steps.Add(new Name(name.ToString()));
                name.Clear();
            }
        }
    }

    public static FieldPath Parse(string text) =>
        TryParse(text, out var path) is { } problem ? throw new FormatException($"'{text}' {problem}") : path!;

    /// <summary>
    /// The values at the path, in document order: strings as they are, numbers and booleans as their JSON text. An array at the end of
    /// the path gives its elements; objects and nulls give nothing.
    /// </summary>
    public IEnumerable<string> Values(JsonElement root)
    {
        foreach (var element in Select(root, 0))
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    if (Scalar(item) is { } text)
                    {
                        yield return text;
                    }
                }
            }
            else if (Scalar(element) is { } text)
            {
                yield return text;
            }
        }
    }

    private IEnumerable<JsonElement> Select(JsonElement current, int step)
    {
        if (step == _steps.Count)
        {
            yield return current;
            yield break;
        }

        switch (_steps[step])
        {
            case Name name when current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name.Value, out var child):
                foreach (var found in Select(child, step + 1))
                {
                    yield return found;
                }

                break;
            case Index index when current.ValueKind == JsonValueKind.Array && index.Value < current.GetArrayLength():
                foreach (var found in Select(current[index.Value], step + 1))
                {
                    yield return found;
                }

                break;
            case Every when current.ValueKind == JsonValueKind.Array:
                foreach (var item in current.EnumerateArray())
                {
                    foreach (var found in Select(item, step + 1))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };
}
