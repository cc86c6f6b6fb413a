using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using CaseManagement.Api;

namespace CaseManagement.Feed.Describing;

/// <summary>
/// JSON Schemas (draft 2020-12) of the <c>data</c> of each feed type, generated from the C# event record with the JSON
/// conventions the feed writes it in. Nullable reference types and constructor parameters say what may be null and what is
/// always there; unknown properties are allowed, since adding a field keeps the type's version.
/// </summary>
public static class EventSchemas
{
    public const string MediaType = "application/schema+json";

    private static readonly JsonSerializerOptions Options = Create();
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string For(FeedEventType type) => Cache.GetOrAdd(type.Type, _ => Export(type).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static JsonNode Export(FeedEventType type)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Options, type.Record!, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = DescribeInstants,
        });
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = type.Type,
            ["description"] = $"The data of {type.Type} (event '{type.EventName}' on {type.Stream.Path}).",
        };
        foreach (var (key, value) in schema.AsObject().ToList())
        {
            schema.AsObject().Remove(key);
            root[key] = value;
        }

        return root;
    }

    // Instants are written by the API's own converter, which the exporter cannot see through.
    private static JsonNode DescribeInstants(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        if (type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        return type == typeof(DateTimeOffset?)
            ? new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time" }
            : schema;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
