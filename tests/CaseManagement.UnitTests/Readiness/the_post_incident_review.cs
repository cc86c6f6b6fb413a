using CaseManagement.Incidents;
using CaseManagement.Readiness.Policy;
using CaseManagement.Readiness.Reviews;
using FluentAssertions;
using JasperFx.Events;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Readiness;

/// <summary>A post-incident review given its events, and what it then allows: findings, actions tracked to done with reminders, completion.</summary>
public class the_post_incident_review
{
    private static readonly Guid ReviewId = ReviewStreams.For(Id);
    private static readonly DateTimeOffset At = Detected.AddDays(5);
    private static readonly DateTimeOffset Due = At.AddDays(14);

    private static readonly ReviewFindingsRecorded Findings = new(ReviewId, "checkout plugin left unpatched for 9 months", ["no patch inventory"],
        ["skimmer removed within 3 hours"], ["awareness recorded a day late"]);

    private static readonly ReviewActionAdded PatchInventory = new(ReviewId, "action-1", "Keep a patch inventory of every plugin", "kim.lead@shop.test", Due);

    private static Review Started() => Review.Create(new Event<ReviewStarted>(new ReviewStarted(ReviewId, Id, "Skimmer in checkout", Severity.Critical, At,
        ["recorded at 2026-03-02 08:00 UTC: Sam opened the incident"], [], []))
    {
        Timestamp = At,
        UserName = "user:sam",
    });

    private static Review Given(params object[] events) => Folded.With(Started(), At, "user:lena", events);

    [Fact]
    public void a_review_completes_only_once_it_names_the_root_cause()
    {
        ReviewDecisions.RefuseCompletion(Started()).Should().Contain("record the root cause first", "a review that does not say why it happened is not a review");
        ReviewDecisions.RefuseCompletion(Given(Findings)).Should().BeNull("the root cause is recorded");
        Given(Findings).RootCause.Should().Be(Findings.RootCause);
    }

    [Fact]
    public void a_later_statement_of_findings_replaces_the_earlier_one()
    {
        var restated = Findings with { RootCause = "a stolen admin password", WentWell = [] };

        var review = Given(Findings, restated);

        review.RootCause.Should().Be("a stolen admin password");
        review.WentWell.Should().BeEmpty("the later statement says nothing went well");
        review.ContributingFactors.Should().Equal("no patch inventory");
    }

    [Fact]
    public void a_completed_review_keeps_its_findings_but_its_actions_are_still_tracked_to_done()
    {
        var completed = Given(Findings, PatchInventory, new ReviewCompleted(ReviewId, "reviewed with the shop owner"));

        completed.IsCompleted.Should().BeTrue();
        completed.CompletedBy.Should().Be("user:lena");
        ReviewDecisions.RefuseChange(completed).Should().Contain("completed", "findings and new actions belong to an open review");
        ReviewDecisions.RefuseCompletion(completed).Should().Contain("completed", "it is completed once");
        ReviewDecisions.RefuseDone(completed, "action-1").Should().BeNull("an open action is tracked to done after the review completed");
    }

    [Fact]
    public void actions_are_numbered_in_order_and_an_action_is_done_once()
    {
        var second = PatchInventory with { ActionId = ReviewDecisions.NextActionId(Given(PatchInventory)), Title = "Alert on new scripts in checkout" };
        var done = Given(PatchInventory, second, new ReviewActionDone(ReviewId, "action-1", "inventory in the wiki", Due.AddDays(-1)));

        ReviewDecisions.NextActionId(Started()).Should().Be("action-1");
        second.ActionId.Should().Be("action-2");
        done.Action("action-1")!.IsDone.Should().BeTrue();
        ReviewDecisions.RefuseDone(done, "action-1").Should().Be(($"action 'action-1' was recorded done at {Due.AddDays(-1):O}", false));
        ReviewDecisions.RefuseDone(done, "action-2").Should().BeNull("action-2 is still open");
        ReviewDecisions.RefuseDone(done, "action-9")!.Value.Missing.Should().BeTrue("there is no action-9, which is a 404, not a conflict");
    }

    public static TheoryData<string, object[], DateTimeOffset, bool> Reminders => new()
    {
        { "not due yet, because its due date has not come", [PatchInventory], Due.AddMinutes(-1), false },
        { "due and open, because the due date passed with the action open", [PatchInventory], Due, true },
        { "done in time, because a done action needs no reminder", [PatchInventory, new ReviewActionDone(ReviewId, "action-1", null, Due.AddDays(-2))], Due.AddDays(1), false },
        { "reminded already, because the reminder is recorded once", [PatchInventory, new ReviewActionOverdue(ReviewId, "action-1", "kim.lead@shop.test", Due)], Due.AddDays(3), false },
    };

    [Theory]
    [MemberData(nameof(Reminders))]
    public void a_reminder_is_recorded_for_an_open_action_past_its_due_date_once(string situation, object[] events, DateTimeOffset now, bool reminded)
    {
        var reminder = ReviewDecisions.Reminder(Given(events), "action-1", now);

        (reminder is not null).Should().Be(reminded, situation);
        if (reminder is not null)
        {
            reminder.Should().Be(new ReviewActionOverdue(ReviewId, "action-1", "kim.lead@shop.test", Due));
            Given([.. events, reminder]).Action("action-1")!.Reminded.Should().BeTrue();
        }
    }

    [Fact]
    public void the_review_of_an_incident_has_a_stream_derived_from_the_incidents_id()
    {
        ReviewStreams.For(Id).Should().Be(ReviewStreams.For(Id), "the close gate finds the review without a lookup");
        ReviewStreams.For(Id).Should().NotBe(Id).And.NotBe(IncidentStreams.Escalations(Id)).And.NotBe(IncidentStreams.AccessLog(Id));
    }
}

/// <summary>The close gate: which incidents need a completed review before they close, under which policy.</summary>
public class the_review_gate
{
    private static readonly Guid ReviewId = ReviewStreams.For(Id);
    private static readonly ReadinessPolicy Default = ReadinessPolicy.Default("acme");

    private static Incident Classified(Severity? severity, params object[] more) =>
        severity is { } s ? Given([Detection(), new SeverityClassified(Id, s, "x"), .. more]) : Given([Detection(), .. more]);

    private static Review Open(bool rootCause = false)
    {
        var started = Review.Create(new Event<ReviewStarted>(new ReviewStarted(ReviewId, Id, "t", Severity.Critical, Detected, [], [], [])));
        return rootCause ? Folded.With(started, Detected, "user:sam", new ReviewFindingsRecorded(ReviewId, "unpatched plugin", [], [], [])) : started;
    }

    private static Review Completed() => Folded.With(Open(rootCause: true), Detected, "user:lena", new ReviewCompleted(ReviewId, null));

    public static TheoryData<string, Severity?, bool, Severity[]?, string?, string?> Cases => new()
    {
        // situation, severity, false positive, policy (null: default), review (null, open, root-cause, completed), refused with status
        { "a critical incident without a review, because the default names critical", Severity.Critical, false, null, null, "not-started" },
        { "a high incident whose review has no root cause yet, because the default names high", Severity.High, false, null, "open", "open" },
        { "a high incident whose review is open with its root cause, because only completion counts", Severity.High, false, null, "root-cause", "open" },
        { "a critical incident with a completed review, because that is what the gate asks", Severity.Critical, false, null, "completed", null },
        { "a medium incident without a review, because the default names only high and critical", Severity.Medium, false, null, null, null },
        { "an incident never classified, because no severity is not one the policy names", null, false, null, null, null },
        { "a critical false positive, because there was no breach to learn from", Severity.Critical, true, null, null, null },
        { "a critical incident where the organisation turned the gate off, because the list is empty", Severity.Critical, false, [], null, null },
        { "a low incident where the organisation names low, because the policy is the organisation's", Severity.Low, false, [Severity.Low], null, "not-started" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void closing_needs_a_completed_review_when_the_policy_names_the_severity(string situation, Severity? severity, bool falsePositive,
        Severity[]? named, string? review, string? refusedAs)
    {
        var incident = falsePositive ? Classified(severity, FalsePositive) : Classified(severity);
        var policy = named is null ? Default : Default with { ReviewRequiredFor = named };
        var found = review switch { "open" => Open(), "root-cause" => Open(rootCause: true), "completed" => Completed(), _ => null };

        var refusal = ReviewGate.Refusal(incident, policy, found);

        if (refusedAs is null)
        {
            refusal.Should().BeNull(situation);
            return;
        }

        refusal.Should().NotBeNull(situation);
        refusal!.Status.Should().Be(409, situation);
        refusal.Extensions["missing"].Should().Be("post-incident-review");
        refusal.Extensions["reviewStatus"].Should().Be(refusedAs, situation);
        refusal.Detail.Should().Contain($"/api/reviews/{ReviewId}/complete", "the refusal says what completes the review");
    }

    [Fact]
    public void an_organisation_without_a_policy_of_its_own_requires_reviews_for_high_and_critical()
    {
        Default.ReviewRequiredFor.Should().Equal(Severity.High, Severity.Critical);
        ReviewGate.Refusal(Classified(Severity.Critical), Default, Open())!.Detail.Should()
            .Contain("no root cause yet", "the refusal names what the open review still lacks")
            .And.Contain("POST /api/readiness/policy", "and how the organisation changes the rule");
    }
}
