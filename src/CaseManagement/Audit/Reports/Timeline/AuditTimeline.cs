using CaseManagement.Audit.Reports.Timeline.Sentences;
using CaseManagement.Incidents;
using JasperFx.Events;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline;

/// <summary>The incident's history as an auditor reads it: one entry per recorded event, in order, none left out.</summary>
public static class AuditTimeline
{
    public static IReadOnlyList<TimelineEntry> Entries(IncidentHistory history) => [.. history.Steps.Select(s => Entry(s.Event, s.Before, s.After))];

    /// <param name="before">The incident just before the event, if the event is on an incident stream.</param>
    /// <param name="after">The incident just after it; a status change is shown when the two differ.</param>
    public static TimelineEntry Entry(IEvent e, Incident? before, Incident? after)
    {
        var actor = Actor.Of(e.UserName);
        var told = EventSentences.Tell(e.Data, new Narration(actor.Name, before));
        var (from, to) = (before is null ? null : Word(before.Status), after is null ? null : Word(after.Status));
        return new TimelineEntry(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, told.At, When(e.Timestamp, told.At), actor, told.What,
            told.Why, told.Details, told.Evidence ?? [], to is null || from == to ? null : new StatusChange(from, to), e.CorrelationId);
    }

    /// <summary>The business time first where it differs from the recording time: "contained at 09:40, recorded at 10:05".</summary>
    public static string When(DateTimeOffset recordedAt, BusinessTime? stated) =>
        stated is { } at && (at.At - recordedAt).Duration() >= TimeSpan.FromMinutes(1)
            ? $"{at.Meaning} at {Instant(at.At)}, recorded at {Instant(recordedAt)}"
            : $"recorded at {Instant(recordedAt)}";
}
