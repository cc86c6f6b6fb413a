using System.Text.Json.Nodes;

namespace Fuzz;

public sealed record Parameter(string Name, string In, JsonObject Schema);

/// <summary>One operation of the OpenAPI document: its method, path template, parameters and the schema of its body.</summary>
public sealed record Operation(string Method, string Path, string Id, IReadOnlyList<Parameter> Parameters, JsonNode? BodySchema)
{
    public IEnumerable<Parameter> InPath => Parameters.Where(p => p.In == "path");

    public IEnumerable<Parameter> InQuery => Parameters.Where(p => p.In == "query");
}

/// <summary>The service's own description of itself (/openapi/v1.json), and sample values that fit its schemas.</summary>
public sealed class ApiDescription
{
    private readonly JsonObject _schemas;

    private ApiDescription(IReadOnlyList<Operation> operations, JsonObject schemas)
    {
        Operations = operations;
        _schemas = schemas;
    }

    public IReadOnlyList<Operation> Operations { get; }

    public static ApiDescription Read(JsonNode document)
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray()
                    .Select(p => new Parameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]?.AsObject() ?? []))
                    .ToList() ?? [];
                var body = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"];
                operations.Add(new Operation(method.ToUpperInvariant(), path, operation["operationId"]?.GetValue<string>() ?? $"{method} {path}", parameters, body));
            }
        }

        return new ApiDescription(operations, document["components"]?["schemas"]?.AsObject() ?? []);
    }

    /// <summary>
    /// A value the schema describes, with words the service knows where a field's name says what it holds (a kind, a
    /// jurisdiction, a playbook), so that some requests get past validation and reach deeper code.
    /// </summary>
    public JsonNode? Sample(JsonNode? schema, string field, Fixtures fixtures, Random random, int depth = 0)
    {
        if (schema is null || depth > 6)
        {
            return null;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Sample(_schemas[reference.Split('/')[^1]], field, fixtures, random, depth + 1);
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            return Sample(choices.FirstOrDefault(c => c?["type"]?.ToString() != "null"), field, fixtures, random, depth + 1);
        }

        if (schema["format"]?.GetValue<string>() == "date-time")
        {
            return fixtures.RecentInstant(random);
        }

        if (schema["format"]?.GetValue<string>() == "uuid")
        {
            return fixtures.IdFor(field, random).ToString();
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : [],
        };
        return types.FirstOrDefault() switch
        {
            "string" => fixtures.Word(field, random),
            "integer" => JsonValue.Create(field.Contains("version", StringComparison.OrdinalIgnoreCase) ? 1 : random.Next(1, 50)),
            "number" => JsonValue.Create(random.Next(1, 50)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "array" => new JsonArray(Sample(schema["items"], field, fixtures, random, depth + 1)),
            "object" when schema["additionalProperties"] is JsonObject values && schema["properties"] is null =>
                new JsonObject { [fixtures.Word("key", random).GetValue<string>()] = Sample(values, field, fixtures, random, depth + 1) },
            "object" => Object(schema, fixtures, random, depth),
            _ => fixtures.Word(field, random),
        };
    }

    private JsonObject Object(JsonNode schema, Fixtures fixtures, Random random, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            // Optional concurrency guards left out: a random expected version would only ever meet a 409.
            if (name is "expectedVersion")
            {
                continue;
            }

            result[name] = Sample(property, name, fixtures, random, depth + 1);
        }

        return result;
    }
}
