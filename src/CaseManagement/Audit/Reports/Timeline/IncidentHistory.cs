using CaseManagement.Incidents;
using JasperFx.Events;

namespace CaseManagement.Audit.Reports.Timeline;

/// <summary>One stored event with the incident as it stood just before and just after it.</summary>
public sealed record HistoryStep(IEvent Event, Incident? Before, Incident After);

/// <summary>An incident's stream replayed event by event: what every report of it is read from.</summary>
public sealed record IncidentHistory(IReadOnlyList<HistoryStep> Steps)
{
    public Incident Incident => Steps[^1].After;

    /// <param name="events">The incident's own stream from its first event (the detection), in version order.</param>
    public static async Task<IncidentHistory> ReplayAsync(IReadOnlyList<IEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0 || events[0].Data is not IncidentDetected)
        {
            throw new ArgumentException("An incident's history starts with its detection.", nameof(events));
        }

        var steps = new List<HistoryStep>(events.Count);
        Incident? before = null;
        foreach (var e in events)
        {
            var after = await IncidentFold.NextAsync(before, e, ct);
            steps.Add(new HistoryStep(e, before, after));
            before = after;
        }

        return new IncidentHistory(steps);
    }
}
