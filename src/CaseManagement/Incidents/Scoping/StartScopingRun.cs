using CaseManagement.Api;
using CaseManagement.Security;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Incidents.Scoping;

/// <summary>
/// Search the incident's shop for the people who ordered in a window (the skimmer's active period), for the
/// given data categories (default: the incident's). The run itself is a Wolverine message; this records the request.
/// </summary>
public sealed record StartScopingRun(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string>? DataCategories, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Scope;

    public static string? Route => "scope";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation
            .Present("from", From)
            .Present("to", To)
            .NotInFuture("from", From, now)
            .Items("dataCategories", DataCategories)
            .Within("dataCategories", DataCategories, Vocabulary.DataCategories);
        if (From is { } from && To is { } to && to <= from)
        {
            validation.Add("to", "must be after from");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now)
    {
        var categories = DataCategories is { Count: > 0 } given ? given : incident.DataCategories;
        return [new ScopingRunRequested(incident.Id, Guid.CreateVersion7(now), incident.Shop, From!.Value, To!.Value, [.. categories.Distinct()])];
    }
}

public static class StartScopingRunEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/incidents/{id:guid}/scope", async (Guid id, StartScopingRun command, HttpContext http, IncidentCommandPipeline pipeline,
                IQuerySession session, CancellationToken ct) =>
            {
                // The shop must be readable before a run is promised; the pipeline answers 404 for an unknown incident.
                if (await session.LoadAsync<Incident>(id, ct) is { } incident && await session.LoadAsync<RegisteredShop>(incident.Shop, ct) is null)
                {
                    return Problems.Invalid(new Dictionary<string, string[]>
                    {
                        ["shop"] = [$"shop '{incident.Shop}' is not registered; an admin registers it with POST /api/shops"],
                    });
                }

                return await pipeline.ExecuteAsync(http, id, command, ct);
            })
            .WithName(nameof(StartScopingRun))
            .WithSummary("Start a scoping run against the shop database; follow it at GET …/scope")
            .RequireAuthorization(Policies.RecordFacts)
            .ProducesIncidentChange();
}
