using CaseManagement.Notifications.Templates;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Evaluation.ObligationStatus;

namespace CaseManagement.Notifications.Tests;

/// <summary>
/// A full incident in the pure rules (issue 14, "done when"): detected, scoped with US-CA, US-MD, US-VA, GB and CA-QC
/// residents, regulators told, a campaign, the remaining submissions; the verdict of every duty in play at each step.
/// The service wires the same calls to events; this is what its deadline timeline must then show.
/// </summary>
public sealed class when_walking_an_incident_to_verdicts_a_lead_can_sign
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ObligationCatalogue Catalogue = CatalogueStore.Embedded.Get("2026.12.1");
    private static readonly string[] Residences = ["US-CA", "US-MD", "US-VA", "GB", "CA-QC"];

    private static readonly IncidentFacts Detected = IncidentFacts.Empty with
    {
        Clocks = new Dictionary<ClockStart, DateTimeOffset>
        {
            [ClockStart.Awareness] = T0, [ClockStart.Discovery] = T0, [ClockStart.Suspicion] = T0, [ClockStart.Determination] = T0.AddHours(6),
        },
        DataCategories = new HashSet<string> { DataCategory.PaymentCard, DataCategory.Name, DataCategory.Email, DataCategory.PostalAddress },
        Encryption = EncryptionStatus.Unencrypted,
        SectorFlags = new HashSet<string> { SectorFlag.CardData },
    };

    private static readonly IncidentFacts Scoped = Detected with
    {
        AffectedByJurisdiction = new Dictionary<string, long> { ["US-CA"] = 1_200, ["US-MD"] = 40, ["US-VA"] = 300, ["GB"] = 10, ["CA-QC"] = 5 },
        Risk = new RiskAssessment(true, true, true, "card data usable for fraud"),
    };

    private static readonly IncidentFacts RegulatorsTold = Scoped
        .Told("pci-visa-immediate-notice", T0.AddHours(31), Recipient.Acquirer, Recipient.CardBrands)
        .Told("pci-mastercard-adc-report", T0.AddHours(31), Recipient.Acquirer, Recipient.CardBrands)
        .Told("gb-ukgdpr-art33-ico", T0.AddHours(40), Recipient.Regulator)
        .Told("ca-qc-law25-cai-individuals", T0.AddHours(40), Recipient.Regulator)
        .Told("ca-pipeda-10.1-opc", T0.AddHours(40), Recipient.Regulator)
        .Told("us-md-ag", T0.AddHours(44), Recipient.AttorneyGeneral)
        .Told("pci-visa-incident-report", T0.AddHours(45), Recipient.Acquirer, Recipient.CardBrands);

    private static Evaluation Evaluate(IncidentFacts facts, DateTimeOffset now) => ObligationEvaluator.Evaluate(facts, Catalogue, EvaluationOptions.Default, now);

    private static Dictionary<string, ObligationStatus> InPlay(Evaluation evaluation) =>
        evaluation.Obligations.Where(o => o.Applicability != Applicability.NotApplicable && o.Status != NotApplicable)
            .ToDictionary(o => o.RuleId, o => o.Status);

    private static IncidentFacts AfterCampaign()
    {
        var at = T0.AddHours(72);
        var everyone = Scoped.AffectedByJurisdiction.ToDictionary(a => a.Key, a => new ReachedResidence(a.Key, Sent: a.Value));
        var credit = IndividualNoticeCredit.Credit(Evaluate(RegulatorsTold, at), everyone, Scoped.AffectedByJurisdiction, [], at, "campaign c-1");
        return RegulatorsTold with { Notices = [.. RegulatorsTold.Notices, .. credit.Told] };
    }

    [Fact]
    public void step_1_detected_nothing_reads_as_missed_before_anyone_is_known_to_be_affected()
    {
        var evaluation = Evaluate(Detected, T0.AddMinutes(5));

        InPlay(evaluation).Where(o => o.Value != NeedsFacts).Should().BeEquivalentTo(new Dictionary<string, ObligationStatus>
        {
            ["pci-visa-immediate-notice"] = DueNow, ["pci-visa-incident-report"] = Pending, ["pci-visa-account-numbers"] = Pending,
            ["pci-mastercard-adc-report"] = DueSoon,
        }, "card-brand duties bind wherever the cardholders live (Mastercard's 24 hours are already within the due-soon window); every residence duty waits for the scope");
        evaluation.Obligations.Where(o => o.Applicability == Applicability.Undetermined)
            .Should().OnlyContain(o => ObligationEscalation.NatureOf(o) != EscalationNature.Deadline, "an open question never escalates as missed");
    }

    [Fact]
    public void step_2_scoped_the_duties_of_five_jurisdictions_and_the_card_brands_are_open()
    {
        InPlay(Evaluate(Scoped, T0.AddHours(30))).Should().BeEquivalentTo(new Dictionary<string, ObligationStatus>
        {
            ["ca-pipeda-10.1-individuals"] = DueNow, ["ca-pipeda-10.1-opc"] = DueNow, ["ca-pipeda-10.2-third-parties"] = DueNow,
            ["ca-qc-law25-cai-individuals"] = DueNow, ["gb-ukgdpr-art33-ico"] = Pending, ["gb-ukgdpr-art34-data-subjects"] = DueNow,
            ["pci-mastercard-adc-report"] = Overdue, ["pci-visa-account-numbers"] = Pending, ["pci-visa-immediate-notice"] = DueNow,
            ["pci-visa-incident-report"] = Pending, ["us-ca-1798.82-ag"] = Pending, ["us-ca-1798.82-individuals"] = Pending,
            ["us-ca-ccpa-1798.150-pra"] = NeedsFacts, ["us-md-ag"] = Pending, ["us-md-individuals"] = Pending, ["us-va-individuals-ag"] = DueNow,
        }, "Mastercard's 24 hours have passed; the rest run; the CCPA exposure waits for a finding on reasonable security");
        CampaignOrdering.Check(Evaluate(Scoped, T0.AddHours(30)), Catalogue, Residences, [], "drafter@shop").Blocking.Select(d => d.RuleId)
            .Should().Equal(["us-md-ag"], "Maryland's Attorney General must hear before Marylanders do, so the campaign waits");
    }

    [Fact]
    public void step_3_regulators_told_each_by_its_own_act_and_the_campaign_may_start()
    {
        var evaluation = Evaluate(RegulatorsTold, T0.AddHours(48));

        InPlay(evaluation).Should().Contain(new Dictionary<string, ObligationStatus>
        {
            ["gb-ukgdpr-art33-ico"] = MetOnTime, ["ca-pipeda-10.1-opc"] = Met, ["ca-qc-law25-cai-individuals"] = PartlyMet,
            ["pci-mastercard-adc-report"] = MetLate, ["pci-visa-immediate-notice"] = Met, ["pci-visa-incident-report"] = MetOnTime, ["us-md-ag"] = MetOnTime,
        }, "the Commission in Quebec was told but not the persons concerned; Mastercard heard after 24 hours");
        evaluation.For("ca-qc-law25-cai-individuals").Owed.Should().Equal([Recipient.Individuals], "what is still owed is named");
        CampaignOrdering.Check(evaluation, Catalogue, Residences, [], "drafter@shop").MayStart.Should().BeTrue("Maryland's Attorney General was told first");
    }

    [Fact]
    public void step_4_the_campaign_tells_individuals_only()
    {
        InPlay(Evaluate(AfterCampaign(), T0.AddHours(73))).Should().BeEquivalentTo(new Dictionary<string, ObligationStatus>
        {
            ["ca-pipeda-10.1-individuals"] = Met, ["ca-pipeda-10.1-opc"] = Met, ["ca-pipeda-10.2-third-parties"] = DueNow,
            ["ca-qc-law25-cai-individuals"] = Met, ["gb-ukgdpr-art33-ico"] = MetOnTime, ["gb-ukgdpr-art34-data-subjects"] = Met,
            ["pci-mastercard-adc-report"] = MetLate, ["pci-visa-account-numbers"] = Pending, ["pci-visa-immediate-notice"] = Met,
            ["pci-visa-incident-report"] = MetOnTime, ["us-ca-1798.82-ag"] = Pending, ["us-ca-1798.82-individuals"] = MetOnTime,
            ["us-ca-ccpa-1798.150-pra"] = NeedsFacts, ["us-md-ag"] = MetOnTime, ["us-md-individuals"] = MetOnTime, ["us-va-individuals-ag"] = PartlyMet,
        }, "a consumer campaign meets the duties to individuals, never Virginia's Attorney General, and starts California's 15 days for its sample");
    }

    [Fact]
    public void step_5_every_duty_in_play_is_met_once_each_recipient_has_its_act()
    {
        var final = AfterCampaign()
            .Told("us-va-individuals-ag", T0.AddHours(100), Recipient.AttorneyGeneral)
            .Told("ca-pipeda-10.2-third-parties", T0.AddHours(100), Recipient.OtherOrganizations)
            .Told("pci-visa-account-numbers", T0.AddHours(100), Recipient.CardBrands)
            .Told("us-ca-1798.82-ag", T0.AddHours(110), Recipient.AttorneyGeneral);

        InPlay(Evaluate(final, T0.AddHours(120))).Where(o => o.Value is not (Met or MetOnTime or MetLate)).Should().BeEquivalentTo(
            new Dictionary<string, ObligationStatus> { ["us-ca-ccpa-1798.150-pra"] = NeedsFacts },
            "only the CCPA exposure is open, and it says which finding it waits for instead of claiming anything");
    }
}

internal static class Acts
{
    public static IncidentFacts Told(this IncidentFacts facts, string ruleId, DateTimeOffset at, params Recipient[] recipients) =>
        facts with { Notices = [.. facts.Notices, .. recipients.Select(r => new RecipientNotice(ruleId, r, at, NoticeAct.Submission, $"{ruleId}-{r}"))] };
}
