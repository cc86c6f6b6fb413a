using JasperFx.CodeGeneration.Frames;
using JasperFx.Events;
using Marten;
using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// <c>UpdatedAggregate</c> answers with the aggregate after the decision's events. Wolverine reads it after the commit;
/// this moves the read before it (Marten's <c>ProjectLatest</c>, which folds the events appended in the session), so the
/// answer exists inside the transaction and an <c>Idempotency-Key</c>'s record is written with the events, not after them.
/// The appended events get their version, recording time and actor first (Marten would give them the same ones at the
/// commit), so the answer states the version, time and person the stream will have.
/// </summary>
public sealed class AnswerWithTheDecidedState : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var commit = chain.CommitIndex();
            if (commit < 0 || chain.ResourceVariable?.Creator is not MethodCall { Method.Name: "FetchLatest" } fetchLatest
                || chain.Postprocessors.IndexOf(fetchLatest) < commit)
            {
                continue;
            }

            var aggregateType = fetchLatest.Method.GetGenericArguments()[0];
            // Marten's IEventStoreOperations (the session's Events) inherits ProjectLatest from JasperFx's.
            var project = new MethodCall(fetchLatest.HandlerType,
                typeof(IEventStoreOperations).GetMethod(nameof(IEventStoreOperations.ProjectLatest), [typeof(Guid), typeof(CancellationToken)])!
                    .MakeGenericMethod(aggregateType));
            project.Arguments[0] = fetchLatest.Arguments[0];
            project.Target = fetchLatest.Target;
            chain.Postprocessors.Remove(fetchLatest);
            chain.Postprocessors.Insert(commit, project);
            chain.Postprocessors.Insert(commit, AggregateChains.Call(typeof(AnswerWithTheDecidedState), nameof(StampAppendedEvents), aggregateType));
            chain.ResourceVariable = project.ReturnVariable;
        }
    }

    public static void StampAppendedEvents<TAggregate>(IEventStream<TAggregate> stream, IDocumentSession session, TimeProvider clock) where TAggregate : notnull
    {
        var version = stream.StartingVersion ?? 0;
        var now = clock.GetUtcNow();
        foreach (var appended in stream.Events)
        {
            appended.Version = ++version;
            appended.Timestamp = now;
            // Who decided, as the commit records it: an aggregate that names the person (a triage item's decidedBy) would
            // otherwise answer with nobody.
            appended.UserName = session.LastModifiedBy;
            appended.CorrelationId ??= session.CorrelationId;
            appended.CausationId ??= session.CausationId;
        }
    }
}
