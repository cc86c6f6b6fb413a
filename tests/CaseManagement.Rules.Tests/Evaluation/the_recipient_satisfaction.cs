using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>"Met" means every recipient the rule names was told, each by its own recorded act (issue 14, item 1).</summary>
public class the_recipient_satisfaction
{
    private const string Virginia = "us-va-individuals-ag";
    private static readonly IncidentFacts Virginians = Facts.LivingIn(("US-VA", 300));
    private static readonly DateTimeOffset Campaign = At("2026-03-04T10:00:00Z");
    private static readonly DateTimeOffset Letter = At("2026-03-05T10:00:00Z");
    private static readonly DateTimeOffset Now = At("2026-03-06T10:00:00Z");

    public static TheoryData<string, IncidentFacts, ObligationStatus, Recipient[], DateTimeOffset?, string> VirginiaCases => new()
    {
        {
            "nothing recorded", Virginians, ObligationStatus.DueNow, [Recipient.Individuals, Recipient.AttorneyGeneral], null,
            "both residents and the Attorney General are owed the notice"
        },
        {
            "a campaign told residents", Virginians.WithNotice(Virginia, Recipient.Individuals, Campaign, NoticeAct.Campaign, "campaign c-1"),
            ObligationStatus.PartlyMet, [Recipient.AttorneyGeneral], null,
            "a consumer e-mail campaign never tells the Attorney General"
        },
        {
            "campaign and letter to the Attorney General",
            Virginians.WithNotice(Virginia, Recipient.Individuals, Campaign, NoticeAct.Campaign, "campaign c-1")
                .WithNotice(Virginia, Recipient.AttorneyGeneral, Letter, NoticeAct.Submission, "VA-AG-77"),
            ObligationStatus.Met, [], Letter,
            "each recipient has its own act; the rule is met when the last of them is told"
        },
        {
            "an earlier satisfaction that named no recipient", Virginians.WithSatisfied(Virginia, Campaign),
            ObligationStatus.DueNow, [Recipient.Individuals, Recipient.AttorneyGeneral], null,
            "nobody recorded whom it told, so it tells neither recipient of a two-recipient rule"
        },
        {
            "a letter recorded under a recipient the rule does not name",
            Virginians.WithNotice(Virginia, Recipient.Regulator, Letter, NoticeAct.Submission, "DOH-1"),
            ObligationStatus.DueNow, [Recipient.Individuals, Recipient.AttorneyGeneral], null,
            "telling someone the rule does not name tells nobody it owes"
        },
    };

    [Theory]
    [MemberData(nameof(VirginiaCases))]
    public void virginia_residents_and_attorney_general(string situation, IncidentFacts facts, ObligationStatus status, Recipient[] owed,
        DateTimeOffset? metAt, string because)
    {
        var rule = Assess(Virginia, facts, Now);

        rule.Status.Should().Be(status, $"{situation}: {because}");
        rule.Owed.Should().Equal(owed, $"{situation}: {because}");
        rule.SatisfiedAt.Should().Be(metAt, $"{situation}: {because}");
    }

    [Fact]
    public void a_partly_met_rule_keeps_its_deadline_running_for_what_is_owed()
    {
        var facts = Facts.LivingIn(("US-NM", 1_500)).WithNotice("us-nm-ag-cra", Recipient.AttorneyGeneral, Aware.AddDays(10));

        var rule = Assess("us-nm-ag-cra", facts, Aware.AddDays(50));

        rule.Status.Should().Be(ObligationStatus.PartlyMet, "the Attorney General was told but the credit bureaus were not");
        rule.DeadlineStatus.Should().Be(ObligationStatus.Overdue, "45 days from discovery have passed for the credit bureaus still owed");
        rule.Owed.Should().Equal([Recipient.CreditBureaus], "what is owed is listed by name");
        rule.Told.Should().ContainSingle().Which.Should().Be(
            new RecipientTold(Recipient.AttorneyGeneral, Aware.AddDays(10), NoticeAct.Submission, "REF-1", ObligationStatus.MetOnTime),
            "the Attorney General's letter is shown with its act, reference and timing");
    }

    [Theory]
    [InlineData("us-md-ag", "a rule naming one recipient can only have meant that one")]
    [InlineData("eu-gdpr-art33-sa", "the supervisory authority is Art. 33's only recipient")]
    public void an_earlier_satisfaction_still_meets_a_rule_with_one_recipient(string ruleId, string because)
    {
        var facts = Facts.LivingIn(("US-MD", 10), ("DE", 10)).WithSatisfied(ruleId, Aware.AddHours(10));

        var rule = Assess(ruleId, facts, Now);

        rule.SatisfiedAt.Should().Be(Aware.AddHours(10), because);
        rule.Told.Should().ContainSingle().Which.Act.Should().Be(NoticeAct.EarlierRecord, "the act is marked as read from an earlier record");
        rule.UnattributedSatisfiedAt.Should().BeNull(because);
    }

    [Fact]
    public void an_unattributed_satisfaction_is_shown_so_a_lead_can_say_whom_it_told()
    {
        var rule = Assess("ca-qc-law25-cai-individuals", Facts.LivingIn(("CA-QC", 5)).WithSatisfied("ca-qc-law25-cai-individuals", Campaign),
            Now);

        rule.UnattributedSatisfiedAt.Should().Be(Campaign, "the old record is not hidden, only not counted");
        rule.SatisfiedAt.Should().BeNull("the Commission and the persons concerned each need their own act");
    }

    [Fact]
    public void an_unattributed_satisfaction_starts_clocks_that_run_from_the_notice_to_individuals()
    {
        var facts = Facts.LivingIn(("US-VA", 1_500)).WithSatisfied(Virginia, Campaign);

        Assess("us-va-cra", facts, Now).ClockStartedAt.Should().Be(Campaign,
            "taking the notice as sent makes the credit-bureau duty run, the cautious side for a deadline");
    }

    [Fact]
    public void acts_that_tell_nobody_the_rule_owes_are_named_as_fact_problems()
    {
        var facts = Virginians.WithNotice(Virginia, Recipient.Regulator, Letter).WithNotice("xx-unknown", Recipient.Regulator, Letter);

        Evaluate(facts, Now).FactProblems.Should().Contain(
            [
                "Notices: 'us-va-individuals-ag' does not name regulator as a recipient (it names individuals, attorney-general), so that act tells nobody it owes",
                "Notices: catalogue 2026.11.1 has no rule 'xx-unknown'",
            ],
            "a mistyped act must be visible, not silently ignored");
    }
}
