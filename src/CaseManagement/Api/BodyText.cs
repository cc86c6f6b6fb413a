using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaseManagement.Api;

/// <summary>
/// Reads a JSON body the way the command it binds to is shaped and lists what no command may hold: text with characters
/// refused for its kind (<see cref="InputText"/>), <c>null</c> as an item of an array or a value of a map. Each problem is
/// named by its field path as validation names them ("counts[0]", "parameters.rotate"). A body that is not well-formed
/// JSON yields nothing here: the JSON rules explain that one (400).
/// </summary>
public static partial class BodyText
{
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    /// <summary>Enough for a person to see what to fix; a body of ten thousand nulls does not need ten thousand lines.</summary>
    public const int MaxProblems = 20;

    public static IDictionary<string, string[]> Problems(ReadOnlySpan<byte> json, Type bodyType, JsonSerializerOptions options)
    {
        var walk = new Walk();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth });
        try
        {
            if (reader.Read())
            {
                walk.Value(ref reader, ShapeOf(bodyType), "", "");
                while (reader.Read())
                {
                }
            }
        }
        catch (JsonException)
        {
            return new Dictionary<string, string[]>();
        }

        return walk.Problems.Errors;
    }

    private sealed class Walk
    {
        private int _count;

        public Validation Problems { get; } = new();

        public void Value(ref Utf8JsonReader reader, Shape shape, string path, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    if (Text(ref reader, path) is { } text && InputText.Problem(text, InputText.KindOf(field)) is { } problem)
                    {
                        Add(path, problem);
                    }

                    break;
                case JsonTokenType.StartArray:
                    for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                    {
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            Add($"{path}[{i}]", "must not be null; leave the item out instead");
                            continue;
                        }

                        Value(ref reader, shape.Element, $"{path}[{i}]", field);
                    }

                    break;
                case JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        Entry(ref reader, shape, path, field);
                    }

                    break;
            }
        }

        /// <summary>One field of an object, or one entry of a map (whose keys are names and whose values must not be null).</summary>
        private void Entry(ref Utf8JsonReader reader, Shape shape, string path, string field)
        {
            var isMap = shape.Kind == ShapeKind.Map;
            var name = Text(ref reader, path, isMap ? "has a key that is" : "has a field name that is");
            if (name is not null && isMap && InputText.Problem(name, TextKind.Name) is { } keyProblem)
            {
                Add(path, $"has a key that {keyProblem}");
                name = null;
            }

            reader.Read();
            if (name is null)
            {
                reader.Skip();
            }
            else if (!isMap)
            {
                Value(ref reader, shape.Property(name), Join(path, name), name);
            }
            else if (reader.TokenType == JsonTokenType.Null)
            {
                Add(Key(path, name), "must not be null; leave the entry out instead");
            }
            else
            {
                Value(ref reader, shape.Element, Key(path, name), field);
            }
        }

        private string? Text(ref Utf8JsonReader reader, string path, string subject = "is")
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                // Escapes of half a surrogate pair, or bytes that are not UTF-8: no .NET string carries them faithfully.
                Add(path, $"{subject} not valid Unicode text (an unpaired surrogate or bytes that are not UTF-8)");
                return null;
            }
        }

        private void Add(string path, string message)
        {
            if (_count++ < MaxProblems)
            {
                Problems.Add(path.Length == 0 ? "$" : path, message);
            }
        }
    }

    private static string Key(string path, string key) => SimpleKey().IsMatch(key) ? Join(path, key) : $"{path}[\"{key}\"]";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SimpleKey();

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t => Shape.Of(t, []));

    private enum ShapeKind
    {
        Value,
        Array,
        Map,
        Object,
    }

    /// <summary>What a command type expects where: maps (whose values must not be null), arrays and their items, fields by name.</summary>
    private sealed class Shape
    {
        private static readonly Shape Unknown = new(ShapeKind.Value, null, null);

        private readonly IReadOnlyDictionary<string, Shape>? _properties;

        private Shape(ShapeKind kind, Shape? element, IReadOnlyDictionary<string, Shape>? properties)
        {
            Kind = kind;
            Element = element ?? this;
            _properties = properties;
        }

        public ShapeKind Kind { get; }

        /// <summary>The shape of an array's items or a map's values (anything, when unknown).</summary>
        public Shape Element { get; }

        public Shape Property(string name) => _properties is not null && _properties.TryGetValue(name, out var shape) ? shape : Unknown;

        public static Shape Of(Type type, HashSet<Type> visiting)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type.IsValueType || type == typeof(object) || type == typeof(JsonElement))
            {
                return Unknown;
            }

            if (DictionaryValueType(type) is { } valueType)
            {
                return new Shape(ShapeKind.Map, Of(valueType, visiting), null);
            }

            if (type.IsAssignableTo(typeof(IEnumerable)))
            {
                var item = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
                return new Shape(ShapeKind.Array, item is null ? Unknown : Of(item, visiting), null);
            }

            if (!visiting.Add(type))
            {
                return Unknown;
            }

            // Bodies bind case-insensitively (the web defaults), so fields are found the same way.
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => Of(p.PropertyType, visiting), StringComparer.OrdinalIgnoreCase);
            visiting.Remove(type);
            return new Shape(ShapeKind.Object, null, properties);
        }

        private static Type? DictionaryValueType(Type type) =>
            type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
                ?.GetGenericArguments()[1];
    }
}
