namespace CaseManagement.Feed.Describing;

/// <summary>One feed type: its CloudEvents type, the stream kind it is recorded on, the source pattern and where its schema is.</summary>
public sealed record FeedTypeView(string Type, string Stream, string EventName, string Source, string Schema);

public static class FeedTypeEndpoints
{
    [WolverineGet("/api/feed/types", OperationId = "ListFeedTypes", Summary = "Every type the feed carries, with the URL of its data's JSON Schema")]
    [Authorize(Policies.ReadFeed), Tags("Integrator feed")]
    public static List<FeedTypeView> List() =>
        [.. FeedCatalogue.Types.Select(t => new FeedTypeView(t.Type, t.Stream.Kind, t.EventName, $"/casemanagement/{{organisation}}/{t.Stream.Path}/{{streamId}}",
            SchemaUrl(t.Type)))];

    [WolverineGet("/api/feed/types/{type}/schema", OperationId = "GetFeedTypeSchema",
        Summary = "The JSON Schema (draft 2020-12) of a feed type's data, generated from its event record")]
    [Authorize(Policies.ReadFeed), Tags("Integrator feed")]
    public static IResult Schema(string type) => FeedCatalogue.Find(type) is { } known
        ? Results.Text(EventSchemas.For(known), EventSchemas.MediaType)
        : Results.Problem(title: "Feed type not found", detail: $"'{type}' is not a feed type; GET /api/feed/types lists them.",
            statusCode: StatusCodes.Status404NotFound);

    public static string SchemaUrl(string type) => $"/api/feed/types/{Uri.EscapeDataString(type)}/schema";
}
