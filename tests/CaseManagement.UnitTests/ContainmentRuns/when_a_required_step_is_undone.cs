using CaseManagement.Containment;
using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using FluentAssertions;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.ContainmentRuns;

/// <summary>
/// A run contains the incident only while every required step stands done (issue 14, item 11): a rolled-back required step
/// takes the claim back, blocks the run until the step runs again or is skipped, and a run waiting on people gives way to a
/// new one only when a compliance lead supersedes it.
/// </summary>
public class when_a_required_step_is_undone
{
    private static readonly Guid Run = Guid.Parse("01900000-0000-7000-8000-0000000000c2");
    private static readonly DateTimeOffset Now = Detected.AddHours(2);
    private const string Sam = "user:sam@shop.test";
    private const string Rita = "user:rita@shop.test";

    private static readonly ProtectedValue Before = new() { SubjectId = "containment-run:x", Nonce = "bm9uY2U=", Ciphertext = "Y2lwaGVy" };

    private static ContainmentStepPlan Step(string id, string action, bool approval = false, bool required = true, bool automated = true) =>
        new(id, id, action, "because", new Dictionary<string, string>(), automated, approval, required, "how it is undone", 10, null, automated ? [] : ["do it"]);

    private static readonly ContainmentRequested Requested = new(Id, Run, "account-takeover", 1, "abc", "shop-1", "woocommerce",
        new Dictionary<string, string> { ["adminLogin"] = "mallory" }, new Dictionary<string, ProtectedValue>(),
        [
            Step("lock-admin", "lock-admin", approval: true),
            Step("end-sessions", "end-customer-sessions", required: false),
            Step("rotate-secrets", "manual", automated: false),
        ],
        "attacker holds an admin login");

    private static readonly ContainmentRunProjection Projection = (ContainmentRunProjection)Folded.Assembled(new ContainmentRunProjection());

    private static ContainmentRun Given(params object[] events) => Folded.By(Projection, null, Now, Sam, events);

    private static ContainmentRun Then(ContainmentRun run, string actor, params object[] events) => Folded.By(Projection, run, Now.AddMinutes(5), actor, events);

    private static object[] Done(string step) => [new ContainmentStepStarted(Id, Run, step, 1, Before, "before"), new ContainmentStepSucceeded(Id, Run, step, $"{step} done", [])];

    private static readonly object[] LockedAndEnded =
    [
        Requested, new ContainmentStepAwaitingApproval(Id, Run, "lock-admin", "w"), new ContainmentStepApproved(Id, Run, "lock-admin", "ok"),
        .. Done("lock-admin"), .. Done("end-sessions"),
    ];

    private static readonly object[] CompletedRun =
        [.. LockedAndEnded, new ManualContainmentStepCompleted(Id, Run, "rotate-secrets", "salts rotated"), new ContainmentCompleted(Id, Run, "3 of 3 steps done")];

    private static ContainmentStepRollbackRequested Rollback(string step) => new(Id, Run, step, "the owner asked for the account back", false);

    [Fact]
    public void rolling_back_a_required_step_of_a_completed_run_reopens_it_before_the_shop_is_touched()
    {
        var advance = ContainmentDecisions.Advance(Given([.. CompletedRun, Rollback("lock-admin")]));

        advance.Events.Should().ContainSingle("the run's claim is taken back at once").Which.Should().BeOfType<ContainmentRunReopened>()
            .Which.StepId.Should().Be("lock-admin");
        advance.Work.Should().Be(new StepWork.Compensate("lock-admin"));
        Given([.. CompletedRun, Rollback("lock-admin"), .. advance.Events]).Status.Should().NotBe(ContainmentRunStatus.Completed);
    }

    [Fact]
    public void once_rolled_back_the_run_is_blocked_with_the_choices_and_never_completes_by_itself()
    {
        var rolledBack = Given([.. CompletedRun, Rollback("lock-admin"), new ContainmentRunReopened(Id, Run, "lock-admin", "r"),
            new ContainmentStepCompensated(Id, Run, "lock-admin", "roles restored", [])]);

        var advance = ContainmentDecisions.Advance(rolledBack);
        var blocked = Then(rolledBack, ContainmentRunSaga.Actor, [.. advance.Events]);

        rolledBack.Status.Should().Be(ContainmentRunStatus.Blocked, "a required step that does not stand done blocks the run");
        advance.Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentBlocked>().Which.Reason.Should().Contain("'lock-admin' was rolled back");
        advance.Work.Should().BeNull();
        blocked.BlockedOptions.Should().BeEquivalentTo(ContainmentDecisions.UndoneOptions);
        ContainmentDecisions.Advance(blocked).Should().Be(new ContainmentAdvance([], null), "nothing completes the run until a person decides");
        ContainmentDecisions.Options(blocked, "lock-admin").Should().BeEquivalentTo([ContainmentStepOption.Retry, ContainmentStepOption.Skip],
            "the step can be run again, or skipped with a justification");
    }

    [Fact]
    public void a_run_whose_required_step_was_rolled_back_before_the_end_does_not_complete()
    {
        var run = Given([.. LockedAndEnded, new ManualContainmentStepAwaiting(Id, Run, "rotate-secrets", ["do it"]), Rollback("lock-admin"),
            new ContainmentStepCompensated(Id, Run, "lock-admin", "roles restored", []), new ManualContainmentStepCompleted(Id, Run, "rotate-secrets", "done")]);

        var advance = ContainmentDecisions.Advance(run);

        advance.Events.Should().NotContain(e => e is ContainmentCompleted, "2 of 3 steps done with the attacker's account unlocked is not contained");
        advance.Events.Should().NotContain(e => e is ContainmentRunReopened, "the run never claimed containment, so there is nothing to take back");
        advance.Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentBlocked>();
    }

    [Fact]
    public void a_rolled_back_optional_step_leaves_the_claim_standing()
    {
        var advance = ContainmentDecisions.Advance(Given([.. CompletedRun, Rollback("end-sessions")]));

        advance.Events.Should().BeEmpty("only required steps decide whether the run contains the incident");
        advance.Work.Should().Be(new StepWork.Compensate("end-sessions"));
    }

    [Fact]
    public void a_rolled_back_step_runs_again_as_a_new_attempt_that_needs_a_new_approval_from_someone_else()
    {
        var rolledBack = Given([.. CompletedRun, Rollback("lock-admin"), new ContainmentRunReopened(Id, Run, "lock-admin", "r"),
            new ContainmentStepCompensated(Id, Run, "lock-admin", "roles restored", []), new ContainmentBlocked(Id, Run, "lock-admin", "rolled back", [])]);

        ContainmentDecisions.Refuse(rolledBack, "lock-admin", ContainmentStepOption.Retry).Should().BeNull("a rolled-back step can be run again, not refused");
        var rerun = Then(rolledBack, Rita, new ContainmentStepRetryRequested(Id, Run, "lock-admin", "the owner's claim was false"));
        var step = rerun.Step("lock-admin")!;

        step.Status.Should().Be(ContainmentStepStatus.Pending);
        step.ApprovedAt.Should().BeNull("the earlier approval was for the earlier attempt");
        step.BeforeState.Should().BeNull("the shop is captured afresh before the new attempt changes it");
        step.Attempts.Should().Be(1, "the next attempt is numbered after it");
        step.RequestedBy.Should().Be(Rita);
        rerun.BlockedReason.Should().BeNull();
        ContainmentDecisions.Advance(rerun).Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentStepAwaitingApproval>();
        ContainmentDecisions.Requesters(rerun, "lock-admin").Select(r => r.Actor).Should().Contain([Sam, Rita],
            "neither who started the run nor who asked for the new attempt may approve it");
    }

    [Fact]
    public void a_step_whose_rollback_failed_keeps_the_state_from_before_containment_for_its_next_attempt()
    {
        var failed = Given([.. CompletedRun, Rollback("lock-admin"), new ContainmentRunReopened(Id, Run, "lock-admin", "r"),
            new ContainmentStepCompensationFailed(Id, Run, "lock-admin", "shop unreachable")]);

        failed.Status.Should().Be(ContainmentRunStatus.Blocked, "half undone is not done");
        ContainmentDecisions.Advance(failed).Events.Should().ContainSingle().Which.Should().BeOfType<ContainmentBlocked>()
            .Which.Reason.Should().Contain("could not be rolled back completely (shop unreachable)");
        Then(failed, Rita, new ContainmentStepRetryRequested(Id, Run, "lock-admin", "lock it again")).Step("lock-admin")!.BeforeState.Should().Be(Before,
            "only the state captured before the first attempt shows the shop as it was before containment");
    }

    [Fact]
    public void a_run_is_superseded_only_while_it_waits_for_people_and_then_gives_way()
    {
        var running = Given(Requested, new ContainmentStepAwaitingApproval(Id, Run, "lock-admin", "w"), new ContainmentStepApproved(Id, Run, "lock-admin", "ok"));
        var waiting = Given([.. LockedAndEnded, new ManualContainmentStepAwaiting(Id, Run, "rotate-secrets", ["do it"])]);
        var superseded = Then(waiting, "user:lena.lead@shop.test", new ContainmentRunSuperseded(Id, Run, "wrong playbook; the plugin is the way in"));

        ContainmentDecisions.RefuseNewRun(waiting).Should().Contain("supersede", "a run waiting on a manual step holds the shop until a lead sets it aside");
        ContainmentDecisions.RefuseSupersede(running).Should().Contain("carrying out a step", "a run changing the shop is not set aside midway");
        ContainmentDecisions.RefuseSupersede(waiting).Should().BeNull();
        superseded.Status.Should().Be(ContainmentRunStatus.Superseded);
        superseded.SupersededBy.Should().Be("user:lena.lead@shop.test");
        ContainmentDecisions.RefuseNewRun(superseded).Should().BeNull();
        ContainmentDecisions.Advance(superseded).Should().Be(new ContainmentAdvance([], null), "nothing more runs in a superseded run, and it never completes");
        ContainmentDecisions.Refuse(superseded, "rotate-secrets", ContainmentStepOption.Complete).Should().Contain("superseded");
    }

    [Fact]
    public void the_incident_s_containment_is_withdrawn_when_a_completed_run_is_reopened_and_can_be_recorded_again()
    {
        var withdraw = new WithdrawIncidentContainment(Id, Run, "lock-admin", "required step 'lock-admin' is being rolled back");
        var contained = Incidents.IncidentStories.Given(Detection(), ContainmentRecorded);

        var events = WithdrawIncidentContainmentHandler.Handle(withdraw, contained).ToList();
        var after = Incidents.IncidentStories.Given([Detection(), ContainmentRecorded, .. events]);

        events.Should().ContainSingle().Which.Should().Be(new IncidentContainmentWithdrawn(Id, Run, "lock-admin", withdraw.Reason));
        after.Status.Should().Be(IncidentStatus.Detected, "the incident must not keep saying contained");
        after.ContainedAt.Should().BeNull();
        after.ContainmentWithdrawn!.WasContainedAt.Should().Be(ContainmentRecorded.ContainedAt, "what was claimed, and why it no longer stands, is shown");
        IncidentLifecycle.Check(after, IncidentAction.Contain).Should().BeNull("containment can be recorded again");
        WithdrawIncidentContainmentHandler.Handle(withdraw, Incidents.IncidentStories.Given(Detection())).Should().BeEmpty("nothing was claimed");
        Incidents.IncidentStories.Given([Detection(), ContainmentRecorded, .. events, ContainmentRecorded]).ContainmentWithdrawn.Should().BeNull();
    }
}
