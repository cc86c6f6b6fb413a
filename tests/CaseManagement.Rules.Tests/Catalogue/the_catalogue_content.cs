using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using FluentAssertions;

namespace CaseManagement.Rules.Tests.Catalogue;

/// <summary>Spot checks of the headline duties in catalogue version 2026.11.1, independent of the research file.</summary>
public class the_catalogue_content
{
    private static readonly ObligationCatalogue Catalogue = CatalogueStore.Embedded.Get("2026.11.1");

    [Fact]
    public void gdpr_article_33_gives_the_regulator_72_hours_from_awareness()
    {
        var rule = Catalogue.Rule("eu-gdpr-art33-sa");

        rule.Recipients.Should().Equal([Recipient.Regulator], "Art. 33 is the supervisory-authority notice");
        rule.ClockStart.Should().Be(ClockStart.Awareness, "the clock runs from becoming aware of the breach");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.Hours, 72), "the outer limit is 72 clock hours");
        rule.Trigger.Conditions.Should().Contain(TriggerConditions.RiskToIndividuals, "breaches unlikely to pose a risk are exempt");
    }

    [Fact]
    public void california_gives_residents_30_calendar_days_from_discovery()
    {
        var rule = Catalogue.Rule("us-ca-1798.82-individuals");

        rule.ClockStart.Should().Be(ClockStart.Discovery, "SB 446 counts from discovery or notification of the breach");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.CalendarDays, 30), "SB 446 set a 30-calendar-day limit from 2026");
        rule.EffectiveFrom.Should().Be(new DateOnly(2026, 1, 1), "SB 446 took effect on 1 January 2026");
        rule.LawEnforcementDelay.Should().BeTrue("notice may wait while police say it would impede an investigation");
    }

    [Fact]
    public void california_attorney_general_gets_a_sample_notice_within_15_days_of_notifying_more_than_500_residents()
    {
        var rule = Catalogue.Rule("us-ca-1798.82-ag");

        rule.Recipients.Should().Equal([Recipient.AttorneyGeneral], "the sample notice goes to the Attorney General");
        rule.Threshold.Should().Be(new Threshold(ThresholdMode.MinCount, 501, null), "'more than 500' means at least 501 residents");
        rule.ClockStart.Should().Be(ClockStart.IndividualNotice, "the 15 days run from the consumer notice");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.CalendarDays, 15), "the sample is due 15 calendar days after consumers are told");
    }

    [Fact]
    public void vermont_preliminary_notice_is_due_in_14_business_days_or_at_consumer_notice_if_sooner()
    {
        var rule = Catalogue.Rule("us-vt-ag-preliminary");

        rule.ClockStart.Should().Be(ClockStart.Discovery, "the 14 business days run from discovery");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.BusinessDays, 14), "Vermont counts business days");
        rule.Backstop.Should().NotBeNull("the consumer notice is a second, competing clock");
        rule.Backstop!.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.NoLaterThan), "the preliminary notice may not come after consumer notice");
        rule.Backstop.ClockStart.Should().Be(ClockStart.IndividualNotice, "the backstop is measured against the consumer notice");
        rule.Verification.Note.Should().Contain("holiday", "which holiday calendar applies is unconfirmed");
    }

    [Fact]
    public void ftc_safeguards_rule_requires_notice_within_30_days_when_500_or_more_consumers_are_affected()
    {
        var rule = Catalogue.Rule("us-ftc-glba-safeguards-314.4j");

        rule.Recipients.Should().Equal([Recipient.Regulator], "the notice goes to the FTC");
        rule.Threshold.Should().Be(new Threshold(ThresholdMode.MinCount, 500, null), "'at least 500 consumers' includes 500");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.CalendarDays, 30), "the rule allows 30 days after discovery");
        rule.ClockStart.Should().Be(ClockStart.Discovery, "the clock starts when the event is discovered");
        rule.EffectiveFrom.Should().Be(new DateOnly(2024, 5, 13), "the amendment has applied since 13 May 2024");
    }

    [Fact]
    public void nydfs_gives_72_hours_from_determining_that_a_cybersecurity_incident_occurred()
    {
        var rule = Catalogue.Rule("us-ny-dfs-500.17a");

        rule.ClockStart.Should().Be(ClockStart.Determination, "500.17(a) counts from the determination, not from discovery");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.Hours, 72), "the regulation sets 72 hours");
        Catalogue.Rule("us-ny-dfs-500.17c-payment-notice").Deadline.Spec
            .Should().Be(new DeadlineSpec(DeadlineUnit.Hours, 24), "a ransom payment must be reported within 24 hours");
    }

    [Fact]
    public void dora_initial_notice_runs_4_hours_from_classification_with_a_24_hour_backstop_from_awareness()
    {
        var rule = Catalogue.Rule("eu-dora-art19-initial");

        rule.ClockStart.Should().Be(ClockStart.ClassificationAsMajor, "the main clock starts when the incident is classified as major");
        rule.Deadline.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.Hours, 4), "the initial notice is due 4 hours after classification");
        rule.Backstop.Should().NotBeNull("the notice is also due no later than 24 hours after awareness");
        rule.Backstop!.Spec.Should().Be(new DeadlineSpec(DeadlineUnit.Hours, 24), "the backstop allows 24 hours");
        rule.Backstop.ClockStart.Should().Be(ClockStart.Awareness, "the backstop runs from awareness, not classification");
        rule.Verification.Status.Should().Be(VerificationStatus.Partial, "the adopted RTS text was not read directly");
    }

    [Fact]
    public void the_snapshot_has_110_verified_and_21_partially_verified_rules()
    {
        Catalogue.Rules.Should().HaveCount(131, "the research snapshot holds 131 records");
        Catalogue.WithStatus(VerificationStatus.Verified).Should().HaveCount(110, "110 records were fully verified");
        Catalogue.WithStatus(VerificationStatus.Partial).Should().HaveCount(21, "21 records rest partly on single or conflicting sources");
        Catalogue.WithStatus(VerificationStatus.Unverified).Should().BeEmpty("no whole record is unverified");
    }

    [Fact]
    public void every_partially_verified_rule_says_what_is_unconfirmed()
    {
        Catalogue.WithStatus(VerificationStatus.Partial).Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Verification.Note),
            "reviewers need to know which element to check before relying on the rule");
    }

    [Fact]
    public void filters_select_rules_by_jurisdiction_region_recipient_and_kind()
    {
        Catalogue.ForJurisdiction("US-CA").Should().HaveCount(5, "California has two notices, a vendor duty and two CCPA exposures");
        Catalogue.InRegion("APAC").Should().HaveCount(19, "the snapshot covers 19 Asia-Pacific duties");
        Catalogue.ForRecipient(Recipient.CardBrands).Should().OnlyContain(r => r.Jurisdiction.StartsWith("PCI-"), "only scheme rules address card brands");
        Catalogue.OfKind(RuleKind.Notification).Should().HaveCount(121, "121 records are notification duties");
        Catalogue.OfKind(RuleKind.Record).Should().OnlyContain(r => r.Recipients.SequenceEqual(new[] { Recipient.InternalRecord }),
            "record-keeping duties have no external recipient");
    }
}
