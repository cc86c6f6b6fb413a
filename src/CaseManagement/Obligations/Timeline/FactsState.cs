using CaseManagement.Incidents;
using CaseManagement.Notifications.Justifying;
using CaseManagement.Notifications.Templates;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Evaluation = CaseManagement.Rules.Evaluation.Evaluation;

namespace CaseManagement.Obligations.Timeline;

/// <summary>
/// Folds an incident's events into the facts its obligations depend on. Knows which events are facts; the
/// rules engine knows what they mean. Discovery defaults to the detection instant until someone records it:
/// a breach that was detected has been discovered, and the earlier instant never makes a deadline later.
/// </summary>
public sealed class FactsState
{
    // Public and settable so the board projection can store it as part of its document.
    public Dictionary<ClockStart, DateTimeOffset> Clocks { get; set; } = [];
    public Dictionary<string, long> Affected { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, DateTimeOffset> Satisfied { get; set; } = new(StringComparer.Ordinal);
    public HashSet<string> Categories { get; set; } = [];
    public HashSet<string> Flags { get; set; } = [];
    public EncryptionStatus Encryption { get; set; } = EncryptionStatus.Unknown;
    public RiskAssessment Risk { get; set; } = RiskAssessment.NotAssessed;
    public LawEnforcementDelay? Delay { get; set; }
    public DateTimeOffset? DetectedAt { get; set; }
    public string? CatalogueVersion { get; set; }

    /// <summary>Each act that told one recipient of one rule (events that name their recipients).</summary>
    public List<RecipientNotice> Notices { get; set; } = [];

    /// <summary>Duties a compliance lead waived with a reason: what closing the incident reads.</summary>
    public List<ObligationWaiver> Waivers { get; set; } = [];

    /// <summary>Ordering duties waived or acknowledged so a campaign may start before they are met.</summary>
    public List<OrderingClearance> Clearances { get; set; } = [];

    /// <summary>Per jurisdiction, a lead's reason why a catch-all notice's generic content suffices there.</summary>
    public List<GenericContentJustification> Justifications { get; set; } = [];

    public static FactsState From(IEnumerable<object> events)
    {
        var state = new FactsState();
        foreach (var data in events)
        {
            state.Apply(data);
        }

        return state;
    }

    /// <summary>The catalogue version the incident adopted, or the latest when it never chose one.</summary>
    public ObligationCatalogue CatalogueOf(CatalogueStore catalogues) => CatalogueVersion is { } v ? catalogues.Get(v) : catalogues.Latest;

    /// <summary>The incident's duties against its own catalogue version as of <paramref name="now"/>.</summary>
    public Evaluation EvaluateAt(DateTimeOffset now) =>
        ObligationEvaluator.Evaluate(ToFacts(), CatalogueOf(CatalogueStore.Embedded), EvaluationOptions.Default, now);

    /// <summary>
    /// Takes in one event; true when it changed a fact (so deadlines may have moved). Decisions that move no deadline
    /// (waivers, ordering clearances, content justifications) are kept too, and answer false.
    /// </summary>
    public bool Apply(object data)
    {
        switch (data)
        {
            case IncidentDetected d:
                DetectedAt = d.DetectedAt;
                if (d.AwareAt is { } aware)
                {
                    Clocks[ClockStart.Awareness] = aware;
                }

                Categories = [.. d.DataCategories];
                CatalogueVersion = d.CatalogueVersion;
                return true;
            case AwarenessRecorded a:
                Clocks[ClockStart.Awareness] = a.AwareAt;
                return true;
            case AwarenessCorrected a:
                Clocks[ClockStart.Awareness] = a.AwareAt;
                return true;
            case ClockInstantRecorded c:
                Clocks[c.Clock] = c.At;
                return true;
            case ClockInstantCorrected c:
                Clocks[c.Clock] = c.At;
                return true;
            case IncidentScoped s when s.DataCategories.Count > 0:
                Categories = [.. s.DataCategories];
                return true;
            case DataCategoriesRecorded c:
                Categories = [.. c.Categories];
                return true;
            case EncryptionStatusRecorded e:
                Encryption = e.Status;
                return true;
            case AffectedCountsRecorded counts:
                Affected.Clear();
                foreach (var count in counts.Counts)
                {
                    Affected[count.Residence] = count.Count;
                }

                return true;
            case SectorFlagsRecorded f:
                Flags = [.. f.Flags];
                return true;
            case RiskAssessed r:
                Risk = new RiskAssessment(r.RiskToIndividuals, r.HighRisk, r.SignificantHarm, r.Reasoning);
                return true;
            case LawEnforcementDelayRequested d:
                Delay = new LawEnforcementDelay(d.RequestedAt);
                return true;
            case LawEnforcementDelayLifted l when Delay is not null:
                Delay = Delay with { LiftedAt = l.LiftedAt };
                return true;
            case ObligationSatisfied { Recipients: { Count: > 0 } told } s:
                Notices.AddRange(told.Select(r => new RecipientNotice(s.RuleId, r, s.SatisfiedAt, s.Act ?? NoticeAct.ManualRecord,
                    s.Reference ?? s.Channel ?? "recorded")));
                return true;
            case ObligationSatisfied s:
                // Recorded before acts named their recipients. The first time a duty was met is what the deadline is judged against.
                if (!Satisfied.TryGetValue(s.RuleId, out var earlier) || s.SatisfiedAt < earlier)
                {
                    Satisfied[s.RuleId] = s.SatisfiedAt;
                }

                return true;
            case CatalogueVersionAdopted v:
                CatalogueVersion = v.Version;
                return true;
            case ObligationWaived w:
                Waivers.Add(new ObligationWaiver(w.RuleId, w.Reason, w.WaivedBy, w.WaivedAt));
                return false;
            case OrderingDutyWaived w:
                Clearances.Add(new OrderingClearance(w.RuleId, ClearanceKind.Waived, w.WaivedBy, w.Justification, w.WaivedAt));
                return false;
            case OrderingDutyAcknowledged a:
                Clearances.Add(new OrderingClearance(a.RuleId, ClearanceKind.Acknowledged, a.AcknowledgedBy, a.Note, a.AcknowledgedAt));
                return false;
            case GenericContentJustified j:
                Justifications.Add(new GenericContentJustification(j.Jurisdiction, j.Justification, j.JustifiedBy, j.JustifiedAt));
                return false;
            default:
                return false;
        }
    }

    public IncidentFacts ToFacts()
    {
        var clocks = new Dictionary<ClockStart, DateTimeOffset>(Clocks);
        if (DetectedAt is { } detected)
        {
            clocks.TryAdd(ClockStart.Discovery, detected);
        }

        return IncidentFacts.Empty with
        {
            Clocks = clocks,
            AffectedByJurisdiction = Affected,
            DataCategories = Categories,
            Encryption = Encryption,
            SectorFlags = Flags,
            Risk = Risk,
            Delay = Delay,
            Satisfied = Satisfied,
            Notices = Notices,
        };
    }
}

/// <summary>
/// The incident's facts as one document, kept inline with the stream by <see cref="FactsState"/>'s fold: what escalations,
/// campaign completion and what-if read, instead of folding the stream again each time.
/// </summary>
public sealed class IncidentFactSheet
{
    public Guid Id { get; set; }
    public FactsState State { get; set; } = new();
}

public sealed class IncidentFactSheetProjection : Marten.Events.Aggregation.SingleStreamProjection<IncidentFactSheet, Guid>
{
    public IncidentFactSheetProjection() => FilterIncomingEventsOnStreamType(typeof(Incident));

    public override IncidentFactSheet? Evolve(IncidentFactSheet? snapshot, Guid id, JasperFx.Events.IEvent e)
    {
        var sheet = snapshot ?? new IncidentFactSheet { Id = id };
        sheet.State.Apply(e.Data);
        return sheet;
    }
}
