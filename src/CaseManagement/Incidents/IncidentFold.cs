using JasperFx.Events;
using JasperFx.Events.Aggregation;
using Marten;
using Marten.Events.Aggregation;

namespace CaseManagement.Incidents;

/// <summary>
/// The incident's fold, one event at a time, for readers that need the state between events (the audit timeline's status
/// changes, tests that say "given these events"). It is Marten's own aggregation of <see cref="Incident"/>'s Create and
/// Apply methods, the one its snapshot and time travel use, run without a database.
/// </summary>
public static class IncidentFold
{
    private static readonly IAggregator<Incident, IQuerySession> Aggregator = Build();

    public static async ValueTask<Incident> NextAsync(Incident? before, IEvent e, CancellationToken ct = default) =>
        await Aggregator.BuildAsync([e], null!, before, ct) ?? throw new InvalidOperationException($"Event {e.EventTypeName} does not start or continue an incident.");

    public static async ValueTask<Incident> FoldAsync(IEnumerable<IEvent> events, CancellationToken ct = default)
    {
        Incident? incident = null;
        foreach (var e in events)
        {
            incident = await NextAsync(incident, e, ct);
        }

        return incident ?? throw new ArgumentException("An incident's history starts with its detection.", nameof(events));
    }

    private static IAggregator<Incident, IQuerySession> Build()
    {
        var projection = new SingleStreamProjection<Incident, Guid>();
        projection.AssembleAndAssertValidity();
        return projection;
    }
}
