using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>
/// Closing an incident (or finding it a false positive once anyone was told) needs every duty that applies or may apply met
/// or waived with a reason (issue 14, item 4).
/// </summary>
public class the_closure_check
{
    private static readonly ObligationCatalogue Revised = CatalogueStore.Embedded.Get("2026.12.1");
    private static readonly DateTimeOffset Now = At("2026-03-06T09:00:00Z");
    private static readonly IncidentFacts Marylanders = Facts.LivingIn(("US-MD", 40));

    private static ObligationWaiver Waiver(string ruleId, string reason = "counsel: the acquirer told the brands on our behalf") =>
        new(ruleId, reason, "lead@shop", Now.AddHours(-1));

    private static Rules.Evaluation.Evaluation Evaluate(IncidentFacts facts) => ObligationEvaluator.Evaluate(facts, Revised, EvaluationOptions.Default, Now);

    /// <summary>The facts with every recipient of every duty in play told, an hour ago.</summary>
    private static IncidentFacts EveryoneTold(IncidentFacts facts) =>
        Evaluate(facts).Obligations.Where(o => o.Applicability != Applicability.NotApplicable)
            .SelectMany(o => o.Recipients.Select(r => (o.RuleId, r)))
            .Aggregate(facts, (f, told) => f.WithNotice(told.RuleId, told.r, Now.AddHours(-1)));

    private static IncidentFacts AllButOne(IncidentFacts facts, string ruleId) =>
        EveryoneTold(facts) with { Notices = [.. EveryoneTold(facts).Notices.Where(n => n.RuleId != ruleId)] };

    public static TheoryData<string, IncidentFacts, ObligationWaiver[], bool, bool, string> Cases => new()
    {
        { "nothing done", Marylanders, [], false, false, "Marylanders and the card brands are owed notices" },
        { "every recipient told", EveryoneTold(Marylanders), [], false, true, "each duty's every recipient has its act" },
        { "one duty open", AllButOne(Marylanders, "us-md-ag"), [], false, false, "Maryland's Attorney General was never told" },
        { "that duty waived", AllButOne(Marylanders, "us-md-ag"), [Waiver("us-md-ag")], false, true, "a compliance lead waived it with a reason" },
        { "waived without a reason", AllButOne(Marylanders, "us-md-ag"), [Waiver("us-md-ag", "  ")], false, false, "a waiver needs its reason" },
        { "another duty waived", AllButOne(Marylanders, "us-md-ag"), [Waiver("us-md-individuals")], false, false, "a waiver speaks for its own duty only" },
        {
            "partly met", EveryoneTold(Marylanders) with { Notices = [.. EveryoneTold(Marylanders).Notices.Where(n => n.Recipient != Recipient.CardBrands)] },
            [], false, false, "the acquirer heard, the card brands did not"
        },
        { "facts missing", Facts.LivingIn(("US", 40)), [], false, false, "Americans of unknown state may bring any state's duties into play" },
        { "false positive, nobody told", Marylanders, [], true, true, "a false positive nobody heard of owes nothing" },
        {
            "false positive after the Attorney General heard", Marylanders.WithNotice("us-md-ag", Recipient.AttorneyGeneral, Now.AddHours(-3)), [], true, false,
            "once someone was told, the finding must dispose of every other duty"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void an_incident_closes_only_over_duties_met_or_waived(string situation, IncidentFacts facts, ObligationWaiver[] waivers, bool falsePositive,
        bool mayProceed, string because)
    {
        var check = ClosureCheck.Check(Evaluate(facts), waivers, falsePositive);

        check.MayProceed.Should().Be(mayProceed, "{0}: {1}", situation, because);
        check.Open.Where(d => d.Standing != DutyStanding.Open || d.Reason.Length == 0).Should().BeEmpty("{0}: every open duty says why", situation);
    }

    [Fact]
    public void each_open_duty_says_what_is_owed_how_urgent_it_is_and_how_to_settle_it()
    {
        var check = ClosureCheck.Check(Evaluate(AllButOne(Marylanders, "us-md-ag")), []);

        var open = check.Open.Should().ContainSingle("only Maryland's Attorney General is still owed").Subject;
        open.RuleId.Should().Be("us-md-ag");
        open.Owed.Should().Equal([Recipient.AttorneyGeneral]);
        open.Reason.Should().Contain("still owed to attorney general").And.Contain("waive it with a reason", "the lead is told how to settle it");
        check.Why.Should().Contain("met, not applicable, or waived");
    }

    [Fact]
    public void a_partly_met_duty_names_who_was_told_and_who_is_still_owed()
    {
        var facts = Marylanders.WithNotice("pci-visa-immediate-notice", Recipient.Acquirer, Now.AddHours(-2));

        var duty = ClosureCheck.Check(Evaluate(facts), []).Open.Single(d => d.RuleId == "pci-visa-immediate-notice");

        duty.Status.Should().Be(ObligationStatus.PartlyMet);
        duty.Owed.Should().Equal([Recipient.CardBrands], "the acquirer was told, the card brands not yet");
        duty.Reason.Should().Contain("still owed to card brands").And.Contain("told so far: acquirer at 2026-03-06T07:00:00Z");
    }

    [Fact]
    public void an_undetermined_duty_names_the_facts_that_would_settle_it()
    {
        var duty = ClosureCheck.Check(Evaluate(Facts.LivingIn(("US", 40))), []).Open.First(d => d.Jurisdiction == "US-MD");

        duty.Status.Should().Be(ObligationStatus.NeedsFacts);
        duty.MissingFacts.Should().NotBeEmpty();
        duty.Reason.Should().StartWith("may apply:").And.Contain("record the facts that show it does not apply");
    }

    [Fact]
    public void a_waived_duty_is_listed_with_who_waived_it_and_why_and_a_met_one_stays_met_whatever_was_waived()
    {
        var facts = AllButOne(Marylanders, "us-md-ag");

        var check = ClosureCheck.Check(Evaluate(facts), [Waiver("us-md-ag"), Waiver("us-md-individuals")]);

        check.Duties.Single(d => d.RuleId == "us-md-ag").Should().Match<DutyDisposition>(d =>
            d.Standing == DutyStanding.Waived && d.Reason.Contains("waived by lead@shop at 2026-03-06T08:00:00Z: counsel: the acquirer told the brands"));
        check.Duties.Single(d => d.RuleId == "us-md-individuals").Standing.Should().Be(DutyStanding.Met, "what was done is not undone by a waiver");
    }

    [Fact]
    public void liability_exposures_are_not_duties_and_rules_that_do_not_apply_are_left_out()
    {
        var californians = Facts.LivingIn(("US-CA", 1_200));

        var check = ClosureCheck.Check(Evaluate(EveryoneTold(californians)), []);

        check.MayProceed.Should().BeTrue("the CCPA private right of action is an exposure: nobody can be told to meet it");
        check.Duties.Should().NotContain(d => d.RuleId == "us-ca-ccpa-1798.150-pra");
        check.Duties.Should().NotContain(d => d.Jurisdiction == "US-MD", "no Marylanders are affected");
    }
}
