using CaseManagement.Notifications.Templates;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests;

/// <summary>
/// A notice satisfies a jurisdiction's duty to tell its residents only when its template was approved against that
/// jurisdiction's requirements, or a lead justified the generic content for it (issue 14, item 2).
/// </summary>
public sealed class when_deciding_whether_a_notice_counts_for_a_jurisdiction
{
    private static readonly DateTimeOffset Recorded = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static GenericContentJustification Justified(string jurisdiction, string why = "counsel: Japanese law asks for no more than the generic items") =>
        new(jurisdiction, why, "lead@shop", Recorded);

    public static TheoryData<string, string, GenericContentJustification[], bool, SufficiencyBasis, string> Cases => new()
    {
        { "US-CA", "US-CA", [], true, SufficiencyBasis.ApprovedForJurisdiction, "the template was checked against California's format" },
        { "DE", "EU", [], true, SufficiencyBasis.ApprovedForJurisdiction, "Art. 34 asks the same in every EEA state" },
        { "CA-QC", "CA-QC", [], true, SufficiencyBasis.ApprovedForJurisdiction, "the French Quebec notice was checked against r. 3.1 s. 5" },
        { "GB", "EU", [], false, SufficiencyBasis.ApprovedForAnother, "the UK GDPR is a law of its own, however alike" },
        { "GB", "US-TX", [], false, SufficiencyBasis.ApprovedForAnother, "Texan English text reached Britons in the trial: nobody checked it for the UK" },
        { "US-MA", "US-TX", [], false, SufficiencyBasis.ApprovedForAnother, "each state's approval is its own, Massachusetts' list differs" },
        { "CA-QC", "US-TX", [], false, SufficiencyBasis.ApprovedForAnother, "Quebec needs French and its regulation's items" },
        { "JP", "*", [], false, SufficiencyBasis.NothingEncoded, "nothing is encoded for Japan and nobody justified the generic text" },
        { "JP", "*", [Justified("JP")], true, SufficiencyBasis.Justified, "a lead recorded why the generic content suffices for Japan" },
        { "JP", "*", [Justified("JP", "  ")], false, SufficiencyBasis.NothingEncoded, "a blank justification justifies nothing" },
        { "AU", "*", [Justified("JP")], false, SufficiencyBasis.NothingEncoded, "a justification speaks for its own jurisdiction only" },
        { "US-MA", "*", [Justified("US-MA", "counsel reviewed the generic text for Massachusetts")], true, SufficiencyBasis.Justified,
            "a justification also covers a jurisdiction with encoded requirements the catch-all text was not checked against" },
        { "US-MD", "US-TX", [Justified("US-MD")], false, SufficiencyBasis.ApprovedForAnother,
            "the justification vouches for the generic content, not for another state's template" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_notice_counts_only_where_it_was_approved_or_justified(string residence, string template, GenericContentJustification[] justifications,
        bool satisfies, SufficiencyBasis basis, string because)
    {
        var verdict = NoticeSufficiency.Decide(residence, template, justifications);

        verdict.Satisfies.Should().Be(satisfies, because);
        verdict.Basis.Should().Be(basis, because);
        verdict.Reason.Should().NotBeNullOrWhiteSpace("the verdict explains itself on screen and in reports");
    }

    [Fact]
    public void a_jurisdiction_without_requirements_says_so_as_a_value()
    {
        ContentRequirements.Lookup("JP").Should().BeOfType<RequirementLookup.NotEncoded>("an unencoded jurisdiction is an answer, not an error")
            .Which.Reason.Should().Contain("no content requirements are encoded for 'JP'").And.Contain("justification");
        ContentRequirements.Lookup("*").Should().BeOfType<RequirementLookup.Encoded>("catch-all templates have a declared generic set")
            .Which.Requirements.Should().BeSameAs(ContentRequirements.Generic);
    }

    [Fact]
    public void a_campaign_tells_only_the_individuals_its_notice_satisfied_and_never_anyone_else()
    {
        var facts = IncidentFacts.Empty with
        {
            Clocks = new Dictionary<ClockStart, DateTimeOffset> { [ClockStart.Awareness] = Given.AwareAt, [ClockStart.Discovery] = Given.AwareAt },
            AffectedByJurisdiction = new Dictionary<string, long> { ["US-CA"] = 700, ["US-VA"] = 300, ["CA-QC"] = 5, ["JP"] = 9 },
            DataCategories = new HashSet<string> { DataCategory.PaymentCard, DataCategory.Name },
            Encryption = EncryptionStatus.Unencrypted,
            Risk = new RiskAssessment(true, true, true, "card data usable for fraud"),
        };
        var evaluation = ObligationEvaluator.Evaluate(facts, CatalogueStore.Embedded.Latest, EvaluationOptions.Default, Recorded);
        var reached = new Dictionary<string, ReachedResidence>
        {
            ["US-CA"] = new("US-CA", 700), ["US-VA"] = new("*", 300), ["CA-QC"] = new("CA-QC", 5), ["JP"] = new("*", 9),
        };

        var credit = IndividualNoticeCredit.Credit(evaluation, reached, facts.AffectedByJurisdiction, [Justified("JP")], Recorded, "campaign c-1");

        credit.Told.Select(t => (t.RuleId, t.Recipient, t.Act)).Should().BeEquivalentTo(
        [
            ("us-ca-1798.82-individuals", Recipient.Individuals, NoticeAct.Campaign),
            ("ca-qc-law25-cai-individuals", Recipient.Individuals, NoticeAct.Campaign),
            ("ca-pipeda-10.1-individuals", Recipient.Individuals, NoticeAct.Campaign),
            ("jp-appi-26-2-individuals", Recipient.Individuals, NoticeAct.Campaign),
        ], "California and Quebec got templates approved for them (the Quebec set stands for every duty to Quebec residents), Japan a "
           + "justified catch-all; the Commission in Quebec is never told by a campaign");
        credit.NotCounted.Should().ContainSingle("Virginians got an unjustified catch-all notice")
            .Which.Should().Match<UncreditedNotice>(n => n.RuleId == "us-va-individuals-ag" && n.Unsatisfied.Single().Residence == "US-VA");
    }

    public static TheoryData<ReachedResidence, bool, SufficiencyBasis, string> Deliveries => new()
    {
        { new("US-CA", Sent: 700), true, SufficiencyBasis.ApprovedForJurisdiction, "everyone in the audience got the California notice" },
        { new("US-CA", Sent: 698, Failed: 2), false, SufficiencyBasis.NotEveryoneReached, "two Californians' notices failed: they were not told" },
        { new("US-CA", Sent: 0, Failed: 700), false, SufficiencyBasis.NotEveryoneReached, "a campaign whose every notice bounced told nobody" },
        { new("US-CA", Sent: 690, Suppressed: 10), false, SufficiencyBasis.NotEveryoneReached,
            "ten were left out as notified before, and that earlier notice did not meet the duty" },
        { new("US-TX", Sent: 698, Failed: 2), false, SufficiencyBasis.ApprovedForAnother, "the content decides first: the Texas notice counts for no Californian" },
        { new("US-CA", Sent: 600), false, SufficiencyBasis.NotEveryoneReached, "700 Californians are recorded as affected and 600 were sent to" },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public void a_campaign_tells_the_individuals_of_a_residence_only_when_it_reached_every_one_of_them(ReachedResidence californians, bool told,
        SufficiencyBasis basis, string because)
    {
        var facts = IncidentFacts.Empty with
        {
            Clocks = new Dictionary<ClockStart, DateTimeOffset> { [ClockStart.Awareness] = Given.AwareAt, [ClockStart.Discovery] = Given.AwareAt },
            AffectedByJurisdiction = new Dictionary<string, long> { ["US-CA"] = 700 },
            DataCategories = new HashSet<string> { DataCategory.PaymentCard, DataCategory.Name },
            Encryption = EncryptionStatus.Unencrypted,
        };
        var evaluation = ObligationEvaluator.Evaluate(facts, CatalogueStore.Embedded.Latest, EvaluationOptions.Default, Recorded);

        var credit = IndividualNoticeCredit.Credit(evaluation, new Dictionary<string, ReachedResidence> { ["US-CA"] = californians }, facts.AffectedByJurisdiction,
            [], Recorded, "campaign c-2");

        credit.Told.Any(t => t.RuleId == "us-ca-1798.82-individuals").Should().Be(told, because);
        if (!told)
        {
            credit.NotCounted.Single(n => n.RuleId == "us-ca-1798.82-individuals").Unsatisfied.Single()
                .Should().Match<NoticeSufficiencyVerdict>(v => v.Basis == basis && v.Reason.Length > 0, because);
        }
    }

    [Fact]
    public void affected_residents_the_campaign_did_not_reach_keep_the_duty_owed()
    {
        var facts = IncidentFacts.Empty with
        {
            Clocks = new Dictionary<ClockStart, DateTimeOffset> { [ClockStart.Awareness] = Given.AwareAt, [ClockStart.Discovery] = Given.AwareAt },
            AffectedByJurisdiction = new Dictionary<string, long> { ["US-CA"] = 700, ["US"] = 20 },
            DataCategories = new HashSet<string> { DataCategory.PaymentCard, DataCategory.Name },
            Encryption = EncryptionStatus.Unencrypted,
        };
        var evaluation = ObligationEvaluator.Evaluate(facts, CatalogueStore.Embedded.Latest, EvaluationOptions.Default, Recorded);

        var credit = IndividualNoticeCredit.Credit(evaluation, new Dictionary<string, ReachedResidence> { ["US-CA"] = new("US-CA", 700) },
            facts.AffectedByJurisdiction, [], Recorded, "campaign c-3");

        credit.Told.Should().NotContain(t => t.RuleId == "us-ca-1798.82-individuals",
            "twenty Americans of unknown state may be Californians, and the campaign told none of them");
        credit.NotCounted.Single(n => n.RuleId == "us-ca-1798.82-individuals").Unsatisfied.Single()
            .Should().Match<NoticeSufficiencyVerdict>(v => v.Residence == "US" && v.Reason.Contains("reached none of them"));
        credit.NotCounted.Should().NotContain(n => n.RuleId == "us-tx-individuals" && n.Unsatisfied.Any(v => v.Residence == "US-CA"),
            "a duty the campaign reached nobody for is left out, not listed as failed");
    }
}
