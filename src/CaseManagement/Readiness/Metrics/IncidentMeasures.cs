using CaseManagement.Incidents;
using CaseManagement.Incidents.Merging;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Evaluation;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Aggregation;

namespace CaseManagement.Readiness.Metrics;

/// <summary>One duty of an incident that applies or may apply: its deadline and when it was met, as the facts last stood.</summary>
public sealed record MeasuredDuty(string RuleId, DateTimeOffset? DueAt, DateTimeOffset? SatisfiedAt);

/// <summary>
/// The instants every metric of one incident needs, kept by an async projection of the incident's stream (ADR 24): a metric
/// added later is computed for every past incident by rebuilding it. Business times where the events state them (contained at,
/// notified at, aware at); recording times for acts that have none (acknowledged, closed).
/// </summary>
public sealed class IncidentMeasures
{
    public Guid Id { get; set; }
    public string Shop { get; set; } = "";
    public IncidentKind Kind { get; set; }
    public Severity? Severity { get; set; }
    public DateTimeOffset DetectedAt { get; set; }

    /// <summary>When the breach began, as people last stated it on the earliest evidence; null while nobody has (time to detect needs it).</summary>
    public DateTimeOffset? BreachStartedAt { get; set; }

    public DateTimeOffset? AwareAt { get; set; }

    /// <summary>When a person first acted on the incident after it was recorded (recording time).</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ContainedAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>When it was last closed (recording time); null while it is open or reopened.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public bool FalsePositive { get; set; }

    /// <summary>Marked a duplicate of another incident: its figures belong to the survivor.</summary>
    public Guid? DuplicateOf { get; set; }

    public bool Exercise { get; set; }
    public FactsState Facts { get; set; } = new();
    public List<MeasuredDuty> Duties { get; set; } = [];
}

public sealed class IncidentMeasuresProjection : SingleStreamProjection<IncidentMeasures, Guid>
{
    public IncidentMeasuresProjection() => FilterIncomingEventsOnStreamType(typeof(Incident));

    public override (IncidentMeasures?, ActionType) DetermineAction(IncidentMeasures? snapshot, Guid identity, IReadOnlyList<IEvent> events) =>
        Obligations.Timeline.EvaluatedOncePerBatch.Fold(snapshot, events, () => new IncidentMeasures { Id = identity }, Fold, Evaluate);

    private static void Evaluate(IncidentMeasures m, DateTimeOffset at) => m.Duties =
    [
        .. m.Facts.EvaluateAt(at).Obligations.Where(o => o.Applicability != Applicability.NotApplicable)
            .Select(o => new MeasuredDuty(o.RuleId, o.DueAt, o.SatisfiedAt)),
    ];

    /// <returns>Whether the event changed the facts the duties are worked out from.</returns>
    private static bool Fold(IncidentMeasures m, IEvent e)
    {
        switch (e.Data)
        {
            case IncidentDetected d:
                (m.Shop, m.Kind, m.DetectedAt, m.AwareAt, m.Exercise) = (d.Shop, d.Kind, d.DetectedAt, d.AwareAt, d.Exercise is not null);
                break;
            case IncidentShopCorrected corrected:
                m.Shop = corrected.Shop;
                break;
            case SeverityClassified classified:
                m.Severity = classified.Severity;
                break;
            case Incidents.Awareness.BreachStartRecorded breach:
                m.BreachStartedAt = breach.StartedAt;
                break;
            case AwarenessRecorded aware:
                m.AwareAt = aware.AwareAt;
                break;
            case AwarenessCorrected corrected:
                m.AwareAt = corrected.AwareAt;
                break;
            case IncidentContained contained:
                m.ContainedAt = contained.ContainedAt;
                break;
            case IncidentContainmentWithdrawn:
                m.ContainedAt = null;
                break;
            case IncidentNotified notified:
                m.NotifiedAt = m.NotifiedAt is { } first && first < notified.NotifiedAt ? first : notified.NotifiedAt;
                break;
            case MarkedFalsePositive:
                m.FalsePositive = true;
                break;
            case IncidentMarkedDuplicate duplicate:
                m.DuplicateOf = duplicate.DuplicateOf;
                break;
            case IncidentClosed:
                m.ClosedAt = e.Timestamp;
                break;
            case IncidentReopened:
                m.ClosedAt = null;
                break;
        }

        if (m.AcknowledgedAt is null && e.Data is not IncidentDetected && Audit.Reports.Timeline.Actor.Of(e.UserName).Kind == "person")
        {
            m.AcknowledgedAt = e.Timestamp;
        }

        return m.Facts.Apply(e.Data);
    }
}
