using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Timeline;

/// <summary>
/// Folds an incident's events into the facts its obligations depend on. Knows which events are facts; the
/// rules engine knows what they mean. Discovery defaults to the detection instant until someone records it:
/// a breach that was detected has been discovered, and the earlier instant never makes a deadline later.
/// </summary>
public sealed class FactsState
{
    private readonly Dictionary<ClockStart, DateTimeOffset> _clocks = [];
    private readonly Dictionary<string, long> _affected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _satisfied = new(StringComparer.Ordinal);
    private IReadOnlySet<string> _categories = new HashSet<string>();
    private IReadOnlySet<string> _flags = new HashSet<string>();
    private EncryptionStatus _encryption = EncryptionStatus.Unknown;
    private RiskAssessment _risk = RiskAssessment.NotAssessed;
    private LawEnforcementDelay? _delay;
    private DateTimeOffset? _detectedAt;

    public string? CatalogueVersion { get; private set; }

    /// <summary>Takes in one event; true when it changed a fact (so deadlines may have moved).</summary>
    public bool Apply(object data)
    {
        switch (data)
        {
            case IncidentDetected d:
                _detectedAt = d.DetectedAt;
                if (d.AwareAt is { } aware)
                {
                    _clocks[ClockStart.Awareness] = aware;
                }

                _categories = d.DataCategories.ToHashSet();
                CatalogueVersion = d.CatalogueVersion;
                return true;
            case AwarenessRecorded a:
                _clocks[ClockStart.Awareness] = a.AwareAt;
                return true;
            case AwarenessCorrected a:
                _clocks[ClockStart.Awareness] = a.AwareAt;
                return true;
            case ClockInstantRecorded c:
                _clocks[c.Clock] = c.At;
                return true;
            case ClockInstantCorrected c:
                _clocks[c.Clock] = c.At;
                return true;
            case IncidentScoped s when s.DataCategories.Count > 0:
                _categories = s.DataCategories.ToHashSet();
                return true;
            case DataCategoriesRecorded c:
                _categories = c.Categories.ToHashSet();
                return true;
            case EncryptionStatusRecorded e:
                _encryption = e.Status;
                return true;
            case AffectedCountsRecorded counts:
                _affected.Clear();
                foreach (var count in counts.Counts)
                {
                    _affected[count.Residence] = count.Count;
                }

                return true;
            case SectorFlagsRecorded f:
                _flags = f.Flags.ToHashSet();
                return true;
            case RiskAssessed r:
                _risk = new RiskAssessment(r.RiskToIndividuals, r.HighRisk, r.SignificantHarm, r.Reasoning);
                return true;
            case LawEnforcementDelayRequested d:
                _delay = new LawEnforcementDelay(d.RequestedAt);
                return true;
            case LawEnforcementDelayLifted l when _delay is not null:
                _delay = _delay with { LiftedAt = l.LiftedAt };
                return true;
            case ObligationSatisfied s:
                // The first time a duty was met is what the deadline is judged against.
                if (!_satisfied.TryGetValue(s.RuleId, out var earlier) || s.SatisfiedAt < earlier)
                {
                    _satisfied[s.RuleId] = s.SatisfiedAt;
                }

                return true;
            case CatalogueVersionAdopted v:
                CatalogueVersion = v.Version;
                return true;
            default:
                return false;
        }
    }

    public IncidentFacts ToFacts()
    {
        var clocks = new Dictionary<ClockStart, DateTimeOffset>(_clocks);
        if (_detectedAt is { } detected)
        {
            clocks.TryAdd(ClockStart.Discovery, detected);
        }

        return IncidentFacts.Empty with
        {
            Clocks = clocks,
            AffectedByJurisdiction = _affected,
            DataCategories = _categories,
            Encryption = _encryption,
            SectorFlags = _flags,
            Risk = _risk,
            Delay = _delay,
            Satisfied = _satisfied,
        };
    }
}
