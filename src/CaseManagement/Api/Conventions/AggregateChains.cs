using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Events;
using Marten;
using Wolverine.Http;
using Wolverine.Http.Marten;

namespace CaseManagement.Api.Conventions;

/// <summary>Where the aggregate handler workflow put its pieces in a chain, for the policies that work beside them.</summary>
internal static class AggregateChains
{
    /// <summary>The <c>IEventStream&lt;T&gt;</c> the workflow loaded, when the chain writes to an aggregate.</summary>
    public static bool TryFindEventStream(this HttpChain chain, out Type aggregateType, out Variable stream)
    {
        aggregateType = chain.GetAggregateType()!;
        stream = null!;
        if (aggregateType is null)
        {
            return false;
        }

        var streamType = typeof(IEventStream<>).MakeGenericType(aggregateType);
        stream = chain.Middleware.SelectMany(f => f.Creates).FirstOrDefault(v => v.VariableType == streamType)!;
        return stream is not null;
    }

    /// <summary>Right after the frames that load the aggregate and answer 404 when it is missing, before any validation.</summary>
    public static int AfterAggregateIsLoaded(this HttpChain chain, Type aggregateType) =>
        chain.Middleware.FindLastIndex(f => f.Creates.Any(v => v.VariableType == aggregateType)) + 1;

    /// <summary>After the aggregate is loaded and the client's expected version checked: where rules about its state go.</summary>
    public static int AfterVersionIsChecked(this HttpChain chain, Type aggregateType)
    {
        var index = chain.AfterAggregateIsLoaded(aggregateType);
        while (index < chain.Middleware.Count && chain.Middleware[index] is MethodCall { HandlerType: var host } && host == typeof(ExpectedVersions))
        {
            index++;
        }

        return index;
    }

    /// <summary>The frame that commits the chain's Marten session, or -1.</summary>
    public static int CommitIndex(this HttpChain chain) =>
        chain.Postprocessors.FindIndex(f => f is MethodCall { Method.Name: nameof(IDocumentSession.SaveChangesAsync) } call
                                             && call.HandlerType.IsAssignableTo(typeof(IDocumentSession)));

    /// <summary>A call to a generic static method closed over <paramref name="types"/>.</summary>
    public static MethodCall Call(Type host, string method, params Type[] types) =>
        new(host, host.GetMethods().Single(m => m.Name == method && m.GetGenericArguments().Length == types.Length).MakeGenericMethod(types));
}
