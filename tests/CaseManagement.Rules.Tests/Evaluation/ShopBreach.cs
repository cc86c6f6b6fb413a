using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using static CaseManagement.Rules.Tests.Deadlines.Instants;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>
/// The reference incident of these specifications: a skimmer on a WooCommerce checkout. 1,200 California
/// residents, 40 Texans, 3,000 Germans and 10 Britons; card data, unencrypted; the shop became aware of the
/// breach (and discovered it) at 09:00 UTC on Monday 2 March 2026 and determined it was a breach that afternoon.
/// </summary>
internal static class ShopBreach
{
    public static readonly ObligationCatalogue Catalogue2026 = CatalogueStore.Embedded.Get("2026.11.1");

    public static readonly DateTimeOffset Aware = At("2026-03-02T09:00:00Z");

    public static readonly DateTimeOffset Determined = At("2026-03-02T16:00:00Z");

    /// <summary>The evening of the day the shop became aware.</summary>
    public static readonly DateTimeOffset Evening = At("2026-03-02T18:00:00Z");

    public static IncidentFacts Facts { get; } = IncidentFacts.Empty with
    {
        Clocks = new Dictionary<ClockStart, DateTimeOffset>
        {
            [ClockStart.Awareness] = Aware,
            [ClockStart.Discovery] = Aware,
            [ClockStart.Determination] = Determined,
        },
        AffectedByJurisdiction = new Dictionary<string, long> { ["US-CA"] = 1_200, ["US-TX"] = 40, ["DE"] = 3_000, ["GB"] = 10 },
        DataCategories = new HashSet<string> { DataCategory.PaymentCard, DataCategory.Name, DataCategory.Email, DataCategory.PostalAddress },
        Encryption = EncryptionStatus.Unencrypted,
    };

    public static Rules.Evaluation.Evaluation Evaluate(IncidentFacts facts, DateTimeOffset now, EvaluationOptions? options = null) =>
        ObligationEvaluator.Evaluate(facts, Catalogue2026, options ?? EvaluationOptions.Default, now);

    public static ObligationAssessment Assess(string ruleId, IncidentFacts facts, DateTimeOffset now) => Evaluate(facts, now).For(ruleId);

    public static IncidentFacts WithClock(this IncidentFacts facts, ClockStart clock, DateTimeOffset at) =>
        facts with { Clocks = new Dictionary<ClockStart, DateTimeOffset>(facts.Clocks) { [clock] = at } };

    public static IncidentFacts WithSatisfied(this IncidentFacts facts, string ruleId, DateTimeOffset at) =>
        facts with { Satisfied = new Dictionary<string, DateTimeOffset>(facts.Satisfied) { [ruleId] = at } };

    public static IncidentFacts WithNotice(this IncidentFacts facts, string ruleId, Recipient recipient, DateTimeOffset at,
        NoticeAct act = NoticeAct.Submission, string reference = "REF-1") =>
        facts with { Notices = [.. facts.Notices, new RecipientNotice(ruleId, recipient, at, act, reference)] };

    public static IncidentFacts WithFlags(this IncidentFacts facts, params string[] flags) =>
        facts with { SectorFlags = new HashSet<string>(facts.SectorFlags.Concat(flags)) };

    public static IncidentFacts LivingIn(this IncidentFacts facts, params (string Code, long Count)[] affected) =>
        facts with { AffectedByJurisdiction = affected.ToDictionary(a => a.Code, a => a.Count) };

    public static IncidentFacts Exposing(this IncidentFacts facts, params string[] categories) =>
        facts with { DataCategories = new HashSet<string>(categories) };
}
