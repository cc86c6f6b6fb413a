using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Awareness;
using FluentAssertions;
using static CaseManagement.UnitTests.AuditReports.RecordedHistory;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>Phase durations and response times from the milestones' business times, with who acted, and what is missing said so.</summary>
public class the_phase_durations
{
    private static readonly DateTimeOffset Later = Detected.AddDays(30);

    private static readonly BreachStart Stated = new(Detected.AddDays(-5), "breach start stated in notification campaign “Letters” (c1)");

    private static RecordedHistory Walked(RecordedHistory? from = null) => (from ?? Detection(awareAt: Detected.AddHours(1)))
        .Then("user:kim@shop.test", Detected.AddHours(5), new IncidentContained(Id, Detected.AddHours(4), "script removed"))
        .Then(Sam, Detected.AddHours(20), new IncidentScoped(Id, Detected.AddHours(20), "orders of 2 days", 1200, []))
        .Then("user:lena@shop.test", Detected.AddHours(40), new IncidentNotified(Id, Detected.AddHours(37), ["regulator"], "SA notified"))
        .Then(Sam, Detected.AddDays(5), new IncidentClosed(Id, "done"));

    [Fact]
    public void a_walked_incident_has_every_measure_and_who_acted()
    {
        var began = Detection(awareAt: Detected.AddHours(1))
            .Then("user:ida@shop.test", Detected.AddHours(3), new BreachStartRecorded(Id, Detected.AddDays(-2), "skimmer file first served then (host log)"));

        var phases = IncidentPhases.Of(Walked(began).History, Stated, Later);

        phases.Measures.Select(m => (m.Name, m.Hours)).Should().Equal(("mttd", 48.0), ("mttc", 4.0), ("mttn", 36.0), ("time-to-close", 120.0));
        phases.Measures.Named("mttc").Text.Should().Be("4 h");
        phases.Measures.Named("mttc").By!.Name.Should().Be("kim@shop.test", "who recorded the containment acted in that phase");
        phases.Measures.Named("mttn").Label.Should().Contain("awareness", "regulator clocks run from awareness");
        phases.Phases.Select(p => (p.Label, p.Text, p.By?.Name)).Should().Equal(
            ("Breach start to detection", "2 d", "sam@shop.test"), ("Detection to containment", "4 h", "kim@shop.test"),
            ("Containment to scope", "16 h", "sam@shop.test"), ("Scope to first notification", "17 h", "lena@shop.test"),
            ("First notification to closure", "3 d 11 h", "sam@shop.test"));
    }

    [Fact]
    public void the_closing_time_is_when_the_closure_was_recorded_as_it_states_no_other()
    {
        var phases = IncidentPhases.Of(Walked().History, null, Later);

        phases.Milestones.Single(m => m.Name == "closed").Should().BeEquivalentTo(new { At = (DateTimeOffset?)Detected.AddDays(5), Source = "incident_closed" });
    }

    [Fact]
    public void without_a_breach_start_the_time_to_detect_needs_the_fact_rather_than_a_guess()
    {
        var phases = IncidentPhases.Of(Walked().History, null, Later);

        phases.Measures.Named("mttd").Should().BeEquivalentTo(new { Hours = (double?)null, Text = IncidentPhases.NeedsBreachStart },
            "nobody said when the breach began: the time is unknown, neither zero nor derived");
        phases.Phases.Single(p => p.Name == "detection").Hours.Should().BeNull("the detection phase starts at the same missing fact");
    }

    [Fact]
    public void the_latest_breach_start_statement_wins_and_the_milestone_names_that_fact_and_who_stated_it()
    {
        var restated = Detection()
            .Then("user:ida@shop.test", Detected.AddHours(3), new BreachStartRecorded(Id, Detected.AddDays(-3), "first order with a skimmed card"))
            .Then("user:kim@shop.test", Detected.AddHours(9), new BreachStartRecorded(Id, Detected.AddDays(-4), "theme file changed then (host log)",
                Detected.AddDays(-3)));

        var phases = IncidentPhases.Of(restated.History, Stated, Later);

        phases.Measures.Named("mttd").Hours.Should().Be(96, "from the restated start, four days before detection; the campaign's five days are not a fact");
        phases.Milestones.Single(m => m.Name == IncidentPhases.BreachStarted).Should().BeEquivalentTo(new
        {
            At = (DateTimeOffset?)Detected.AddDays(-4),
            RecordedAt = (DateTimeOffset?)Detected.AddHours(9),
            Source = "breach_start_recorded (version 3, restating 2026-02-27 08:00 UTC): theme file changed then (host log)",
        });
        phases.Milestones.Single(m => m.Name == IncidentPhases.BreachStarted).By!.Name.Should().Be("kim@shop.test", "Kim made the statement that stands");
    }

    [Fact]
    public void a_breach_start_a_campaign_stated_is_shown_for_what_it_is_and_never_measured_from()
    {
        var phases = IncidentPhases.Of(Walked().History, Stated, Later);

        var mttd = phases.Measures.Named("mttd");
        mttd.Hours.Should().BeNull("what recipients were told is not the incident's recorded fact");
        mttd.Text.Should().StartWith(IncidentPhases.NeedsBreachStart)
            .And.Contain("notification campaign “Letters” (c1) gives 2026-02-25 08:00 UTC, which is what recipients were told, not a recorded fact");
        phases.Milestones.Single(m => m.Name == IncidentPhases.BreachStarted).At.Should().BeNull("the milestone is not reached by a campaign's wording");
    }

    [Fact]
    public void an_open_incident_says_how_long_a_phase_has_run_so_far()
    {
        var phases = IncidentPhases.Of(Detection().History, null, Detected.AddHours(6));

        phases.Measures.Named("mttc").Should().BeEquivalentTo(new { Hours = (double?)null, Text = "not contained as of 2026-03-02 14:00 UTC: 6 h so far" });
        phases.Measures.Named("time-to-close").Text.Should().StartWith("not closed as of");
        phases.Phases.Single(p => p.Name == "scoping").Text.Should().Be("not started: not contained yet");
    }

    [Fact]
    public void a_closed_false_positive_never_reached_containment_and_closure_follows_detection()
    {
        var history = Detection()
            .Then(Sam, Detected.AddHours(2), new MarkedFalsePositive(Id, "pen-test"))
            .Then(Sam, Detected.AddHours(3), new IncidentClosed(Id, null));

        var phases = IncidentPhases.Of(history.History, null, Later);

        phases.Measures.Named("mttc").Text.Should().Be("not reached: closed without being contained");
        phases.Phases.Single(p => p.Name == "closure").Should().BeEquivalentTo(new { Label = "Detection to closure", Hours = (double?)3 });
    }

    [Fact]
    public void without_a_recorded_awareness_the_time_to_notify_runs_from_detection_and_says_so()
    {
        var history = Detection()
            .Then(Sam, Detected.AddHours(10), new IncidentScoped(Id, Detected.AddHours(10), "s", null, []))
            .Then(Sam, Detected.AddHours(30), new IncidentNotified(Id, Detected.AddHours(30), ["individuals"], "letters"));

        var mttn = IncidentPhases.Of(history.History, null, Later).Measures.Named("mttn");

        mttn.Should().BeEquivalentTo(new { From = "detected", Hours = (double?)30 });
        mttn.Label.Should().Contain("no awareness is recorded");
    }

    [Fact]
    public void a_reopened_incident_is_not_closed_any_more()
    {
        var history = Walked().Then(Sam, Detected.AddDays(6), new IncidentReopened(Id, "more orders found"));

        var phases = IncidentPhases.Of(history.History, null, Detected.AddDays(7));

        phases.Measures.Named("time-to-close").Hours.Should().BeNull();
        history.History.Incident.Status.Should().Be(IncidentStatus.Notified);
    }
}
