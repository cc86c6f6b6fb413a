using CaseManagement.Containment;
using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using CaseManagement.Shops.ShopActions;
using FluentAssertions;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.ContainmentRuns;

/// <summary>Given a run's events, when the run is advanced or a person decides, then exactly these events and this work.</summary>
public class the_containment_run
{
    private static readonly Guid Run = Guid.Parse("01900000-0000-7000-8000-0000000000c1");
    private static readonly DateTimeOffset Now = Detected.AddHours(2);

    private static readonly ProtectedValue Before = new() { SubjectId = "containment-run:x", Nonce = "bm9uY2U=", Ciphertext = "Y2lwaGVy" };

    private static ContainmentStepPlan Step(string id, string action, bool approval = false, bool required = true, bool automated = true) =>
        new(id, id, action, "because", new Dictionary<string, string>(), automated, approval, required, "how it is undone", 10, null, automated ? [] : ["do it"]);

    private static readonly ContainmentRequested Requested = new(Id, Run, "plugin-compromise", 1, "abc", "shop-1", "woocommerce",
        new Dictionary<string, string> { ["plugin"] = "bad/bad.php" }, new Dictionary<string, ProtectedValue>(),
        [
            Step("preserve-evidence", "preserve-evidence"),
            Step("deactivate-plugin", "deactivate-plugin", approval: true),
            Step("flush-caches", "manual", automated: false),
            Step("scan", "scan-for-skimmers", required: false),
        ],
        "plugin exploited");

    private static ContainmentStepSucceeded Succeeded(string step) => new(Id, Run, step, $"{step} done", []);

    private static ContainmentStepStarted Started(string step, ProtectedValue? before = null) => new(Id, Run, step, 1, before, before is null ? null : "plugin active");

    private static readonly ContainmentRunProjection Projection = (ContainmentRunProjection)Folded.Assembled(new ContainmentRunProjection());

    /// <summary>The run as its stream's events leave it, folded by the projection the store keeps it with.</summary>
    private static ContainmentRun Given(params object[] events) => Folded.By(Projection, null, Now, "user:sam@shop.test", events);

    private static ContainmentAdvance Advance(ContainmentRun run) => ContainmentDecisions.Advance(run);

    [Fact]
    public void a_new_run_starts_with_its_first_step()
    {
        var advance = Advance(Given(Requested));

        advance.Events.Should().BeEmpty();
        advance.Work.Should().Be(new StepWork.Execute("preserve-evidence"), "evidence comes first and needs no approval");
    }

    [Fact]
    public void a_step_that_needs_approval_waits_for_it_then_runs()
    {
        var waiting = Given(Requested, Started("preserve-evidence"), Succeeded("preserve-evidence"));

        var first = Advance(waiting);
        var approved = Given(Requested, Started("preserve-evidence"), Succeeded("preserve-evidence"),
            new ContainmentStepAwaitingApproval(Id, Run, "deactivate-plugin", "may break checkout"), new ContainmentStepApproved(Id, Run, "deactivate-plugin", "ok"));

        first.Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentStepAwaitingApproval>();
        first.Work.Should().BeNull("nothing runs before a person approves");
        approved.Step("deactivate-plugin")!.ApprovedAt.Should().NotBeNull("the approval is on record");
        Advance(approved).Work.Should().Be(new StepWork.Execute("deactivate-plugin"));
    }

    [Fact]
    public void a_manual_step_is_announced_and_waits_for_a_person()
    {
        var run = Given(Requested, Succeeded("preserve-evidence"), Succeeded("deactivate-plugin"));

        var advance = Advance(run);
        var announced = Folded.By(Projection, run, Now, "system:containment", [.. advance.Events]);

        advance.Events.Should().ContainSingle().Which.Should().BeOfType<ManualContainmentStepAwaiting>()
            .Which.Checklist.Should().Equal(["do it"], "the person gets the checklist to work through");
        announced.Status.Should().Be(ContainmentRunStatus.AwaitingManualStep);
        ContainmentDecisions.Options(announced, "flush-caches").Should().Contain(ContainmentStepOption.Complete);
        Advance(announced).Should().Be(new ContainmentAdvance([], null), "announcing twice would repeat the record");
    }

    [Fact]
    public void a_failed_required_step_blocks_the_run_with_the_options()
    {
        var failure = ContainmentDecisions.Failure(Id, Run, Given(Requested).Step("preserve-evidence")!, "shop unreachable");
        var blocked = Given([Requested, .. failure]);

        failure.Should().HaveCount(2).And.ContainItemsAssignableTo<ContainmentBlocked>();
        blocked.Status.Should().Be(ContainmentRunStatus.Blocked);
        blocked.BlockedReason.Should().Contain("shop unreachable");
        Advance(blocked).Should().Be(new ContainmentAdvance([], null), "nothing more runs until a person decides");
        ContainmentDecisions.Options(blocked, "preserve-evidence").Should().BeEquivalentTo([ContainmentStepOption.Retry, ContainmentStepOption.Skip]);
    }

    [Fact]
    public void a_failed_optional_step_lets_the_run_finish()
    {
        var run = Given(Requested, Succeeded("preserve-evidence"), Succeeded("deactivate-plugin"),
            new ManualContainmentStepCompleted(Id, Run, "flush-caches", "flushed"), new ContainmentStepFailed(Id, Run, "scan", "timed out", 1));

        var advance = Advance(run);

        advance.Events.Should().ContainSingle("the run records its own completion; the incident is told by message").Which.Should().BeOfType<ContainmentCompleted>()
            .Which.Summary.Should().Contain("optional scan failed (timed out)");
    }

    [Fact]
    public void a_skip_and_its_justification_are_part_of_the_outcome()
    {
        var run = Given(Requested, Succeeded("preserve-evidence"), Succeeded("deactivate-plugin"),
            new ManualContainmentStepCompleted(Id, Run, "flush-caches", "flushed"), new ContainmentStepSkipped(Id, Run, "scan", "scanned by hand already"));

        Advance(run).Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentCompleted>()
            .Which.Summary.Should().Contain("scan skipped (scanned by hand already)");
    }

    [Fact]
    public void a_completed_run_contains_the_incident_once()
    {
        var completed = new RecordIncidentContained(Id, Run, Now, "4 of 4");

        RecordIncidentContainedHandler.Handle(completed, Incidents.IncidentStories.Given(Detection())).Should().ContainSingle()
            .Which.Should().Be(new IncidentContained(Id, Now, "4 of 4"), "a run finishing every required step is the milestone");
        RecordIncidentContainedHandler.Handle(completed, Incidents.IncidentStories.Given(Detection(), ContainmentRecorded)).Should()
            .BeEmpty("an incident already contained by hand is not contained twice");
        RecordIncidentContainedHandler.Handle(completed, Incidents.IncidentStories.Given(Detection(), FalsePositive, Closure)).Should()
            .BeEmpty("a closed incident's record is not changed by a run that finished late");
    }

    [Fact]
    public void a_retry_keeps_the_state_captured_before_the_first_attempt()
    {
        var failed = Given(Requested, Succeeded("preserve-evidence"), new ContainmentStepAwaitingApproval(Id, Run, "deactivate-plugin", "w"),
            new ContainmentStepApproved(Id, Run, "deactivate-plugin", null), Started("deactivate-plugin", Before),
            new ContainmentStepFailed(Id, Run, "deactivate-plugin", "lock wait timeout", 4), new ContainmentStepRetryRequested(Id, Run, "deactivate-plugin", "lock released"));

        var step = failed.Step("deactivate-plugin")!;

        step.Status.Should().Be(ContainmentStepStatus.Approved, "an approval still holds for a retry of the same step");
        step.BeforeState.Should().Be(Before, "a rollback must restore the shop as it was before containment touched it");
        Advance(failed).Work.Should().Be(new StepWork.Execute("deactivate-plugin"));
    }

    [Fact]
    public void a_late_success_after_a_timeout_stands_and_unblocks_the_run()
    {
        var step = Given(Requested).Step("preserve-evidence")!;
        var run = Given([Requested, .. ContainmentDecisions.Failure(Id, Run, step, "no result within 60 minutes"), Succeeded("preserve-evidence")]);

        run.Status.Should().NotBe(ContainmentRunStatus.Blocked, "the shop's truth is that the step was done");
        run.BlockedReason.Should().BeNull();
        Advance(run).Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentStepAwaitingApproval>();
    }

    [Fact]
    public void a_rollback_is_handed_out_even_after_the_run_completed()
    {
        var run = Given(Requested, Succeeded("preserve-evidence"), Started("deactivate-plugin", Before), Succeeded("deactivate-plugin"),
            new ManualContainmentStepCompleted(Id, Run, "flush-caches", "done"), Succeeded("scan"), new ContainmentCompleted(Id, Run, "4 of 4"),
            new ContainmentStepRollbackRequested(Id, Run, "deactivate-plugin", "checkout broke", false));

        Advance(run).Work.Should().Be(new StepWork.Compensate("deactivate-plugin"));
    }

    [Theory]
    [InlineData("preserve-evidence", ContainmentStepOption.Rollback, "did not change the shop in a way the service can undo")]
    [InlineData("deactivate-plugin", ContainmentStepOption.Approve, "only a step awaiting approval can be approved")]
    [InlineData("deactivate-plugin", ContainmentStepOption.Retry, "only a failed or rolled-back step can be run again")]
    [InlineData("flush-caches", ContainmentStepOption.Complete, "can be recorded as done once the run reaches it")]
    [InlineData("no-such-step", ContainmentStepOption.Skip, "has no step 'no-such-step'")]
    public void a_decision_that_does_not_fit_the_step_is_refused_with_the_reason(string step, ContainmentStepOption option, string reason)
    {
        var run = Given(Requested, Succeeded("preserve-evidence"), Started("deactivate-plugin", Before));

        ContainmentDecisions.Refuse(run, step, option).Should().Contain(reason);
    }

    [Fact]
    public void only_a_step_that_changed_the_shop_with_a_captured_state_can_be_rolled_back()
    {
        var run = Given(Requested, Succeeded("preserve-evidence"), Started("deactivate-plugin", Before), Succeeded("deactivate-plugin"));

        ContainmentDecisions.Refuse(run, "deactivate-plugin", ContainmentStepOption.Rollback).Should().BeNull();
        ContainmentDecisions.Refuse(run, "preserve-evidence", ContainmentStepOption.Rollback).Should().NotBeNull("evidence is never undone");
    }

    [Fact]
    public void what_a_step_changed_is_kept_with_it()
    {
        var change = new ShopChange("wp_options[active_plugins]", "plugin deactivated", "bad/bad.php active", "inactive");
        var run = Given(Requested, new ContainmentStepSucceeded(Id, Run, "preserve-evidence", "done", [change]));

        run.Step("preserve-evidence")!.Changes.Should().Equal([change]);
    }
}
