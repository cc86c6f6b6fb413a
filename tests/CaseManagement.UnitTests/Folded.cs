using System.Collections.Concurrent;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using Marten;
using Marten.Events.Aggregation;

namespace CaseManagement.UnitTests;

/// <summary>
/// An aggregate after more events, folded by Marten's own aggregation (the one its snapshots use) without a database:
/// how specifications say "given these events".
/// </summary>
public static class Folded
{
    private static readonly ConcurrentDictionary<Type, object> Conventional = new();

    /// <summary>Folded by the aggregate's own Create/Apply methods.</summary>
    public static T With<T>(T? before, DateTimeOffset recordedAt, string actor, params object[] events) where T : class =>
        By((IAggregator<T, IQuerySession>)Conventional.GetOrAdd(typeof(T), _ => Assembled(new SingleStreamProjection<T, Guid>())), before, recordedAt, actor, events);

    /// <summary>Folded by the projection the store registers for it.</summary>
    public static T By<T>(IAggregator<T, IQuerySession> projection, T? before, DateTimeOffset recordedAt, string actor, params object[] events) where T : class =>
        InOneBatch(projection, before, actor, [.. events.Select(data => (data, recordedAt))]);

    /// <summary>Folded as one batch of events, each recorded at its own instant, as the daemon hands them over (a rebuild: all at once).</summary>
    public static T InOneBatch<T>(IAggregator<T, IQuerySession> projection, T? before, string actor, params (object Data, DateTimeOffset RecordedAt)[] events)
        where T : class
    {
        var stored = events.Select(recorded =>
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(recorded.Data.GetType()), recorded.Data)!;
            e.Timestamp = recorded.RecordedAt;
            e.UserName = actor;
            return e;
        }).ToList();
        return projection.BuildAsync(stored, null!, before, CancellationToken.None).AsTask().GetAwaiter().GetResult()
               ?? throw new InvalidOperationException($"These events do not start or continue a {typeof(T).Name}.");
    }

    public static SingleStreamProjection<T, Guid> Assembled<T>(SingleStreamProjection<T, Guid> projection) where T : class
    {
        projection.AssembleAndAssertValidity();
        return projection;
    }
}
