using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>What the compliance lead sees first for the reference card-skimming breach (<see cref="ShopBreach"/>).</summary>
public class the_shop_breach
{
    [Fact]
    public void gdpr_article_33_is_due_72_hours_after_awareness()
    {
        var gdpr = Assess("eu-gdpr-art33-sa", Facts, Evening);

        gdpr.Applicability.Should().Be(Applicability.Applies, "3,000 Germans' personal data was breached and nothing says it is harmless");
        gdpr.Reason.Should().Contain("3,000 residents of the EU/EEA affected", "the reason names the people who bring the GDPR into play");
        gdpr.DueAt.Should().Be(At("2026-03-05T09:00:00Z"), "72 elapsed hours from 09:00 UTC on 2 March");
        gdpr.Status.Should().Be(ObligationStatus.Pending, "63 hours remain on the evening of the first day");
        gdpr.Verification.Status.Should().Be(VerificationStatus.Verified, "the catalogue's verification travels with the deadline");
        gdpr.DeadlineText.Should().Contain("72 hours", "the rule's own wording is shown next to the computed instant");
    }

    [Fact]
    public void uk_ico_is_due_72_hours_after_awareness()
    {
        var ico = Assess("gb-ukgdpr-art33-ico", Facts, Evening);

        ico.Applicability.Should().Be(Applicability.Applies, "10 Britons are enough: the UK GDPR has no count threshold");
        ico.DueAt.Should().Be(At("2026-03-05T09:00:00Z"), "the ICO's 72 clock hours run through the night and the weekend");
    }

    [Fact]
    public void gdpr_article_34_waits_for_a_high_risk_assessment()
    {
        var notice = Assess("eu-gdpr-art34-data-subjects", Facts, Evening);

        notice.Applicability.Should().Be(Applicability.Undetermined, "only a high risk obliges the shop to tell data subjects");
        notice.Reason.Should().Contain("needs a high-risk assessment (high risk yes/no)", "the reason names the missing fact");
        notice.InternalTarget.Should().Be(At("2026-03-05T09:00:00Z"), "an open question does not hide the clock that would run");
    }

    [Fact]
    public void gdpr_article_34_is_due_now_with_an_internal_target_once_high_risk_is_found()
    {
        var facts = Facts with { Risk = new RiskAssessment(RiskToIndividuals: true, HighRisk: true) };

        var notice = Assess("eu-gdpr-art34-data-subjects", facts, Evening);

        notice.Applicability.Should().Be(Applicability.Applies, "a high risk triggers Art. 34");
        notice.Due.Should().BeOfType<Due.Qualitative>("'without undue delay' has no fixed period");
        notice.Status.Should().Be(ObligationStatus.DueNow, "a duty with no fixed period is always due now");
        notice.DueAt.Should().BeNull("the law sets no instant");
        notice.InternalTarget.Should().Be(At("2026-03-05T09:00:00Z"), "the default internal target is 72 h after awareness");
        notice.Reason.Should().Contain("not a legal deadline", "the internal target must never pass for the law's");
    }

    [Fact]
    public void gdpr_article_34_does_not_apply_when_the_assessment_finds_no_high_risk_and_says_why()
    {
        var facts = Facts with { Risk = new RiskAssessment(RiskToIndividuals: true, HighRisk: false, Reasoning: "cards were cancelled within the hour") };

        var notice = Assess("eu-gdpr-art34-data-subjects", facts, Evening);

        notice.Applicability.Should().Be(Applicability.NotApplicable, "no high risk, no Art. 34 notice");
        notice.Status.Should().Be(ObligationStatus.NotApplicable, "a duty that does not apply has no deadline");
        notice.Reason.Should().Contain("no high risk to individuals").And.Contain("cards were cancelled within the hour",
            "the organisation's own reasoning is quoted back, because a regulator will ask for it");
    }

    [Fact]
    public void california_residents_are_due_notice_30_calendar_days_after_discovery_at_the_end_of_the_day_in_los_angeles()
    {
        var notice = Assess("us-ca-1798.82-individuals", Facts, Evening);

        notice.Applicability.Should().Be(Applicability.Applies, "unencrypted card numbers of California residents were acquired");
        notice.ClockStartedAt.Should().Be(Aware, "the 30 days run from discovery");
        notice.DueAt.Should().Be(At("2026-04-02T06:59:59.9999999Z"),
            "discovery was on 2 March in Los Angeles (01:00 PST); 30 days on is 1 April, which ends at midnight PDT");
    }

    [Fact]
    public void california_attorney_general_gets_the_sample_notice_relative_to_the_consumer_notice()
    {
        var before = Assess("us-ca-1798.82-ag", Facts, Evening);

        before.Applicability.Should().Be(Applicability.Applies, "1,200 is more than 500");
        before.Reason.Should().Contain("1,200 residents of US-CA affected (threshold 501 for the attorney general notice)", "the count and the threshold are both shown");
        before.Due.Should().BeNull("its 15 days cannot start before consumers are notified");
        before.Status.Should().Be(ObligationStatus.Pending, "nothing is due until the consumer notice goes out");
        before.Reason.Should().Contain("clock not started: it runs from the notice to individuals in US-CA", "the reason says what starts the clock");
        before.DeadlineText.Should().Contain("15 calendar days after consumers are notified", "the relative deadline is shown in words");

        var after = Assess("us-ca-1798.82-ag", Facts.WithSatisfied("us-ca-1798.82-individuals", At("2026-03-20T17:00:00Z")), At("2026-03-21T09:00:00Z"));

        after.ClockStartedAt.Should().Be(At("2026-03-20T17:00:00Z"), "the clock starts at the recorded consumer notice");
        after.DueAt.Should().Be(At("2026-04-05T06:59:59.9999999Z"), "15 days after 20 March is 4 April, ending at midnight PDT");
        after.Status.Should().Be(ObligationStatus.Pending, "two weeks remain");
    }

    [Theory]
    [InlineData("us-tx-individuals", Applicability.Applies, "40 residents of US-TX affected", "Texas requires notice to any affected resident")]
    [InlineData("us-tx-ag", Applicability.NotApplicable, "40 residents of US-TX affected (below the threshold of 250 for the attorney general notice)", "the Texas AG hears of breaches of at least 250 residents")]
    [InlineData("us-tx-cra", Applicability.NotApplicable, "below the threshold of 10,001", "credit bureaus hear of breaches of more than 10,000 Texans")]
    public void texas_rules_are_measured_against_40_residents(string ruleId, Applicability expected, string reason, string because)
    {
        var rule = Assess(ruleId, Facts, Evening);

        rule.Applicability.Should().Be(expected, because);
        rule.Reason.Should().Contain(reason, because);
    }

    [Fact]
    public void texas_resident_notice_is_due_60_days_after_determination_in_central_time()
    {
        Assess("us-tx-individuals", Facts, Evening).DueAt.Should().Be(At("2026-05-02T04:59:59.9999999Z"),
            "determination on 2 March (10:00 CST) plus 60 days is 1 May, ending at midnight CDT");
    }

    [Theory]
    [InlineData("pci-visa-immediate-notice")]
    [InlineData("pci-visa-incident-report")]
    [InlineData("pci-visa-account-numbers")]
    [InlineData("pci-mastercard-adc-report")]
    public void card_brand_rules_apply_because_card_data_is_involved(string ruleId)
    {
        var rule = Assess(ruleId, Facts, Evening);

        rule.Applicability.Should().Be(Applicability.Applies, "card numbers were skimmed, wherever the cardholders live");
        rule.Reason.Should().Contain("payment-card data involved", "card data is what brings the card brands in");
    }

    [Fact]
    public void card_brand_rules_do_not_apply_without_card_data()
    {
        var rule = Assess("pci-mastercard-adc-report", Facts.Exposing(DataCategory.Email, DataCategory.Name), Evening);

        rule.Applicability.Should().Be(Applicability.NotApplicable, "no card data, no card-brand duty");
        rule.Reason.Should().Contain("no payment-card data involved", "the reason names what is absent");
    }

    [Fact]
    public void a_card_data_flag_brings_the_card_brands_in_before_the_categories_are_known()
    {
        var facts = (Facts with { DataCategories = new HashSet<string>() }).WithFlags(SectorFlag.CardData);

        Assess("pci-visa-immediate-notice", facts, Evening).Applicability.Should().Be(Applicability.Applies, "the checkout was skimmed, so card data is in play");
    }

    [Fact]
    public void mastercard_is_due_24_hours_after_awareness()
    {
        Assess("pci-mastercard-adc-report", Facts, Evening).DueAt.Should().Be(At("2026-03-03T09:00:00Z"), "the acquirer reports within 24 hours");
    }

    [Fact]
    public void visa_deadlines_wait_for_the_suspicion_time()
    {
        var report = Assess("pci-visa-incident-report", Facts, Evening);

        report.DueAt.Should().BeNull("Visa counts from suspicion, which is not recorded");
        report.Reason.Should().Contain("clock not started: record the suspicion time", "the reason names the fact to record");
    }

    [Theory]
    [InlineData("us-vt-individuals")]
    [InlineData("us-vt-ag-preliminary")]
    [InlineData("us-vt-ag-followup")]
    [InlineData("us-vt-cra")]
    public void vermont_does_not_apply_without_vermont_residents(string ruleId)
    {
        var rule = Assess(ruleId, Facts, Evening);

        rule.Applicability.Should().Be(Applicability.NotApplicable, "no Vermonter was affected");
        rule.Reason.Should().Be("no residents of US-VT affected", "the reason is one plain sentence");
        rule.Status.Should().Be(ObligationStatus.NotApplicable, "a rule that does not apply has nothing due");
    }

    [Theory]
    [InlineData("us-ca-1798.82-individuals")]
    [InlineData("us-tx-individuals")]
    public void encryption_with_a_safe_key_rules_out_state_resident_notices(string ruleId)
    {
        var rule = Assess(ruleId, Facts with { Encryption = EncryptionStatus.EncryptedKeySafe }, Evening);

        rule.Applicability.Should().Be(Applicability.NotApplicable, "state statutes exempt encrypted data whose key is safe");
        rule.Reason.Should().Contain("encryption safe harbour", "the reason names the exemption");
    }

    [Fact]
    public void encryption_with_a_safe_key_rules_out_the_duties_that_follow_the_resident_notice_too()
    {
        var ag = Assess("us-ca-1798.82-ag", Facts with { Encryption = EncryptionStatus.EncryptedKeySafe }, Evening);

        ag.Applicability.Should().Be(Applicability.NotApplicable, "no resident notice, so no sample of it for the AG");
        ag.Reason.Should().Contain("no notice to individuals in US-CA is required").And.Contain("encryption safe harbour",
            "the reason follows the chain back to its cause");
    }

    [Fact]
    public void encryption_does_not_rule_out_the_gdpr_regulator_notice()
    {
        Assess("eu-gdpr-art33-sa", Facts with { Encryption = EncryptionStatus.EncryptedKeySafe }, Evening)
            .Applicability.Should().Be(Applicability.Applies, "Art. 33 turns on risk, which the organisation must assess itself");
    }

    [Fact]
    public void the_most_urgent_obligation_comes_first()
    {
        var obligations = Evaluate(Facts, Evening).Obligations;

        obligations[0].RuleId.Should().Be("pci-mastercard-adc-report", "Mastercard's 24 hours are the first deadline to fall");
        obligations.Select(o => o.DueAt ?? DateTimeOffset.MaxValue).Should().BeInAscendingOrder("rules are ordered by due instant, those without one last");
        obligations.Where(o => o.DueAt is null).Select(o => o.Jurisdiction + "\0" + o.RuleId).Should().BeInAscendingOrder(StringComparer.Ordinal,
            "rules without an instant are grouped by jurisdiction, then id");
    }
}
