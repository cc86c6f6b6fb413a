using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManagement.Api;
using JasperFx.Events;

namespace CaseManagement.Feed;

/// <summary>
/// One recorded event as a CloudEvents 1.0 structured-mode JSON object (docs/integrator-feed.md). Attribute names are the
/// spec's, lower case; <c>sequence</c>, <c>streamversion</c>, <c>incident</c>, <c>actor</c>, <c>correlationid</c> and <c>exercise</c>
/// are extensions. <c>incident</c> names the incident whose record the event belongs to, whichever of its streams holds it;
/// <c>exercise</c> the exercise an event belongs to (only subscriptions that asked for exercises receive those, ADR 24).
/// </summary>
public sealed record CloudEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("sequence")] string Sequence,
    [property: JsonPropertyName("streamversion")] long StreamVersion,
    [property: JsonPropertyName("incident"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Incident,
    [property: JsonPropertyName("actor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actor,
    [property: JsonPropertyName("correlationid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CorrelationId,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("exercise"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Exercise = null)
{
    public const string MediaType = "application/cloudevents+json";

    /// <summary>
    /// The CloudEvents sequence extension is a string compared character by character, so the global position is
    /// zero-padded to the 19 digits a long can have: "0000000000000000042" sorts before "0000000000000000100".
    /// </summary>
    public static string SequenceText(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The global position, as the pull API's <c>after</c> and <c>next</c> write it.</summary>
    [JsonIgnore]
    public long Position => long.Parse(Sequence, CultureInfo.InvariantCulture);

    /// <summary>The event of an organisation as integrators receive it: data in the API's JSON conventions, as GET …/events shows it.</summary>
    public static CloudEvent Of(IEvent e, string organisation)
    {
        var type = FeedCatalogue.Of(e);
        var data = JsonSerializer.SerializeToElement(e.Data, e.EventType, FeedJson.Options);
        return new CloudEvent(
            "1.0",
            e.Id.ToString(),
            $"/casemanagement/{Uri.EscapeDataString(organisation)}/{type.Stream.Path}/{e.StreamId}",
            type.Type,
            e.StreamId.ToString(),
            e.Timestamp,
            "application/json",
            SequenceText(e.Sequence),
            e.Version,
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty("incidentId", out var incident) ? incident.GetString() : null,
            e.UserName,
            e.CorrelationId,
            data,
            ExerciseOf(e, type)?.ToString());
    }

    private static Guid? ExerciseOf(IEvent e, FeedEventType type) =>
        Readiness.Exercises.ExerciseTenants.TryParse(e.TenantId, out _, out var exercise) ? exercise
        : FeedCatalogue.ExerciseOnly.Contains(type) ? e.StreamId
        : null;
}

/// <summary>The JSON of the feed: the HTTP API's conventions (camelCase, kebab-case words, UTC instants).</summary>
public static class FeedJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
