using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>An undetermined duty "needs facts", names them as data, and escalates as facts missing, never as missed (issue 14, item 5).</summary>
public class the_needs_facts
{
    private static readonly DateTimeOffset Week = Aware.AddDays(7);

    public static TheoryData<string, IncidentFacts, FactNeeded, string, string> Cases => new()
    {
        {
            "cn-cac-incident-reporting-measures", IncidentFacts.Empty.WithClock(ClockStart.Awareness, Aware), FactNeeded.AffectedResidence, "CN-CAC",
            "with nobody recorded as affected, nobody knows whether the incident touches China"
        },
        {
            "eu-dora-art19-initial", Facts.WithFlags(SectorFlag.FinancialEntity), FactNeeded.ClockInstant, "classification-as-major",
            "DORA's report waits for the classification of the incident as major"
        },
        {
            "eu-gdpr-art34-data-subjects", Facts, FactNeeded.RiskAssessment, "high-risk",
            "Art. 34 needs a high-risk answer"
        },
        {
            "us-ca-1798.82-individuals", Facts with { Encryption = EncryptionStatus.Unknown }, FactNeeded.Encryption, "encryption",
            "the safe harbour turns on encryption"
        },
        {
            "us-ca-1798.82-ag", Facts with { Encryption = EncryptionStatus.Unknown }, FactNeeded.Encryption, "encryption",
            "the Attorney General's duty follows the residents' notice, so it waits for the same fact"
        },
        {
            "eu-nis2-art23-early-warning", Facts.WithFlags(SectorFlag.EssentialEntity), FactNeeded.Finding, "significant-incident",
            "whether an incident is significant under NIS2 is a person's finding"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void an_undetermined_duty_needs_facts_and_names_them(string ruleId, IncidentFacts facts, FactNeeded kind, string subject, string because)
    {
        var rule = Assess(ruleId, facts, Week);

        rule.Applicability.Should().Be(Applicability.Undetermined, because);
        rule.Status.Should().Be(ObligationStatus.NeedsFacts, $"an open question is not a deadline owed: {because}");
        rule.MissingFacts.Should().Contain(f => f.Kind == kind && f.Subject == subject, because);
        ObligationEscalation.NatureOf(rule).Should().NotBe(EscalationNature.Deadline, "an open question never escalates as a missed deadline");
    }

    [Fact]
    public void the_deadline_it_would_have_keeps_running_beside_the_missing_facts()
    {
        var china = Assess("cn-cac-incident-reporting-measures", IncidentFacts.Empty.WithClock(ClockStart.Awareness, Aware), Aware.AddMinutes(241));

        china.DeadlineStatus.Should().Be(ObligationStatus.Overdue, "4 hours from awareness have passed, and the board must see that clock");
        china.Status.Should().Be(ObligationStatus.NeedsFacts, "yet the verdict is that facts are missing, not that a duty was missed");
        ObligationEscalation.NatureOf(china).Should().Be(EscalationNature.FactsMissing, "the escalation asks for the facts instead of reporting a miss");
    }

    [Fact]
    public void a_duty_that_applies_needs_no_facts_and_escalates_as_a_deadline()
    {
        var gdpr = Assess("eu-gdpr-art33-sa", Facts, Aware.AddHours(73));

        gdpr.Status.Should().Be(ObligationStatus.Overdue, "the facts settle that Art. 33 applies, and 72 hours have passed");
        gdpr.MissingFacts.Should().BeEmpty("nothing is missing to know the duty applies");
        ObligationEscalation.NatureOf(gdpr).Should().Be(EscalationNature.Deadline, "an owed duty escalates as approaching, then missed");
    }

    [Theory]
    [InlineData("met", "the rule is met, so nothing is owed")]
    [InlineData("not-applicable", "a duty that does not apply has nothing to escalate")]
    [InlineData("suspended", "a law-enforcement hold stops the clock")]
    public void nothing_escalates_when_nothing_is_owed(string situation, string because)
    {
        var (ruleId, facts) = situation switch
        {
            "met" => ("eu-gdpr-art33-sa", Facts.WithNotice("eu-gdpr-art33-sa", Recipient.Regulator, Aware.AddHours(5))),
            "not-applicable" => ("us-ny-899aa-individuals", Facts),
            _ => ("us-ca-1798.82-individuals", Facts with { Delay = new LawEnforcementDelay(Aware.AddHours(1)) }),
        };

        ObligationEscalation.NatureOf(Assess(ruleId, facts, Week)).Should().Be(EscalationNature.None, because);
    }

    [Fact]
    public void a_duty_that_follows_an_open_question_names_the_question_it_follows()
    {
        var attorneyGeneral = Assess("us-ca-1798.82-ag", Facts with { Encryption = EncryptionStatus.Unknown }, Week);

        attorneyGeneral.MissingFacts.Should().Contain(new MissingFact(FactNeeded.OtherObligation, "us-ca-1798.82-individuals",
            "whether individuals in US-CA must be notified"), "the lead sees which duty decides this one");
    }
}
