using CaseManagement.Incidents;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Obligations;

/// <summary>
/// Given an incident's events, which escalations are planned and whether a delivered one is raised.
/// GDPR Art. 33 (72 h from awareness) is the running example: awareness at 09:00 on 2 March puts it due
/// at 09:00 on 5 March.
/// </summary>
public sealed class the_escalation_rules
{
    private const string Gdpr = "eu-gdpr-art33-sa";
    private static readonly DateTimeOffset AwareAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset GdprDue = AwareAt.AddHours(72);
    private static readonly int[] Leads = [24, 4];

    private static readonly object[] FrenchCustomers =
    [
        Detection(AwareAt),
        new AffectedCountsRecorded(Id, [new AffectedCount("FR", 50)], "manual", "orders"),
    ];

    private static Rules.Evaluation.Evaluation Evaluate(IEnumerable<object> events, DateTimeOffset now)
    {
        var facts = FactsState.From(events);
        return ObligationEvaluator.Evaluate(facts.ToFacts(), facts.CatalogueOf(CatalogueStore.Embedded), EvaluationOptions.Default, now);
    }

    private static EscalationKey Key(EscalationKind kind, int lead = 0, DateTimeOffset? due = null) => new(Gdpr, due ?? GdprDue, kind, lead);

    [Fact]
    public void a_deadline_far_away_gets_each_lead_and_the_miss_scheduled_at_their_instants()
    {
        var target = new EscalationTarget(Gdpr, GdprDue, EscalationBasis.Deadline);

        var plan = EscalationRules.Plan(target, Leads, AwareAt);

        plan.Should().Equal(
            new PlannedEscalation(Key(EscalationKind.Approaching, 24), GdprDue.AddHours(-24)),
            new PlannedEscalation(Key(EscalationKind.Approaching, 4), GdprDue.AddHours(-4)),
            new PlannedEscalation(Key(EscalationKind.Missed), GdprDue));
    }

    [Fact]
    public void leads_already_passed_collapse_into_the_most_urgent_one_now()
    {
        var now = GdprDue.AddHours(-2);

        var plan = EscalationRules.Plan(new EscalationTarget(Gdpr, GdprDue, EscalationBasis.Deadline), Leads, now);

        plan.Should().Equal(
            [new PlannedEscalation(Key(EscalationKind.Approaching, 4), now), new PlannedEscalation(Key(EscalationKind.Missed), GdprDue)],
            "2 h before the deadline only \"4 h before\" still says something true; \"24 h before\" would be noise");
    }

    [Fact]
    public void a_deadline_already_passed_plans_only_the_miss_now()
    {
        var now = GdprDue.AddMinutes(1);

        EscalationRules.Plan(new EscalationTarget(Gdpr, GdprDue, EscalationBasis.Deadline), Leads, now)
            .Should().Equal(new PlannedEscalation(Key(EscalationKind.Missed), now));
    }

    [Fact]
    public void only_new_or_moved_targets_are_scheduled_after_a_fact_changes()
    {
        var before = Evaluate(FrenchCustomers, AwareAt);
        var corrected = FrenchCustomers.Append(new AwarenessCorrected(Id, AwareAt, AwareAt.AddHours(-12), "logs show it earlier")).ToList();

        var toSchedule = EscalationRules.ToSchedule(EscalationRules.TargetsOf(before), Evaluate(corrected, AwareAt), pauseEnded: false);

        toSchedule.Should().Contain(new EscalationTarget(Gdpr, GdprDue.AddHours(-12), EscalationBasis.Deadline), "the GDPR deadline moved 12 h earlier");
        toSchedule.Should().OnlyContain(t => t.DueAt < GdprDue, "targets that did not move keep the escalations already scheduled");
        EscalationRules.ToSchedule(EscalationRules.TargetsOf(before), Evaluate(FrenchCustomers, AwareAt), pauseEnded: false)
            .Should().BeEmpty("nothing moved, so nothing is scheduled twice");
    }

    [Fact]
    public void every_open_target_is_scheduled_again_when_a_pause_ends()
    {
        var evaluation = Evaluate(FrenchCustomers, AwareAt);

        EscalationRules.ToSchedule(EscalationRules.TargetsOf(evaluation), evaluation, pauseEnded: true)
            .Should().Contain(t => t.RuleId == Gdpr, "escalations that fell due while the incident was paused were skipped");
    }

    [Fact]
    public void a_duty_with_no_fixed_period_escalates_on_the_internal_target()
    {
        var individuals = Evaluate(FrenchCustomers.Append(new RiskAssessed(Id, true, true, null, "card numbers with CVV")), AwareAt)
            .For("eu-gdpr-art34-data-subjects");

        EscalationRules.TargetOf(individuals).Should().Be(
            new EscalationTarget("eu-gdpr-art34-data-subjects", AwareAt + EvaluationOptions.Default.QualitativeInternalTarget, EscalationBasis.InternalTarget),
            "\"without undue delay\" has no legal instant; our own target is what a responder is warned about");
    }

    [Fact]
    public void a_delivered_escalation_that_still_holds_is_raised_with_the_rule_it_concerns()
    {
        var incident = Given(FrenchCustomers);
        var now = GdprDue.AddHours(-4);
        var current = Evaluate(FrenchCustomers, now);

        var outcome = EscalationRules.Decide(Id, incident.Status, [], current.For(Gdpr), Key(EscalationKind.Approaching, 4), current.CatalogueVersion, now);

        var raised = outcome.Should().BeOfType<EscalationOutcome.Raise>().Subject.Event.Should().BeOfType<DeadlineApproaching>().Subject;
        raised.Should().BeEquivalentTo(new { RuleId = Gdpr, Jurisdiction = "EU", DueAt = GdprDue, LeadHours = 4, Basis = EscalationBasis.Deadline });
        raised.Citation.Should().Contain("Art. 33");
    }

    public static TheoryData<string, object[], EscalationKey, string> NotRaised => new()
    {
        { "the deadline moved", [.. FrenchCustomers, new AwarenessCorrected(Id, AwareAt, AwareAt.AddHours(6), "confirmed later than thought")], Key(EscalationKind.Missed), "moved" },
        { "the regulator was notified", [.. FrenchCustomers, new ObligationSatisfied(Id, Gdpr, GdprDue.AddHours(-30), "CNIL-1", "portal")], Key(EscalationKind.Missed), "met" },
        { "the incident is closed", [.. FrenchCustomers, new NotificationDeemedUnnecessary(Id, "encrypted"), Closure], Key(EscalationKind.Missed), "Closed" },
        { "it was raised before", [.. FrenchCustomers, new DeadlineMissed(Id, Gdpr, "EU", "regulator", "Art. 33", GdprDue, EscalationBasis.Deadline, "2026.11.1")], Key(EscalationKind.Missed), "already raised" },
        { "an approach arrives after the deadline", FrenchCustomers, Key(EscalationKind.Approaching, 24), "has passed" },
        { "no one in the EU is affected", [Detection(AwareAt), new AffectedCountsRecorded(Id, [new AffectedCount("US-TX", 40)], "manual", "orders")], Key(EscalationKind.Missed), "nothing to escalate" },
    };

    [Theory]
    [MemberData(nameof(NotRaised))]
    public void a_delivered_escalation_is_not_raised_when(string situation, object[] events, EscalationKey key, string why)
    {
        var now = GdprDue.AddMinutes(1);
        var current = Evaluate(events, now);
        // Escalations raised are on their own stream, not the incident's.
        var raised = events.OfType<DeadlineMissed>().Select(m => m.Key).ToList();
        var incident = Given([.. events.Where(e => e is not DeadlineMissed)]);

        var outcome = EscalationRules.Decide(Id, incident.Status, raised, current.For(Gdpr), key, current.CatalogueVersion, now);

        outcome.Should().BeOfType<EscalationOutcome.Skip>($"nothing should be raised when {situation}")
            .Which.Why.Should().Contain(why);
    }

    public static TheoryData<EscalationKey, int, string> FactsMissingMoments => new()
    {
        { Key(EscalationKind.Approaching, 24), 24, "a day before the deadline it would have" },
        { Key(EscalationKind.Missed), 0, "once that deadline has passed" },
    };

    [Theory]
    [MemberData(nameof(FactsMissingMoments))]
    public void a_duty_that_only_may_apply_asks_for_its_facts_and_is_never_reported_missed(EscalationKey key, int leadHours, string moment)
    {
        // Aware of a breach, nobody recorded as affected yet: whether the GDPR applies depends on where people live.
        var events = new object[] { Detection(AwareAt) };
        var now = key.Kind == EscalationKind.Missed ? GdprDue.AddMinutes(1) : GdprDue.AddHours(-24);
        var current = Evaluate(events, now);

        var outcome = EscalationRules.Decide(Id, Given(events).Status, [], current.For(Gdpr), key, current.CatalogueVersion, now);

        var raised = outcome.Should().BeOfType<EscalationOutcome.Raise>($"the open question is escalated {moment}").Subject.Event;
        raised.Should().BeOfType<ObligationFactsMissing>("an undetermined duty is never \"missed\": nobody knows it was owed")
            .Which.Should().Match<ObligationFactsMissing>(f => f.RuleId == Gdpr && f.LeadHours == leadHours && f.DueAt == GdprDue
                && f.MissingFacts.Any(m => m.Kind == FactNeeded.AffectedResidence));
    }

    [Fact]
    public void once_the_facts_show_the_duty_applies_its_own_deadline_escalation_still_comes()
    {
        var now = GdprDue.AddMinutes(1);
        var askedForFacts = new ObligationFactsMissing(Id, Gdpr, "EU", "regulator", "Art. 33", [], GdprDue, EscalationBasis.Deadline, 0, "2026.12.1").Key;
        var current = Evaluate(FrenchCustomers, now);

        EscalationRules.Decide(Id, Given(FrenchCustomers).Status, [askedForFacts], current.For(Gdpr), Key(EscalationKind.Missed), current.CatalogueVersion, now)
            .Should().BeOfType<EscalationOutcome.Raise>().Which.Event.Should().BeOfType<DeadlineMissed>(
                "the earlier escalation asked for facts; now that French customers are recorded, the miss is real and said once");
        EscalationRules.Decide(Id, Given([Detection(AwareAt)]).Status, [askedForFacts], Evaluate([Detection(AwareAt)], now).For(Gdpr), Key(EscalationKind.Missed),
                current.CatalogueVersion, now)
            .Should().BeOfType<EscalationOutcome.Skip>("the facts were asked for at that moment already").Which.Why.Should().Contain("already raised");
    }

    [Fact]
    public void a_miss_delivered_early_by_a_fast_clock_waits_for_the_deadline()
    {
        var now = GdprDue.AddSeconds(-3);
        var current = Evaluate(FrenchCustomers, now);

        EscalationRules.Decide(Id, Given(FrenchCustomers).Status, [], current.For(Gdpr), Key(EscalationKind.Missed), current.CatalogueVersion, now)
            .Should().Be(new EscalationOutcome.Defer(GdprDue));
    }

    [Theory]
    [InlineData(null, new[] { 24, 4 })]
    [InlineData(new[] { 4, 48, 4 }, new[] { 48, 4 })]
    public void lead_times_default_to_24_and_4_hours_and_are_ordered(int[]? configured, int[] expected) =>
        new EscalationOptions { LeadHours = configured }.EffectiveLeadHours().Should().Equal(expected);

    [Fact]
    public void a_lead_time_of_zero_is_a_configuration_error() =>
        new Action(() => new EscalationOptions { LeadHours = [0] }.EffectiveLeadHours())
            .Should().Throw<InvalidOperationException>().WithMessage("*between 1 and*");
}
