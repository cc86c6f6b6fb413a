using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>The product's applicability conventions: when in doubt, "undetermined" with the missing fact, never a silent drop.</summary>
public class the_applicability_convention
{
    public static TheoryData<IncidentFacts> FactSets => new()
    {
        IncidentFacts.Empty,
        Facts,
        Facts with { Encryption = EncryptionStatus.EncryptedKeySafe, Risk = new RiskAssessment(false, false, false) },
        Facts.LivingIn(("JP", 2_000), ("IN", 5), ("CA", 3), ("US", 40), ("SG", 600)).WithFlags([.. SectorFlag.Known]),
    };

    [Theory]
    [MemberData(nameof(FactSets))]
    public void every_rule_of_the_catalogue_appears_exactly_once_with_a_reason(IncidentFacts facts)
    {
        var evaluation = Evaluate(facts, Evening);

        evaluation.CatalogueVersion.Should().Be("2026.11.1", "the evaluation records the version it was made against");
        evaluation.Obligations.Select(o => o.RuleId).Should().BeEquivalentTo(Catalogue2026.Rules.Select(r => r.Id),
            "no rule is dropped or doubled, whatever the facts");
        evaluation.Obligations.Should().AllSatisfy(o => o.Reason.Should().NotBeNullOrWhiteSpace("every outcome explains itself"));
    }

    [Theory]
    [InlineData(false, Applicability.NotApplicable, "unlikely to result in a risk to individuals", "an assessment finding no risk exempts the breach from Art. 33")]
    [InlineData(true, Applicability.Applies, "found a risk to individuals", "an assessed risk confirms the duty")]
    [InlineData(null, Applicability.Applies, "presumed", "Art. 33 presumes a risk until an assessment finds none")]
    public void gdpr_article_33_turns_on_the_risk_assessment(bool? risk, Applicability expected, string reason, string because)
    {
        var gdpr = Assess("eu-gdpr-art33-sa", Facts with { Risk = new RiskAssessment(RiskToIndividuals: risk, Reasoning: "tokens only") }, Evening);

        gdpr.Applicability.Should().Be(expected, because);
        gdpr.Reason.Should().Contain(reason, because);
    }

    [Fact]
    public void no_risk_at_all_rules_out_the_high_risk_notice_without_a_separate_answer()
    {
        Assess("eu-gdpr-art34-data-subjects", Facts with { Risk = new RiskAssessment(RiskToIndividuals: false) }, Evening)
            .Applicability.Should().Be(Applicability.NotApplicable, "no risk cannot be a high risk");
    }

    [Theory]
    [InlineData(EncryptionStatus.Unencrypted, new[] { DataCategory.PaymentCard }, Applicability.Applies, "unencrypted personal information (payment-card)")]
    [InlineData(EncryptionStatus.EncryptedKeyCompromised, new[] { DataCategory.AccountCredentials }, Applicability.Applies, "compromised key (account-credentials)")]
    [InlineData(EncryptionStatus.EncryptedKeySafe, new[] { DataCategory.PaymentCard }, Applicability.NotApplicable, "encryption safe harbour")]
    [InlineData(EncryptionStatus.Unknown, new[] { DataCategory.PaymentCard }, Applicability.Undetermined, "record whether the data was encrypted")]
    [InlineData(EncryptionStatus.Unencrypted, new[] { DataCategory.Email, DataCategory.Name }, Applicability.Undetermined, "not personal information under most breach statutes on its own")]
    [InlineData(EncryptionStatus.Unencrypted, new string[0], Applicability.Undetermined, "record the data categories involved")]
    public void state_resident_notices_turn_on_encryption_and_the_kind_of_data(EncryptionStatus encryption, string[] categories, Applicability expected, string reason)
    {
        var notice = Assess("us-ca-1798.82-individuals", Facts.Exposing(categories) with { Encryption = encryption }, Evening);

        notice.Applicability.Should().Be(expected, "California covers statutory personal information that was not safely encrypted");
        notice.Reason.Should().Contain(reason, "the reason names the deciding fact");
    }

    [Theory]
    [InlineData(30, 0, Applicability.Undetermined, "no residents of US-VT recorded as affected, plus 30 US residents with no recorded state", "unplaced US residents may be Vermonters")]
    [InlineData(0, 0, Applicability.NotApplicable, "no residents of US-VT affected", "with every resident placed, there is no Vermonter")]
    [InlineData(0, 2, Applicability.Applies, "2 residents of US-VT affected", "any Vermonter triggers the notice")]
    public void residents_with_no_recorded_state_keep_state_rules_open(long unplaced, long vermonters, Applicability expected, string reason, string because)
    {
        var notice = Assess("us-vt-individuals", Facts.LivingIn(("US", unplaced), ("US-VT", vermonters), ("DE", 1)), Evening);

        notice.Applicability.Should().Be(expected, because);
        notice.Reason.Should().Contain(reason, because);
    }

    [Theory]
    [InlineData(480, 30, Applicability.Undetermined, "depends on where they live", "480 placed plus 30 unplaced could exceed 500")]
    [InlineData(480, 10, Applicability.NotApplicable, "below the threshold of 501", "even if all 10 unplaced were Californians, 490 is not more than 500")]
    public void unplaced_residents_can_leave_a_threshold_open(long californians, long unplaced, Applicability expected, string reason, string because)
    {
        var ag = Assess("us-ca-1798.82-ag", Facts.LivingIn(("US-CA", californians), ("US", unplaced)), Evening);

        ag.Applicability.Should().Be(expected, because);
        ag.Reason.Should().Contain(reason, because);
    }

    [Fact]
    public void quebec_rules_stay_open_for_canadians_with_no_recorded_province()
    {
        var facts = Facts.LivingIn(("CA", 12)) with { Risk = new RiskAssessment(SignificantHarm: true) };

        Assess("ca-qc-law25-cai-individuals", facts, Evening).Applicability.Should().Be(Applicability.Undetermined, "some of the 12 may live in Quebec");
        Assess("ca-pipeda-10.1-opc", facts, Evening).Applicability.Should().Be(Applicability.Applies, "PIPEDA covers Canadians wherever they live");
    }

    [Fact]
    public void residence_rules_are_undetermined_until_anyone_is_recorded_as_affected()
    {
        var gdpr = Assess("eu-gdpr-art33-sa", Facts with { AffectedByJurisdiction = new Dictionary<string, long>() }, Evening);

        gdpr.Applicability.Should().Be(Applicability.Undetermined, "an empty list means nobody has counted yet, not that nobody was affected");
        gdpr.Reason.Should().Contain("record where they live", "the reason names the missing fact");
    }

    [Fact]
    public void subdivisions_count_as_their_country_for_country_rules()
    {
        var facts = Facts.LivingIn(("AU-NSW", 3)) with { Risk = new RiskAssessment(SignificantHarm: true) };

        Assess("au-ndb-26wk-oaic", facts, Evening).Applicability.Should().Be(Applicability.Applies, "residents of New South Wales are Australians");
    }

    [Theory]
    [InlineData(1_500, new[] { DataCategory.Email }, Applicability.Applies, "notifiable on the count alone", "more than 1,000 people is a trigger by itself")]
    [InlineData(20, new[] { DataCategory.Health }, Applicability.Applies, "health data involved", "sensitive data is a trigger at any count")]
    [InlineData(20, new[] { DataCategory.Email }, Applicability.Undetermined, "the other triggers decide", "financial misuse or an unlawful purpose could still make it reportable")]
    public void japan_reports_on_the_count_or_on_any_other_trigger(long residents, string[] categories, Applicability expected, string reason, string because)
    {
        var report = Assess("jp-appi-26-final-30", Facts.LivingIn(("JP", residents)).Exposing(categories), Evening);

        report.Applicability.Should().Be(expected, because);
        report.Reason.Should().Contain(reason, because);
    }

    [Fact]
    public void the_nis2_significance_test_is_left_to_the_organisation_with_a_pointer_to_the_description()
    {
        var warning = Assess("eu-nis2-art23-early-warning", Facts.WithFlags(SectorFlag.EssentialEntity), Evening);

        warning.Applicability.Should().Be(Applicability.Undetermined, "the facts cannot tell whether the incident is significant");
        warning.Reason.Should().Contain("needs a NIS2 significance assessment").And.Contain("see the rule's description", "the reason points to the test in words");
        warning.DueAt.Should().Be(Aware.AddHours(24), "the early-warning clock is shown while the question is open");
    }

    [Fact]
    public void a_trigger_set_out_only_in_words_is_undetermined_and_quotes_the_description_once()
    {
        var facts = Facts.LivingIn(("KR", 5)).Exposing(DataCategory.Email);

        var report = Assess("kr-pipa-34-pipc", facts, Evening);

        report.Applicability.Should().Be(Applicability.Undetermined, "hacking or unique-ID data would make it reportable below 1,000 people");
        report.Reason.Should().StartWith("5 residents of KR affected, below the count of 1,000", "the reason says how far the count fell short");
        report.Reason.Split("see the rule's description").Should().HaveCount(2, "the description is quoted once, however many triggers point to it");
    }

    [Fact]
    public void a_rule_not_yet_in_force_when_the_incident_began_is_undetermined_not_dropped()
    {
        var facts = Facts.LivingIn(("IN", 5));

        var dpdp = Assess("in-dpdp-rule7-board-72h", facts, Evening);
        var certIn = Assess("in-certin-6h", facts, Evening);

        dpdp.Applicability.Should().Be(Applicability.Undetermined, "the DPDP breach rule applies only from May 2027");
        dpdp.Reason.Should().Contain("applies from 2027-05-13 but the incident began on 2026-03-02", "the reason gives both dates");
        certIn.Applicability.Should().Be(Applicability.Applies, "CERT-In's 6-hour report applies today to any incident affecting India");
        certIn.DueAt.Should().Be(Aware.AddHours(6), "6 hours after noticing the incident");
    }

    [Fact]
    public void pennsylvania_bureau_and_monitoring_rule_applies_on_either_of_its_triggers()
    {
        var bureau = Assess("us-pa-cra-and-monitoring", Facts.LivingIn(("US-PA", 600)), Evening);

        bureau.Applicability.Should().Be(Applicability.Applies, "600 notified Pennsylvanians bring in the credit bureaus, with or without government IDs");
        bureau.Reason.Should().Contain("notice to individuals in US-PA is required", "the bureau duty is the one that fired");
    }

    [Fact]
    public void hipaa_media_notice_counts_per_state_while_hhs_counts_in_total()
    {
        var facts = Facts.LivingIn(("US-CA", 400), ("US-TX", 300)).Exposing(DataCategory.Health, DataCategory.Name).WithFlags(SectorFlag.CoveredEntity);

        var media = Assess("us-hipaa-164.406-media", facts, Evening);
        var hhs = Assess("us-hipaa-164.408-hhs-500plus", facts, Evening);

        media.Applicability.Should().Be(Applicability.NotApplicable, "no single state has more than 500 affected residents");
        media.Reason.Should().Contain("400 residents of US-CA (the most affected state; counted per state)", "the reason shows which count decided");
        hhs.Applicability.Should().Be(Applicability.Applies, "700 affected in total reach HHS's 500");
    }

    [Fact]
    public void a_listed_company_files_an_8k_wherever_the_affected_people_live()
    {
        var facts = Facts.LivingIn(("DE", 10)).WithFlags(SectorFlag.ListedCompany).WithClock(ClockStart.MaterialityDetermination, At("2026-03-04T15:00:00Z"));

        var filing = Assess("us-sec-8k-item-1.05", facts, At("2026-03-04T16:00:00Z"));

        filing.Applicability.Should().Be(Applicability.Applies, "the SEC duty follows the listing, not the residents");
        filing.DueAt.Should().Be(At("2026-03-11T03:59:59.9999999Z"), "4 business days after Wednesday 4 March is Tuesday 10 March, ending at midnight EDT");
    }

    [Fact]
    public void sector_rules_do_not_apply_without_their_sector_flag()
    {
        var ftc = Assess("us-ftc-glba-safeguards-314.4j", Facts, Evening);

        ftc.Applicability.Should().Be(Applicability.NotApplicable, "an ordinary shop is not an FTC-supervised financial institution");
        ftc.Reason.Should().Contain("sector flag 'financial-entity' is not set", "the reason names the flag that would change the answer");
    }

    [Fact]
    public void the_ftc_counts_consumers_nationwide()
    {
        Assess("us-ftc-glba-safeguards-314.4j", Facts.WithFlags(SectorFlag.FinancialEntity), Evening).Reason
            .Should().Contain("1,240 residents of the US affected (threshold 500", "1,200 Californians and 40 Texans add up");
    }
}
