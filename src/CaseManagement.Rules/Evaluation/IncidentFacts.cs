using System.Collections.Frozen;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// What is known about one incident at a point in time: the facts obligations depend on. Immutable: every
/// collection is copied on the way in, so a caller's later changes cannot alter an evaluation. Build it with
/// <c>IncidentFacts.Empty with { ... }</c>; check it with <see cref="Problems"/> before trusting an evaluation.
/// </summary>
public sealed record IncidentFacts
{
    /// <summary>Nothing known yet.</summary>
    public static IncidentFacts Empty { get; } = new();

    /// <summary>
    /// Recorded instants of the events that start clocks (awareness, discovery, determination, suspicion,
    /// classification as major, extortion payment, materiality determination...). Events that are another duty's
    /// fulfilment (notice to individuals, an earlier report submitted) are read from <see cref="Satisfied"/>, and
    /// the end of the calendar year is worked out from discovery, so those never belong here.
    /// </summary>
    public IReadOnlyDictionary<ClockStart, DateTimeOffset> Clocks
    {
        get;
        init => field = value?.ToFrozenDictionary() ?? throw new ArgumentNullException(nameof(value));
    } = FrozenDictionary<ClockStart, DateTimeOffset>.Empty;

    /// <summary>Affected people per residence code (<see cref="ResidenceCodes"/>): "DE", "US-CA", or "US" when the state is unknown.</summary>
    public IReadOnlyDictionary<string, long> AffectedByJurisdiction
    {
        get;
        init => field = value?.ToFrozenDictionary(StringComparer.Ordinal) ?? throw new ArgumentNullException(nameof(value));
    } = FrozenDictionary<string, long>.Empty;

    /// <summary>Words from <see cref="DataCategory"/>. Empty means "not recorded yet", not "no data".</summary>
    public IReadOnlySet<string> DataCategories
    {
        get;
        init => field = value?.ToFrozenSet(StringComparer.Ordinal) ?? throw new ArgumentNullException(nameof(value));
    } = FrozenSet<string>.Empty;

    public EncryptionStatus Encryption { get; init; } = EncryptionStatus.Unknown;

    /// <summary>Words from <see cref="SectorFlag"/>. A flag that is absent is taken as not applying to the organisation.</summary>
    public IReadOnlySet<string> SectorFlags
    {
        get;
        init => field = value?.ToFrozenSet(StringComparer.Ordinal) ?? throw new ArgumentNullException(nameof(value));
    } = FrozenSet<string>.Empty;

    public RiskAssessment Risk
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = RiskAssessment.NotAssessed;

    /// <summary>A law-enforcement request to hold back notice, if any.</summary>
    public LawEnforcementDelay? Delay { get; init; }

    /// <summary>
    /// Rule id to the instant a duty was recorded as met without saying whom it told: satisfactions stored before acts
    /// named their recipients. They are read conservatively (<see cref="RuleSatisfaction"/>): for a rule naming one
    /// recipient they tell that one; for a rule naming several they tell no one, and the evaluation shows them as
    /// unattributed (<see cref="ObligationAssessment.UnattributedSatisfiedAt"/>). New acts go into <see cref="Notices"/>.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Satisfied
    {
        get;
        init => field = value?.ToFrozenDictionary(StringComparer.Ordinal) ?? throw new ArgumentNullException(nameof(value));
    } = FrozenDictionary<string, DateTimeOffset>.Empty;

    /// <summary>
    /// Each recorded act that told one recipient of one rule: individuals by a campaign or a manual record, a regulator,
    /// attorney general, police, card brand, acquirer, credit bureau or outlet by a submission or a manual record
    /// naming it. A rule is met when every recipient it needs has its own act here.
    /// </summary>
    public IReadOnlyList<RecipientNotice> Notices
    {
        get;
        init => field = value?.ToArray() ?? throw new ArgumentNullException(nameof(value));
    } = [];

    /// <summary>
    /// Everything wrong with <paramref name="facts"/> as of <paramref name="now"/>, each naming the field and the
    /// value: negative counts, unknown residence codes, data categories or sector flags, instants in the future
    /// (beyond <see cref="ClockSkew"/>), clock events that are not facts, and contradictory risk answers. Empty
    /// when the facts can be trusted.
    /// </summary>
    public static IReadOnlyList<string> Problems(IncidentFacts facts, DateTimeOffset now) => FactProblems.Of(facts, now);

    /// <summary>How far a recorded instant may lie after "now" before it counts as in the future: clocks of different machines disagree.</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromMinutes(5);
}

public enum EncryptionStatus
{
    /// <summary>Not established yet.</summary>
    Unknown,
    Unencrypted,
    /// <summary>Encrypted, and the key is not known to be compromised: the usual statutory safe harbour.</summary>
    EncryptedKeySafe,
    /// <summary>Encrypted, but the key was exposed too; most statutes treat this as unencrypted.</summary>
    EncryptedKeyCompromised,
}

/// <summary>
/// The organisation's own risk answers; null means "not assessed yet". <paramref name="Reasoning"/> is quoted
/// back when an answer rules a duty out.
/// </summary>
/// <param name="RiskToIndividuals">False: the breach is unlikely to result in a risk to people (GDPR Art. 33 exemption).</param>
/// <param name="HighRisk">High risk to people's rights and freedoms (GDPR Art. 34, Swiss FADP).</param>
/// <param name="SignificantHarm">Real risk of significant or serious harm (PIPEDA, Australia, Singapore, Brazil, Quebec, Alabama, Rhode Island).</param>
public sealed record RiskAssessment(bool? RiskToIndividuals = null, bool? HighRisk = null, bool? SignificantHarm = null, string? Reasoning = null)
{
    public static RiskAssessment NotAssessed { get; } = new();
}

/// <summary>A law-enforcement request to delay notice, from <paramref name="RequestedAt"/> until <paramref name="LiftedAt"/> (null while it lasts).</summary>
public sealed record LawEnforcementDelay(DateTimeOffset RequestedAt, DateTimeOffset? LiftedAt = null)
{
    public bool IsActiveAt(DateTimeOffset instant) => RequestedAt <= instant && (LiftedAt is null || LiftedAt > instant);
}
