using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Obligations.Timeline;

/// <summary>
/// How every deadline of one incident moved, fact by fact: after each fact event the obligations are evaluated again at
/// that event's recording time, and a change of a rule's applicability or due instant is kept with its cause. Each entry
/// depends only on the events up to it, so the history as of version N is this history's entries up to N (ADR 40).
/// </summary>
public sealed class DeadlineHistory
{
    public Guid Id { get; set; }

    /// <summary>The first event folded: 1 when the fold saw the stream from its detection; anything else is not the whole history.</summary>
    public long FirstVersion { get; set; }

    /// <summary>
    /// The build of the rules (catalogue and evaluator, one assembly) the history was evaluated with: a history kept under
    /// other rules is not what a fold answers today, so readers fold until the projection is rebuilt (ADR 40).
    /// </summary>
    public Guid RulesBuild { get; set; }

    /// <summary>The last event folded.</summary>
    public long Version { get; set; }

    public FactsState State { get; set; } = new();

    /// <summary>Per rule, its history entries in version order.</summary>
    public Dictionary<string, List<DeadlineChange>> Changes { get; set; } = new(StringComparer.Ordinal);

    public static DeadlineHistory Fold(IEnumerable<IEvent> events, EvaluationOptions options, CatalogueStore catalogues)
    {
        var history = new DeadlineHistory();
        foreach (var e in events)
        {
            history.Take(e, options, catalogues);
        }

        return history;
    }

    /// <summary>Takes in the stream's next event (not named Apply: Marten would read that as a projection convention).</summary>
    public void Take(IEvent e, EvaluationOptions options, CatalogueStore catalogues)
    {
        if (FirstVersion == 0)
        {
            (FirstVersion, RulesBuild) = (e.Version, CurrentRules);
        }
        else if (RulesBuild != CurrentRules)
        {
            // Appended by a node running other rules (a rolling deployment): entries under two rules match no fold, never read.
            RulesBuild = Guid.Empty;
        }

        Version = e.Version;
        if (!State.Apply(e.Data))
        {
            return;
        }

        var recordedAt = AsStored(e.Timestamp);
        var atThatTime = ObligationEvaluator.Evaluate(State.ToFacts(), State.CatalogueOf(catalogues), options, recordedAt);
        foreach (var o in atThatTime.Obligations)
        {
            var applicability = ApiJson.WireName(o.Applicability);
            if (Changes.TryGetValue(o.RuleId, out var list) && list[^1].Applicability == applicability && list[^1].DueAt == o.DueAt)
            {
                continue;
            }

            if (list is null)
            {
                Changes[o.RuleId] = list = [];
            }

            list.Add(new DeadlineChange(e.Version, recordedAt, e.EventTypeName, e.UserName, applicability, o.DueAt, o.Reason));
        }
    }

    /// <summary>
    /// The recording time as PostgreSQL keeps it: an inline projection sees the event before it is stored, with the clock's
    /// 100 ns ticks, and Npgsql writes whole microseconds (truncating), so a fold of the stored events sees the truncated time.
    /// </summary>
    private static DateTimeOffset AsStored(DateTimeOffset recordedAt) =>
        recordedAt.AddTicks(-(recordedAt.UtcTicks % TimeSpan.TicksPerMicrosecond));

    /// <summary>
    /// The history at the end of <paramref name="events"/> (the incident's own stream as read for a page: now, or up to a
    /// point): the projected document, cut at the last of them when they are an earlier stretch from version 1; a fold of
    /// the events when the document cannot tell (none kept, kept from a later version, or events that are not 1..N).
    /// </summary>
    public static async Task<DeadlineHistory> AtAsync(IQuerySession session, Guid id, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var upTo = events.Count > 0 && events[^1].Version == events.Count ? events.Count : (long?)null;
        if (upTo is { } n && await KeptAsync(session, id, ct) is { } kept && kept.Version >= n)
        {
            return kept.Version == n ? kept : kept.UpTo(n, FactsState.From(events.Select(e => e.Data)));
        }

        return Fold(events, EvaluationOptions.Default, CatalogueStore.Embedded);
    }

    /// <summary>Content-derived (deterministic builds): it changes when a rule, a catalogue version or the evaluator changes.</summary>
    public static Guid CurrentRules { get; } = typeof(ObligationEvaluator).Assembly.ManifestModule.ModuleVersionId;

    /// <summary>
    /// The projected history when it is the whole history (kept since the detection, under the running rules); written
    /// with the events, so it is the history now.
    /// </summary>
    public static async Task<DeadlineHistory?> KeptAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<DeadlineHistory>(id, ct) is { FirstVersion: 1 } kept && kept.RulesBuild == CurrentRules ? kept : null;

    /// <summary>The history now: the kept one, or a fold of the stream when none is kept whole; null for an incident with no events.</summary>
    public static async Task<DeadlineHistory?> NowAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        await KeptAsync(session, id, ct)
        ?? (await session.Events.FetchStreamAsync(id, token: ct) is { Count: > 0 } events ? Fold(events, EvaluationOptions.Default, CatalogueStore.Embedded) : null);

    private DeadlineHistory UpTo(long version, FactsState state) => new()
    {
        Id = Id,
        FirstVersion = FirstVersion,
        RulesBuild = RulesBuild,
        Version = version,
        State = state,
        Changes = Changes.Select(c => (c.Key, Entries: c.Value.Where(h => h.Version <= version).ToList()))
            .Where(c => c.Entries.Count > 0).ToDictionary(c => c.Key, c => c.Entries, StringComparer.Ordinal),
    };
}

/// <summary>
/// Kept inline with the incident's stream: the page and GET /deadlines read the history instead of evaluating the
/// obligations again after every fact on each request (ADR 40). A stream begun before this projection existed gets a
/// document starting at a later version, and one kept under other rules stays marked with them: readers ignore both.
/// </summary>
public sealed class DeadlineHistoryProjection : Marten.Events.Aggregation.SingleStreamProjection<DeadlineHistory, Guid>
{
    public DeadlineHistoryProjection() => FilterIncomingEventsOnStreamType(typeof(Incident));

    public override DeadlineHistory? Evolve(DeadlineHistory? snapshot, Guid id, IEvent e)
    {
        var history = snapshot ?? new DeadlineHistory { Id = id };
        history.Take(e, EvaluationOptions.Default, CatalogueStore.Embedded);
        return history;
    }
}
