using CaseManagement.Notifications.Campaigns;
using FluentAssertions;
using JasperFx.Events;

namespace CaseManagement.UnitTests.Campaigns;

/// <summary>The two-person rule, the campaign's transitions, its audience and the template each person gets.</summary>
public class the_campaign_decisions
{
    private static readonly Guid Id = Guid.Parse("01900000-0000-7000-8000-0000000000aa");
    private static readonly DateTimeOffset At = new(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly TemplateChoice California = new("US-CA", "ca-notice", 2, "aa");
    private static readonly TemplateChoice Us = new("US", "us-notice", 1, "bb");
    private static readonly TemplateChoice Eu = new("EU", "eu-notice", 1, "cc");
    private static readonly TemplateChoice Everyone = new("*", "en-notice", 3, "dd");

    private static Campaign Drafted(IReadOnlyList<string>? jurisdictions = null) => Campaign.Create(new Event<CampaignDrafted>(new CampaignDrafted(Id,
        Guid.NewGuid(), "notice", Guid.NewGuid(), "email", jurisdictions, [California, Everyone],
        new NoticeContent("REF", "t", At, "w", "l", "d", "y", null, null, "Shop", "privacy@shop.test", null, null, null), 600, false))
    {
        Timestamp = At,
        UserName = "user:lena",
    });

    private static Campaign Given(Campaign campaign, string actor, params object[] events) =>
        Folded.With(campaign, At, actor, events);

    [Fact]
    public void one_approval_does_not_start_the_campaign_and_the_second_by_another_person_does()
    {
        var first = CampaignDecisions.Approve(Drafted(), "user:lena", "ok");
        var approved = Given(Drafted(), "user:lena", [.. first]);

        first.Should().ContainSingle().Which.Should().BeOfType<CampaignApproved>();
        approved.Status.Should().Be(CampaignStatus.AwaitingApprovals);
        CampaignDecisions.Refuse(approved, CampaignAction.Approve, "user:lena").Should().Contain("two-person rule", "the same person cannot be both");
        var second = CampaignDecisions.Approve(approved, "user:anna", null);
        second.OfType<CampaignStarted>().Should().ContainSingle().Which.Approvers.Should().Equal("user:lena", "user:anna");
        Given(approved, "user:anna", [.. second]).Status.Should().Be(CampaignStatus.Sending);
    }

    [Theory]
    [InlineData(CampaignAction.Pause, "only a sending campaign can be paused")]
    [InlineData(CampaignAction.Resume, "only a paused campaign can be resumed")]
    public void a_campaign_that_has_not_started_cannot_be_paused_or_resumed(CampaignAction action, string reason) =>
        CampaignDecisions.Refuse(Drafted(), action, "user:lena").Should().Contain(reason);

    [Fact]
    public void a_paused_campaign_resumes_and_a_cancelled_one_takes_no_decision_but_none()
    {
        var sending = Given(Drafted(), "user:anna", new CampaignApproved(Id, "user:lena", null), new CampaignApproved(Id, "user:anna", null),
            new CampaignStarted(Id, ["user:lena", "user:anna"]));
        var paused = Given(sending, "user:lena", new CampaignPaused(Id, "hotline not staffed"));
        var cancelled = Given(paused, "user:lena", new CampaignCancelled(Id, "wrong text"));

        paused.Status.Should().Be(CampaignStatus.Paused);
        CampaignDecisions.Refuse(paused, CampaignAction.Resume, "user:lena").Should().BeNull();
        cancelled.Status.Should().Be(CampaignStatus.Cancelled);
        Enum.GetValues<CampaignAction>().Should().OnlyContain(a => CampaignDecisions.Refuse(cancelled, a, "user:x") != null);
    }

    [Fact]
    public void a_batch_recorded_twice_is_counted_once()
    {
        var batch = new CampaignBatchRecorded(Id, 0, 480, 15, 5, "ab", At, At.AddMinutes(1), new Dictionary<string, int> { ["DE"] = 480 });
        var planned = Given(Drafted(), "system", new CampaignPlanned(Id, 1, 500), batch, batch);

        planned.Sent.Should().Be(480, "a redelivered batch must not count its people again");
        planned.AllBatchesRecorded.Should().BeTrue();
    }

    [Theory]
    [InlineData("US-CA", "ca-notice")]
    [InlineData("US-TX", "us-notice")]
    [InlineData("DE", "eu-notice")]
    [InlineData("NO", "eu-notice")]
    [InlineData("JP", "en-notice")]
    [InlineData(null, "en-notice")]
    public void each_person_gets_the_most_specific_template_for_where_they_live(string? jurisdiction, string template) =>
        CampaignDecisions.TemplateFor([California, Us, Eu, Everyone], jurisdiction)!.TemplateId.Should().Be(template);

    [Fact]
    public void an_audience_limited_to_a_country_includes_its_states_and_eu_includes_the_eea()
    {
        CampaignDecisions.InAudience(["US"], "US-CA").Should().BeTrue();
        CampaignDecisions.InAudience(["EU"], "NO").Should().BeTrue("Norway is in the EEA, where the GDPR applies");
        CampaignDecisions.InAudience(["US-CA"], "US-TX").Should().BeFalse();
        CampaignDecisions.InAudience(["US"], null).Should().BeFalse("a person of unknown residence is not in a limited audience");
        CampaignDecisions.InAudience(null, null).Should().BeTrue("without a limit everyone is");
        CampaignDecisions.Covers("EU", "FR").Should().BeTrue();
        CampaignDecisions.Covers("US-CA", "US-TX").Should().BeFalse();
    }
}
