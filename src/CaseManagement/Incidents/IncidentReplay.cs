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
            var apply = ApplyMethods.GetOrAdd(data.GetType(), type =>
                typeof(Incident).GetMethod(nameof(Incident.Apply), [typeof(IEvent<>).MakeGenericType(type)])
                ?? throw new InvalidOperationException($"Incident has no Apply method for {type.Name}."));
            incident = (Incident)apply.Invoke(incident, [Wrap(data, recordedAt)])!;
            incident.Version++;
        }

        return incident;
    }

    private static IEvent Wrap(object data, DateTimeOffset recordedAt)
    {
        var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        wrapped.Timestamp = recordedAt;
        return wrapped;
    }
}
