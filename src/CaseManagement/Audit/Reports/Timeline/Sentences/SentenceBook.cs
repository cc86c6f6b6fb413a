using CaseManagement.Containment;
using CaseManagement.Incidents;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>What a sentence says about one event; the subject is already in <see cref="What"/>.</summary>
/// <param name="Why">The reason, justification or summary the event carries, in the recorder's own words.</param>
public sealed record Told(string What, string? Why = null, string? Details = null, BusinessTime? At = null, IReadOnlyList<EvidenceReference>? Evidence = null);

/// <summary>
/// What a sentence may draw on besides the event: who recorded it, the incident just before it, its containment runs and
/// its campaigns' names.
/// </summary>
/// <param name="Subject">The actor as the sentence names them.</param>
/// <param name="Runs">The incident's containment runs as their streams planned them, to name steps by their titles.</param>
/// <param name="CampaignNames">The incident's campaigns by id, as they were drafted.</param>
public sealed record Narration(string Subject, Incident? Before, IReadOnlyDictionary<Guid, ContainmentRun>? Runs = null,
    IReadOnlyDictionary<Guid, string>? CampaignNames = null)
{
    /// <summary>A campaign by its name where the record has it: “Card holders, EU” (campaign 0190a1b2).</summary>
    public string Campaign(Guid campaignId) => CampaignNames?.GetValueOrDefault(campaignId) is { } name
        ? $"campaign “{name}” ({Wording.Short(campaignId)})"
        : $"campaign {Wording.Short(campaignId)}";

    public string Shop => Before?.Shop ?? "the shop";

    public ContainmentRun? Run(Guid runId) => Runs?.GetValueOrDefault(runId);

    /// <summary>A containment step as the run planned it, to name it and say why it ran.</summary>
    public ContainmentStepPlan? Plan(Guid runId, string stepId) => Run(runId)?.Step(stepId)?.Plan;

    public string Step(Guid runId, string stepId) => Plan(runId, stepId) is { } plan ? $"“{plan.Title}” ({stepId})" : stepId;
}

/// <summary>One sentence per event type, written by hand: an event without one is a gap in the audit trail, not a default.</summary>
public sealed class SentenceBook
{
    private readonly Dictionary<Type, Func<object, Narration, Told>> _sentences = [];

    public IReadOnlyCollection<Type> Types => _sentences.Keys;

    public SentenceBook On<TEvent>(Func<TEvent, Narration, Told> tell)
    {
        _sentences.Add(typeof(TEvent), (data, narration) => tell((TEvent)data, narration));
        return this;
    }

    public Told Tell(object data, Narration narration) =>
        _sentences.TryGetValue(data.GetType(), out var tell)
            ? tell(data, narration)
            : throw new InvalidOperationException($"No audit sentence describes {data.GetType().Name}; add one to the sentences in Audit/Reports/Timeline/Sentences.");
}

public static class EventSentences
{
    private static readonly SentenceBook Book = PagingSentences.Register(MonitoringSentences.Register(ReviewSentences.Register(AlertSentences.Register(
        NotificationSentences.Register(ContainmentSentences.Register(ObligationSentences.Register(IncidentSentences.Register(new SentenceBook()))))))));

    /// <summary>The event types that have a sentence.</summary>
    public static IReadOnlyCollection<Type> Described => Book.Types;

    public static Told Tell(object data, Narration narration) => Book.Tell(data, narration);
}
