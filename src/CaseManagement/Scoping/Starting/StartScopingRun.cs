using CaseManagement.Incidents;
using CaseManagement.Scoping.Running;
using CaseManagement.ShopRegistry;
using Marten;
using Wolverine;

namespace CaseManagement.Scoping.Starting;

/// <summary>
/// Search the incident's shop for the people who ordered in a window (the skimmer's active period), for the given data
/// categories (default: the incident's). The incident records the request; the run gets its own stream and starts in the
/// same transaction.
/// </summary>
public sealed record StartScopingRun(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string>? DataCategories, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Scope;
}

public static class StartScopingRunEndpoint
{
    public static ProblemDetails Validate(StartScopingRun command, DateTimeOffset now)
    {
        var validation = new Validation()
            .Present("from", command.From)
            .Present("to", command.To)
            .NotInFuture("from", command.From, now)
            .Items("dataCategories", command.DataCategories)
            .Within("dataCategories", command.DataCategories, Vocabulary.DataCategories);
        if (command.From is { } from && command.To is { } to && to <= from)
        {
            validation.Add("to", "must be after from");
        }

        return validation.ToProblem();
    }

    /// <summary>The shop must be readable before a run is promised.</summary>
    public static async Task<ProblemDetails> ValidateAsync(Incident incident, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<RegisteredShop>(incident.Shop, ct) is { } shop
            ? shop.RefuseNewRuns()
            : new Validation().Add("shop", $"shop '{incident.Shop}' is not registered; an admin registers it with POST /api/shops").ToProblem();

    [WolverinePost("/api/incidents/{id}/scope", OperationId = nameof(StartScopingRun),
        Summary = "Start a scoping run against the shop database; follow it at GET …/scope")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, ScopingRunRequested, IStartStream, OutgoingMessages) Post(StartScopingRun command, [WriteAggregate] Incident incident,
        DateTimeOffset now)
    {
        var runId = Guid.CreateVersion7(now);
        string[] categories = [.. (command.DataCategories is { Count: > 0 } given ? given : incident.DataCategories).Distinct()];
        var (from, to) = (command.From!.Value, command.To!.Value);
        return (new UpdatedAggregate(), new ScopingRunRequested(incident.Id, runId, incident.Shop, from, to, categories),
            MartenOps.StartStream<ScopingRun>(runId, new ScopingRunStarted(incident.Id, runId, incident.Shop, from, to, categories)),
            [new RunScoping(incident.Id, runId)]);
    }
}
