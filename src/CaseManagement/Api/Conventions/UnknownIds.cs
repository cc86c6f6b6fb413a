using JasperFx.CodeGeneration.Model;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Http.Marten;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// The nil UUID names no stream: it is a 404 like any unknown id, answered before the event store is asked (which would
/// refuse it as an argument, a 500).
/// </summary>
public sealed class UnknownIds : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (chain.GetAggregateIdVariable() is { } id && id.VariableType == typeof(Guid) && chain.TryFindEventStream(out var aggregateType, out var stream))
            {
                var check = AggregateChains.Call(typeof(UnknownIds), nameof(Check), aggregateType);
                check.Arguments[0] = id;
                chain.Middleware.Insert(chain.Middleware.FindIndex(f => f.Creates.Contains(stream)), check);
            }
        }
    }

    public static ProblemDetails Check<TAggregate>(Guid id) => id == Guid.Empty
        ? new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = $"{typeof(TAggregate).Name} not found",
            Detail = $"No {typeof(TAggregate).Name.ToLowerInvariant()} has the nil id {id}.",
        }
        : WolverineContinue.NoProblems;
}
