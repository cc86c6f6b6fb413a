using CaseManagement.Security;

namespace CaseManagement.Feed.Describing;

/// <summary>One feed type: its CloudEvents type, the stream kind it is recorded on, the source pattern and where its schema is.</summary>
public sealed record FeedTypeView(string Type, string Stream, string EventName, string Source, string Schema);

public static class FeedTypeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feed/types", () => Results.Ok(FeedCatalogue.Types.Select(t => new FeedTypeView(t.Type, t.Stream.Kind, t.EventName,
                    $"/casemanagement/{{organisation}}/{t.Stream.Path}/{{streamId}}", SchemaUrl(t.Type))).ToList()))
            .WithName("ListFeedTypes")
            .WithTags("Integrator feed")
            .WithSummary("Every type the feed carries, with the URL of its data's JSON Schema")
            .RequireAuthorization(Policies.ReadFeed)
            .Produces<List<FeedTypeView>>();

        app.MapGet("/api/feed/types/{type}/schema", (string type) => FeedCatalogue.Find(type) is { } known
                ? Results.Text(EventSchemas.For(known), EventSchemas.MediaType)
                : Results.Problem(title: "Feed type not found", detail: $"'{type}' is not a feed type; GET /api/feed/types lists them.",
                    statusCode: StatusCodes.Status404NotFound))
            .WithName("GetFeedTypeSchema")
            .WithTags("Integrator feed")
            .WithSummary("The JSON Schema (draft 2020-12) of a feed type's data, generated from its event record")
            .RequireAuthorization(Policies.ReadFeed)
            .Produces<string>(contentType: EventSchemas.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static string SchemaUrl(string type) => $"/api/feed/types/{Uri.EscapeDataString(type)}/schema";
}
