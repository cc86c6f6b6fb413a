using CaseManagement.Audit.Reports.Timeline.Sentences;
using CaseManagement.Containment;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Notifications.Campaigns;
using JasperFx.Events;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline;

/// <summary>The incident's record as an auditor reads it: one entry per recorded event, in the order stored, none left out.</summary>
public static class AuditTimeline
{
    /// <param name="history">The incident's own stream replayed, for the status before and after each of its events.</param>
    public static IReadOnlyList<TimelineEntry> Entries(IncidentRecord record, IncidentHistory history)
    {
        var steps = history.Steps.ToDictionary(s => s.Event.Sequence);
        var runs = ContainmentRuns(record);
        var campaigns = record.Events.Select(e => e.Data).OfType<CampaignDrafted>().ToDictionary(d => d.CampaignId, d => d.Name);
        Incident? current = null;
        var entries = new List<TimelineEntry>(record.Events.Count);
        foreach (var e in record.Events)
        {
            var (before, after) = steps.TryGetValue(e.Sequence, out var step) ? (step.Before, step.After) : (current, current);
            current = after;
            entries.Add(Entry(e, record.KindOf(e.StreamId), before, after, runs, campaigns));
        }

        return entries;
    }

    /// <param name="before">The incident just before the event.</param>
    /// <param name="after">The incident just after it; a status change is shown when the two differ.</param>
    public static TimelineEntry Entry(IEvent e, string stream, Incident? before, Incident? after, IReadOnlyDictionary<Guid, ContainmentRun>? runs = null,
        IReadOnlyDictionary<Guid, string>? campaigns = null)
    {
        var actor = Actor.Of(e.UserName);
        var told = EventSentences.Tell(e.Data, new Narration(actor.Name, before, runs, campaigns));
        var (from, to) = (before is null ? null : Word(before.Status), after is null ? null : Word(after.Status));
        return new TimelineEntry(e.Sequence, e.StreamId, stream, e.Version, e.EventTypeName, e.Timestamp, told.At, When(e.Timestamp, told.At), actor, told.What,
            told.Why, told.Details, told.Evidence ?? [], to is null || from == to ? null : new StatusChange(from, to), e.CorrelationId);
    }

    /// <summary>Each containment run as its events in the record left it, folded the way its projection folds it.</summary>
    private static Dictionary<Guid, ContainmentRun> ContainmentRuns(IncidentRecord record)
    {
        var runs = new Dictionary<Guid, ContainmentRun>();
        foreach (var e in record.Events)
        {
            if (e.Data is ContainmentRequested requested)
            {
                runs[requested.RunId] = ContainmentRun.Start(requested, e.Timestamp, e.UserName);
            }
            else if (runs.TryGetValue(e.StreamId, out var run))
            {
                runs[e.StreamId] = run.On(e.Data, e.Timestamp, e.UserName);
            }
        }

        return runs;
    }

    /// <summary>The business time first where it differs from the recording time: "contained at 09:40, recorded at 10:05".</summary>
    public static string When(DateTimeOffset recordedAt, BusinessTime? stated) =>
        stated is { } at && (at.At - recordedAt).Duration() >= TimeSpan.FromMinutes(1)
            ? $"{at.Meaning} at {Instant(at.At)}, recorded at {Instant(recordedAt)}"
            : $"recorded at {Instant(recordedAt)}";
}
