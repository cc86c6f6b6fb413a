using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.Events;

namespace CaseManagement.Incidents;

/// <summary>
/// Folds events into an <see cref="Incident"/> in memory with the aggregate's own Create/Apply methods,
/// the same ones Marten calls. Used to answer a command with the state it produced before the
/// transaction commits, and by tests that state "given these events".
/// </summary>
public static class IncidentReplay
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> ApplyMethods = new();

    public static Incident From(DateTimeOffset recordedAt, params object[] events)
    {
        if (events is not [IncidentDetected detected, .. var rest])
        {
            throw new ArgumentException("An incident stream starts with IncidentDetected.", nameof(events));
        }

        var incident = Incident.Create((IEvent<IncidentDetected>)Wrap(detected, recordedAt)) with { Version = 1 };
        return ApplyAll(incident, rest, recordedAt);
    }

    public static Incident ApplyAll(Incident incident, IEnumerable<object> events, DateTimeOffset recordedAt)
    {
        foreach (var data in events)
        {
            incident = (Incident)ApplyMethod(data.GetType()).Invoke(incident, [Wrap(data, recordedAt)])!;
            incident.Version++;
        }

        return incident;
    }

    /// <summary>
    /// The state after one more stored event, with its own time, actor and version: the same fold Marten runs, step by
    /// step, for readers that need the state between events (the audit timeline's status changes).
    /// </summary>
    public static Incident Next(Incident? incident, IEvent stored)
    {
        var next = incident is null
            ? Incident.Create((IEvent<IncidentDetected>)stored)
            : (Incident)ApplyMethod(stored.Data.GetType()).Invoke(incident, [stored])!;
        next.Version = stored.Version;
        return next;
    }

    private static MethodInfo ApplyMethod(Type type) => ApplyMethods.GetOrAdd(type, t =>
        typeof(Incident).GetMethod(nameof(Incident.Apply), [typeof(IEvent<>).MakeGenericType(t)])
        ?? throw new InvalidOperationException($"Incident has no Apply method for {t.Name}."));

    private static IEvent Wrap(object data, DateTimeOffset recordedAt)
    {
        var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        wrapped.Timestamp = recordedAt;
        return wrapped;
    }
}
