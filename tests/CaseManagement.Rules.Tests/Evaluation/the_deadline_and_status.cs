using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>How deadlines, backstops, delays and the status at a given instant come out of an evaluation.</summary>
public class the_deadline_and_status
{
    private static readonly LawEnforcementDelay PoliceHold = new(At("2026-03-03T12:00:00Z"));

    [Theory]
    [InlineData(70, ObligationStatus.MetOnTime, "70 hours is inside the 72")]
    [InlineData(72, ObligationStatus.MetOnTime, "met exactly at the due instant is on time")]
    [InlineData(75, ObligationStatus.MetLate, "75 hours is 3 hours late, and the notice must give reasons")]
    public void gdpr_article_33_met_after_so_many_hours(int hours, ObligationStatus expected, string because)
    {
        var facts = Facts.WithSatisfied("eu-gdpr-art33-sa", Aware.AddHours(hours));

        var gdpr = Assess("eu-gdpr-art33-sa", facts, Aware.AddHours(80));

        gdpr.Status.Should().Be(expected, because);
        gdpr.SatisfiedAt.Should().Be(Aware.AddHours(hours), "the instant the duty was met is shown with its status");
    }

    [Theory]
    [InlineData(47, ObligationStatus.Pending, "25 hours before the deadline is outside the 24-hour window")]
    [InlineData(48, ObligationStatus.DueSoon, "the due-soon window starts 24 hours before the deadline")]
    [InlineData(72, ObligationStatus.DueSoon, "the due instant itself is still in time")]
    [InlineData(73, ObligationStatus.Overdue, "an hour after the deadline, unmet, it is overdue")]
    public void gdpr_article_33_unmet_after_so_many_hours(int hours, ObligationStatus expected, string because)
    {
        Assess("eu-gdpr-art33-sa", Facts, Aware.AddHours(hours)).Status.Should().Be(expected, because);
    }

    [Fact]
    public void the_due_soon_window_is_the_organisations_choice()
    {
        var options = EvaluationOptions.Default with { DueSoonWindow = TimeSpan.FromHours(48) };

        Evaluate(Facts, Aware.AddHours(30), options).For("eu-gdpr-art33-sa").Status
            .Should().Be(ObligationStatus.DueSoon, "42 hours before the deadline is inside a 48-hour window");
    }

    [Fact]
    public void the_internal_target_for_no_fixed_period_is_the_organisations_choice()
    {
        var facts = Facts with { Risk = new RiskAssessment(HighRisk: true) };
        var options = EvaluationOptions.Default with { QualitativeInternalTarget = TimeSpan.FromHours(24) };

        var notice = Evaluate(facts, Evening, options).For("eu-gdpr-art34-data-subjects");

        notice.InternalTarget.Should().Be(Aware.AddHours(24), "the target is counted from the rule's clock start");
        notice.Reason.Should().Contain("24 h after awareness", "the reason says how the target was set");
    }

    [Fact]
    public void an_active_law_enforcement_delay_suspends_a_california_notice_but_keeps_its_due_instant_in_view()
    {
        var notice = Assess("us-ca-1798.82-individuals", Facts with { Delay = PoliceHold }, At("2026-03-04T09:00:00Z"));

        notice.Status.Should().Be(ObligationStatus.Suspended, "California lets police hold back the resident notice");
        notice.SuspendedBy.Should().Be(PoliceHold, "the delay that holds the clock is named");
        notice.DueAt.Should().Be(At("2026-04-02T06:59:59.9999999Z"), "the due instant stays in view while the delay lasts");
        notice.Reason.Should().Contain("engine convention", "how a delay moves the deadline is our convention, not verified per statute");
    }

    [Fact]
    public void a_law_enforcement_delay_does_not_suspend_gdpr()
    {
        var gdpr = Assess("eu-gdpr-art33-sa", Facts with { Delay = PoliceHold }, At("2026-03-04T09:00:00Z"));

        gdpr.Status.Should().Be(ObligationStatus.DueSoon, "Art. 33 has no law-enforcement pause: 24 hours remain");
        gdpr.SuspendedBy.Should().BeNull("nothing holds the GDPR clock");
    }

    [Fact]
    public void a_lifted_delay_moves_the_due_instant_by_as_long_as_it_lasted()
    {
        var lifted = PoliceHold with { LiftedAt = At("2026-03-13T12:00:00Z") };

        var notice = Assess("us-ca-1798.82-individuals", Facts with { Delay = lifted }, At("2026-03-14T09:00:00Z"));

        notice.Status.Should().Be(ObligationStatus.Pending, "the delay is over and the clock runs again");
        notice.DueAt.Should().Be(At("2026-04-12T06:59:59.9999999Z"), "the clock stood still for the 10 days of the delay");
        notice.SuspendedBy.Should().Be(lifted, "the delay that moved the deadline is named");
        notice.Reason.Should().Contain("due moved from 2026-04-02T06:59:59Z to 2026-04-12T06:59:59Z").And.Contain("not verified per statute",
            "the reason says how far the deadline moved and that the rule is ours");
    }

    [Fact]
    public void a_notice_sent_while_the_delay_still_holds_is_on_time_even_after_the_original_due_instant()
    {
        var facts = (Facts with { Delay = PoliceHold }).WithSatisfied("us-ca-1798.82-individuals", At("2026-04-05T12:00:00Z"));

        var notice = Assess("us-ca-1798.82-individuals", facts, At("2026-04-06T12:00:00Z"));

        notice.Status.Should().Be(ObligationStatus.MetOnTime, "the clock stood still from the police request until the notice went out");
        notice.DueAt.Should().BeAfter(notice.SatisfiedAt!.Value, "the held time is added to the original due instant");
    }

    [Fact]
    public void a_delay_requested_after_the_deadline_passed_moves_nothing()
    {
        var late = new LawEnforcementDelay(At("2026-04-10T00:00:00Z"), At("2026-04-20T00:00:00Z"));

        var notice = Assess("us-ca-1798.82-individuals", Facts with { Delay = late }, At("2026-04-21T00:00:00Z"));

        notice.DueAt.Should().Be(At("2026-04-02T06:59:59.9999999Z"), "a deadline that had passed cannot be held");
        notice.Status.Should().Be(ObligationStatus.Overdue, "the notice is still late");
        notice.Reason.Should().Contain("after this deadline had passed", "the reason says why the delay did not help");
    }

    [Theory]
    [InlineData(10, "2026-03-02T23:00:00Z", "classified at 10 h: classification + 4 h comes before awareness + 24 h")]
    [InlineData(22, "2026-03-03T09:00:00Z", "classified at 22 h: awareness + 24 h comes before classification + 4 h")]
    [InlineData(24, "2026-03-03T13:00:00Z", "classified exactly at 24 h: the 4 hours still run")]
    [InlineData(30, "2026-03-03T19:00:00Z", "classified at 30 h: the passed 24-hour backstop is ignored, classification + 4 h applies")]
    public void dora_initial_notice_is_due_4_hours_after_classification_and_no_later_than_24_hours_after_awareness(int classifiedAfterHours, string expected, string because)
    {
        var facts = Facts.WithFlags(SectorFlag.FinancialEntity).WithClock(ClockStart.ClassificationAsMajor, Aware.AddHours(classifiedAfterHours));

        var dora = Assess("eu-dora-art19-initial", facts, Aware.AddHours(classifiedAfterHours));

        dora.Applicability.Should().Be(Applicability.Applies, "a financial entity classified the incident as major");
        dora.DueAt.Should().Be(At(expected), because);
    }

    [Fact]
    public void dora_shows_the_awareness_backstop_until_the_incident_is_classified()
    {
        var dora = Assess("eu-dora-art19-initial", Facts.WithFlags(SectorFlag.FinancialEntity), Aware.AddHours(3));

        dora.Applicability.Should().Be(Applicability.Undetermined, "only a major incident must be reported");
        dora.Reason.Should().Contain("needs a DORA major-incident classification", "the reason names the missing decision");
        dora.DueAt.Should().Be(At("2026-03-03T09:00:00Z"), "if it is classified within the day, the report is due 24 h after awareness at the latest");
    }

    [Fact]
    public void dora_drops_a_passed_backstop_while_the_incident_is_unclassified()
    {
        var dora = Assess("eu-dora-art19-initial", Facts.WithFlags(SectorFlag.FinancialEntity), Aware.AddHours(26));

        dora.Due.Should().BeNull("classified from now on, the report is due 4 h after classification, not at the passed backstop");
        dora.Status.Should().Be(ObligationStatus.NeedsFacts, "whether DORA applies waits for the classification as major");
        dora.DeadlineStatus.Should().Be(ObligationStatus.Pending, "an unclassified incident is not overdue");
        dora.Reason.Should().Contain("passed at 2026-03-03T09:00:00Z", "the reason explains why no instant is shown");
    }

    [Fact]
    public void dora_intermediate_report_runs_from_the_submitted_initial_notice()
    {
        var facts = Facts.WithFlags(SectorFlag.FinancialEntity)
            .WithClock(ClockStart.ClassificationAsMajor, Aware.AddHours(2))
            .WithSatisfied("eu-dora-art19-initial", Aware.AddHours(5));

        var intermediate = Assess("eu-dora-art19-intermediate", facts, Aware.AddHours(6));

        intermediate.ClockStartedAt.Should().Be(Aware.AddHours(5), "the catalogue follows the RTS: 72 h from submitting the initial notice");
        intermediate.DueAt.Should().Be(Aware.AddHours(77), "72 elapsed hours from the initial notice");
        Assess("eu-dora-art19-final", facts, Aware.AddHours(6)).Reason.Should().Contain("it runs from the submission of eu-dora-art19-intermediate",
            "the final report waits for the intermediate one");
    }

    [Fact]
    public void vermont_preliminary_notice_is_due_by_the_consumer_notice_when_that_comes_first()
    {
        var facts = Facts.LivingIn(("US-VT", 5)).WithSatisfied("us-vt-individuals", At("2026-03-10T15:00:00Z"));

        var preliminary = Assess("us-vt-ag-preliminary", facts, At("2026-03-09T12:00:00Z"));

        preliminary.Due.Should().Be(new Due.RelativeTo(EventRelation.NoLaterThan, At("2026-03-10T15:00:00Z")),
            "consumer notice on 10 March comes before discovery + 14 business days (20 March)");
        preliminary.DeadlineText.Should().Contain("14 business days").And.Contain("consumer notice", "both clocks are named in words");
    }

    [Fact]
    public void hipaa_small_breach_log_is_due_60_days_after_the_end_of_the_year_of_discovery()
    {
        var facts = Facts.LivingIn(("US-CA", 100)).Exposing(DataCategory.Health, DataCategory.Name).WithFlags(SectorFlag.CoveredEntity);

        var log = Assess("us-hipaa-164.408-hhs-under500", facts, Evening);

        log.Applicability.Should().Be(Applicability.Applies, "100 is under HHS's 500 mark");
        log.ClockStartedAt.Should().Be(At("2027-01-01T04:59:59.9999999Z"), "the year of discovery ends at midnight in New York");
        log.DueAt.Should().Be(At("2027-03-02T04:59:59.9999999Z"), "60 days after 31 December 2026 is 1 March 2027");
    }

    [Fact]
    public void a_ransom_payment_starts_the_nydfs_24_hour_clock()
    {
        var facts = Facts.WithFlags(SectorFlag.CoveredEntity, SectorFlag.FinancialEntity).WithClock(ClockStart.ExtortionPayment, At("2026-03-04T10:00:00Z"));

        var notice = Assess("us-ny-dfs-500.17c-payment-notice", facts, At("2026-03-04T12:00:00Z"));

        notice.Applicability.Should().Be(Applicability.Applies, "a DFS licensee paid a ransom; no New York residents are needed");
        notice.DueAt.Should().Be(At("2026-03-05T10:00:00Z"), "24 hours after paying");
        notice.Status.Should().Be(ObligationStatus.DueSoon, "22 hours remain");
    }

    [Fact]
    public void rules_with_no_deadline_apply_without_a_due_instant()
    {
        var register = Assess("eu-gdpr-art33-5-register", Facts, Evening);

        register.Applicability.Should().Be(Applicability.Applies, "every breach goes into the GDPR breach register");
        register.Due.Should().BeOfType<Due.NotApplicable>("record-keeping has no deadline");
        register.Status.Should().Be(ObligationStatus.NotApplicable, "there is nothing to be on time for");
    }

    [Fact]
    public void a_rule_with_no_deadline_is_met_once_it_is_done()
    {
        var register = Assess("eu-gdpr-art33-5-register", Facts.WithSatisfied("eu-gdpr-art33-5-register", Evening), Evening.AddHours(1));

        register.Status.Should().Be(ObligationStatus.Met, "the breach register entry was recorded; \"not applicable\" would hide that it was owed and done");
        register.SatisfiedAt.Should().Be(Evening);
    }
}
