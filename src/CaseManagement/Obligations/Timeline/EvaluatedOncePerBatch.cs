using JasperFx.Events;
using JasperFx.Events.Daemon;

namespace CaseManagement.Obligations.Timeline;

/// <summary>
/// For async projections that keep an incident's duties (the deadline board, the incident measures): the daemon hands over an
/// incident's events in batches (a rebuild: all of them at once), and only the evaluation after the batch's last change of
/// facts would stand, so that is the one made (ADR 40, amendment).
/// </summary>
internal static class EvaluatedOncePerBatch
{
    /// <param name="fold">Applies one event; true when it changed the facts the duties are worked out from.</param>
    /// <param name="evaluate">Works the duties out again, as of the instant given.</param>
    public static (T?, ActionType) Fold<T>(T? snapshot, IReadOnlyList<IEvent> events, Func<T> create, Func<T, IEvent, bool> fold,
        Action<T, DateTimeOffset> evaluate) where T : class
    {
        if (events.Count == 0)
        {
            return (snapshot, ActionType.Nothing);
        }

        var document = snapshot ?? create();
        IEvent? lastFact = null;
        foreach (var e in events)
        {
            if (fold(document, e))
            {
                lastFact = e;
            }
        }

        if (lastFact is not null)
        {
            evaluate(document, lastFact.Timestamp);
        }

        return (document, ActionType.Store);
    }
}
