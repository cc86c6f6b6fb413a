using System.Text.Json.Nodes;
using CaseManagement.Readiness.Exercises;
using CaseManagement.Readiness.Exercises.Reporting;
using CaseManagement.Rules.Scenarios;
using FluentAssertions;

namespace CaseManagement.UnitTests.Readiness;

/// <summary>
/// The exercise report's judgement of the team's record: an expected decision or a milestone target is met, late, not reached,
/// pending or not exercised only as the record shows it at the report's exercise instant.
/// </summary>
public class the_exercise_assessment
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // An alert at the start opens the incident; the script is found 40 minutes in. The team is expected to classify the severity
    // as high or critical within an hour of the alert and to record awareness within an hour of the finding; awareness is due
    // two hours after the alert, containment six.
    private static readonly Scenario Drill = new("drill", 1, "checkout-skimmer", "Drill", "Practise.", "test", "sha",
        new StagedIncident("Skimmer", "acquirer", "cards misused", ["payment-card"]),
        [
            new Inject("alert", TimeSpan.Zero, InjectKinds.Alert, "The acquirer calls.", true, null),
            new Inject("script-found", TimeSpan.FromMinutes(40), InjectKinds.Fact, "A script is found.", false, null),
        ],
        [
            new Expectation("classify", "Classify the severity", "severity_classified",
                new Dictionary<string, IReadOnlyList<string>> { ["severity"] = ["high", "critical"] }, "alert", TimeSpan.FromHours(1)),
            new Expectation("aware", "Record awareness", "awareness_recorded", new Dictionary<string, IReadOnlyList<string>>(), "script-found", TimeSpan.FromHours(1)),
        ],
        [new MilestoneTarget(ScenarioMilestones.Aware, TimeSpan.FromHours(2)), new MilestoneTarget(ScenarioMilestones.Contained, TimeSpan.FromHours(6))],
        false);

    private static DateTimeOffset Minute(int minutes) => Start.AddMinutes(minutes);

    private static IReadOnlyList<DeliveredInject> InjectsBy(int minutes) =>
        [.. Drill.Injects.Where(i => i.At <= TimeSpan.FromMinutes(minutes)).Select(i => new DeliveredInject(i.Id, i.Kind, i.At, Start + i.At, i.Text))];

    private static RecordedAct Classified(int minute, string severity) =>
        new(10 + minute, "severity_classified", new JsonObject { ["severity"] = severity }, Minute(minute), "Sam");

    [Theory]
    [InlineData(30, "high", 120, false, "met", "classified high half an hour after the alert, inside the hour")]
    [InlineData(90, "critical", 120, false, "late", "classified critical an hour and a half after the alert")]
    [InlineData(30, "low", 120, false, "not-reached", "a low severity is not the decision expected, and the hour has passed")]
    [InlineData(null, null, 30, false, "pending", "nothing yet, and the hour is not over")]
    [InlineData(null, null, 120, false, "not-reached", "the hour passed with nothing in the record: not reached, never assumed")]
    [InlineData(null, null, 30, true, "not-reached", "the exercise ended before anyone classified the severity")]
    public void an_expected_decision_is_judged_by_the_first_event_that_shows_it(int? minute, string? severity, int asOf, bool ended, string verdict, string because)
    {
        RecordedAct[] acts = minute is { } m ? [Classified(m, severity!)] : [];

        var decision = ExerciseAssessment.Of(Drill, InjectsBy(asOf), acts, Start, new Dictionary<string, DateTimeOffset>(), Minute(asOf), ended).Decisions[0];

        decision.Verdict.Should().Be(verdict, because);
        decision.TargetAt.Should().Be(Minute(60), "an hour after the alert");
        decision.SeenAt.Should().Be(verdict is "met" or "late" ? Minute(minute!.Value) : null, "only an event that shows the decision counts as seen");
    }

    [Theory]
    [InlineData(false, "pending", "the finding has not come yet, so the decision it calls for is not due")]
    [InlineData(true, "not-exercised", "the exercise ended before the finding came: the decision was never tested")]
    public void a_decision_after_an_inject_that_never_came_is_not_judged(bool ended, string verdict, string because)
    {
        var decision = ExerciseAssessment.Of(Drill, InjectsBy(30), [], Start, new Dictionary<string, DateTimeOffset>(), Minute(30), ended).Decisions[1];

        decision.Verdict.Should().Be(verdict, because);
        decision.TargetAt.Should().BeNull("the target counts from the inject, which has no time yet");
    }

    [Fact]
    public void milestones_are_timed_from_the_opening_alert_against_their_targets()
    {
        var reached = new Dictionary<string, DateTimeOffset> { [ScenarioMilestones.Aware] = Minute(100) };

        var milestones = ExerciseAssessment.Of(Drill, InjectsBy(400), [], Start, reached, Minute(400), ended: false).Milestones;

        milestones[0].Should().BeEquivalentTo(new { Milestone = "aware", Verdict = "met", Hours = 1.67 }, "aware 100 minutes in, inside the two hours");
        milestones[1].Should().BeEquivalentTo(new { Milestone = "contained", Verdict = "not-reached", Hours = (double?)null },
            "six hours passed without containment: no time is made up for it");
        ExerciseAssessment.Of(Drill, InjectsBy(200), [], Start, reached, Minute(200), ended: false).Milestones[1].Verdict
            .Should().Be("pending", "at 200 minutes the six hours are still running");
        ExerciseAssessment.Of(Drill, [], [], null, new Dictionary<string, DateTimeOffset>(), Start, ended: true).Milestones
            .Should().OnlyContain(m => m.Verdict == "not-exercised", "no incident was opened, so no milestone was tested");
    }

    [Fact]
    public void the_gaps_are_the_late_and_the_not_reached_with_what_was_expected()
    {
        var reached = new Dictionary<string, DateTimeOffset> { [ScenarioMilestones.Aware] = Minute(150) };

        var assessment = ExerciseAssessment.Of(Drill, InjectsBy(400), [Classified(90, "high")], Start, reached, Minute(400), ended: true);

        assessment.Gaps.Should().HaveCount(4, "classified late, awareness never recorded as expected, aware late, never contained");
        assessment.Gaps[0].Should().StartWith("Expected decision “Classify the severity”: late").And.Contain("30 min after the target");
        assessment.Gaps.Should().Contain(g => g.StartsWith("Milestone contained: not reached", StringComparison.Ordinal));
    }
}
