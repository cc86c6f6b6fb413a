using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>Incident facts: immutable, and checked by <see cref="IncidentFacts.Problems"/> before anyone relies on them.</summary>
public class the_incident_facts
{
    public static TheoryData<IncidentFacts, string, string> FlawedFacts => new()
    {
        { Facts.LivingIn(("DE", -5)), "AffectedByJurisdiction: 'DE' has a negative count (-5)", "a count of people cannot be negative" },
        { Facts.LivingIn(("XX", 3)), "AffectedByJurisdiction: unknown residence code 'XX'", "XX is not an ISO 3166-1 country" },
        { Facts.LivingIn(("US-ZZ", 3)), "AffectedByJurisdiction: unknown residence code 'US-ZZ'", "ZZ is not a US state or territory" },
        { Facts.LivingIn(("FR-75", 3)), "AffectedByJurisdiction: unknown residence code 'FR-75'", "only US, Canadian and Australian subdivisions are kept" },
        { Facts.LivingIn(("UK", 3)), "ISO 3166-1 writes it 'GB'", "the usual mistake gets its correction" },
        { Facts.LivingIn(("us-ca", 3)), "codes are upper case: 'US-CA'", "a lower-case code is named with its fix" },
        { Facts.WithClock(ClockStart.Awareness, Evening.AddMinutes(6)), "Clocks: Awareness at 2026-03-02T18:06:00Z is in the future", "awareness cannot lie ahead" },
        { Facts.WithClock(ClockStart.IndividualNotice, Aware), "Clocks: IndividualNotice is not recorded as a fact", "notices are recorded in Satisfied" },
        { Facts.WithSatisfied("eu-gdpr-art33-sa", Evening.AddHours(1)), "Satisfied: 'eu-gdpr-art33-sa' at 2026-03-02T19:00:00Z is in the future", "a duty cannot have been met later than now" },
        { Facts with { Delay = new LawEnforcementDelay(Evening.AddDays(1)) }, "Delay: RequestedAt 2026-03-03T18:00:00Z is in the future", "a delay cannot be requested later than now" },
        { Facts with { Delay = new LawEnforcementDelay(Evening, Aware) }, "Delay: LiftedAt 2026-03-02T09:00:00Z is before RequestedAt", "a delay cannot end before it starts" },
        { Facts.Exposing("loyalty-points"), "DataCategories: unknown category 'loyalty-points'", "the categories are a fixed vocabulary" },
        { Facts.WithFlags("bank"), "SectorFlags: unknown flag 'bank'", "the flags are a fixed vocabulary" },
        { Facts with { Risk = new RiskAssessment(false, true) }, "Risk: HighRisk is yes but RiskToIndividuals is no", "the risk answers contradict each other" },
    };

    [Theory]
    [MemberData(nameof(FlawedFacts))]
    public void problems_name_the_field_and_the_value(IncidentFacts facts, string expected, string because)
    {
        IncidentFacts.Problems(facts, Evening).Should().ContainSingle(because).Which.Should().Contain(expected, because);
    }

    [Fact]
    public void the_reference_incident_has_no_problems()
    {
        IncidentFacts.Problems(Facts, Evening).Should().BeEmpty("every code, word and instant in it is valid");
    }

    [Fact]
    public void an_instant_within_five_minutes_of_now_is_clock_skew_not_the_future()
    {
        IncidentFacts.Problems(Facts.WithClock(ClockStart.Awareness, Evening.AddMinutes(5)), Evening)
            .Should().BeEmpty("machines' clocks disagree by a few minutes");
    }

    [Theory]
    [InlineData("US-DC")]
    [InlineData("US-PR")]
    [InlineData("CA-QC")]
    [InlineData("AU-NSW")]
    [InlineData("NO")]
    public void subdivisions_and_countries_in_the_lists_are_accepted(string code)
    {
        IncidentFacts.Problems(Facts.LivingIn((code, 1)), Evening).Should().BeEmpty($"{code} is a known residence code");
    }

    [Fact]
    public void an_evaluation_carries_the_problems_of_its_facts()
    {
        var evaluation = Evaluate(Facts.LivingIn(("XX", 3), ("US-CA", 10)), Evening);

        evaluation.FactProblems.Should().ContainSingle("flawed facts are evaluated, but never silently")
            .Which.Should().Contain("'XX'", "the problem is named");
        evaluation.Obligations.Should().HaveCount(Catalogue2026.Rules.Count, "every rule is still assessed");
    }

    [Fact]
    public void facts_do_not_change_when_the_callers_collections_do()
    {
        var affected = new Dictionary<string, long> { ["DE"] = 10 };
        var facts = IncidentFacts.Empty with { AffectedByJurisdiction = affected };

        affected["DE"] = 99;

        facts.AffectedByJurisdiction["DE"].Should().Be(10, "facts copy what they are given, so an evaluation cannot shift under it");
    }

    [Fact]
    public void empty_facts_have_nothing_recorded()
    {
        var empty = IncidentFacts.Empty;

        empty.Clocks.Should().BeEmpty("no event is recorded yet");
        empty.Encryption.Should().Be(EncryptionStatus.Unknown, "encryption is unknown until someone checks");
        empty.Risk.Should().Be(RiskAssessment.NotAssessed, "nothing is assessed yet");
        empty.Delay.Should().BeNull("no law-enforcement delay was requested");
        IncidentFacts.Problems(empty, Evening).Should().BeEmpty("nothing recorded is nothing wrong");
    }

    [Fact]
    public void a_delay_is_active_from_its_request_until_it_is_lifted()
    {
        var delay = new LawEnforcementDelay(At("2026-03-03T12:00:00Z"), At("2026-03-13T12:00:00Z"));

        delay.IsActiveAt(At("2026-03-03T11:59:59Z")).Should().BeFalse("before the request nothing is held");
        delay.IsActiveAt(At("2026-03-03T12:00:00Z")).Should().BeTrue("the hold starts with the request");
        delay.IsActiveAt(At("2026-03-13T12:00:00Z")).Should().BeFalse("the hold ends when it is lifted");
    }
}
