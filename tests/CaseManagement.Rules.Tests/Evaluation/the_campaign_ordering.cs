using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>Duties that must precede consumer notice hold a campaign back until met, waived or acknowledged (issue 14, item 3).</summary>
public class the_campaign_ordering
{
    private static readonly ObligationCatalogue Revised = CatalogueStore.Embedded.Get("2026.12.1");
    private static readonly DateTimeOffset Now = At("2026-03-04T09:00:00Z");
    private static readonly IncidentFacts FourStates = Facts.LivingIn(("US-MD", 40), ("US-NJ", 30), ("US-CT", 20), ("US-VT", 10), ("US-CA", 1_200));

    private static CampaignOrderingCheck Check(IncidentFacts facts, string?[] residences, params OrderingClearance[] clearances) =>
        CampaignOrdering.Check(ObligationEvaluator.Evaluate(facts, Revised, EvaluationOptions.Default, Now), Revised, residences, clearances, "drafter@shop");

    [Fact]
    public void a_campaign_to_four_states_waits_for_the_duties_that_come_before_or_with_it()
    {
        var check = Check(FourStates, ["US-MD", "US-NJ", "US-CT", "US-VT", "US-CA"]);

        check.MayStart.Should().BeFalse("nothing that must precede the consumer notice has been done");
        check.Blocking.Select(d => (d.RuleId, d.Relation)).Should().BeEquivalentTo(
        [
            ("us-md-ag", EventRelation.Before),
            ("us-nj-state-police", EventRelation.Before),
            ("us-ct-ag", EventRelation.NoLaterThan),
            ("us-vt-ag-preliminary", EventRelation.NoLaterThan),
            ("us-vt-ag-followup", EventRelation.Concurrent),
        ], "these were the five deadlines that fired as missed after the campaign; California has no such duty");
        check.Blocking.Single(d => d.RuleId == "us-md-ag").Reason.Should().Contain("Ahead of the notice to Maryland residents")
            .And.Contain("Md. Code Com. Law 14-3504(h)", "the reason cites its source");
    }

    public static TheoryData<string, OrderingClearance[], IncidentFacts, OrderingState, string> MarylandCases => new()
    {
        { "nothing recorded", [], FourStates, OrderingState.Open, "the Attorney General must hear first" },
        {
            "letter to the Attorney General", [], FourStates.WithNotice("us-md-ag", Recipient.AttorneyGeneral, Now.AddHours(-2)), OrderingState.Met,
            "the duty was met before the campaign"
        },
        {
            "waived with a reason", [new OrderingClearance("us-md-ag", ClearanceKind.Waived, "lead@shop", "counsel: notice went by phone, letter follows", Now)],
            FourStates, OrderingState.Waived, "a compliance lead took responsibility in writing"
        },
        {
            "waived without a reason", [new OrderingClearance("us-md-ag", ClearanceKind.Waived, "lead@shop", " ", Now)], FourStates, OrderingState.Open,
            "a waiver needs its justification"
        },
        {
            "acknowledged by the drafter", [new OrderingClearance("us-md-ag", ClearanceKind.Acknowledged, "drafter@shop", "will send", Now)],
            FourStates, OrderingState.Open, "the drafter cannot clear their own campaign"
        },
        {
            "acknowledged by a second person", [new OrderingClearance("us-md-ag", ClearanceKind.Acknowledged, "second@shop", "sent by courier this morning", Now)],
            FourStates, OrderingState.Acknowledged, "a second person vouched for it"
        },
    };

    [Theory]
    [MemberData(nameof(MarylandCases))]
    public void the_maryland_attorney_general_comes_first(string situation, OrderingClearance[] clearances, IncidentFacts facts, OrderingState expected, string because)
    {
        Check(facts, ["US-MD"], clearances).Duties.Should().ContainSingle($"{situation}: only Maryland is reached")
            .Which.State.Should().Be(expected, $"{situation}: {because}");
    }

    [Theory]
    [InlineData(new[] { "US-CA" }, 0, "California sets no duty ahead of its residents' notice")]
    [InlineData(new[] { "US" }, 5, "people with no recorded state may live in any of the four states")]
    [InlineData(new string?[] { null }, 5, "people whose residence is unknown may live anywhere")]
    public void only_the_jurisdictions_a_campaign_reaches_count(string?[] residences, int expected, string because)
    {
        Check(FourStates, residences).Duties.Should().HaveCount(expected, because);
    }

    [Fact]
    public void a_duty_that_does_not_apply_does_not_hold_a_campaign()
    {
        var safe = FourStates with { Encryption = EncryptionStatus.EncryptedKeySafe };

        Check(safe, ["US-MD"]).Duties.Should().BeEmpty("with the encryption safe harbour no Maryland notice is owed, so nothing must precede it");
    }

    [Fact]
    public void a_duty_before_consumers_shows_the_consumer_deadline_as_its_internal_target()
    {
        var maryland = ObligationEvaluator.Evaluate(FourStates, Revised, EvaluationOptions.Default, Now).For("us-md-ag");

        maryland.DueAt.Should().BeNull("nothing fixes an instant until the residents' notice is sent");
        maryland.InternalTarget.Should().Be(At("2026-04-17T03:59:59.9999999Z"),
            "it must come before the residents' notice, due 45 days after discovery (end of 16 April, Maryland time)");
        maryland.Reason.Should().Contain("us-md-individuals is due then", "the board says where the target comes from");
    }

    [Fact]
    public void an_evaluation_against_another_version_is_refused()
    {
        var evaluation = ObligationEvaluator.Evaluate(FourStates, CatalogueStore.Embedded.Get("2026.11.1"), EvaluationOptions.Default, Now);

        var check = () => CampaignOrdering.Check(evaluation, Revised, ["US-MD"], [], null);

        check.Should().Throw<ArgumentException>("the gate must read the same rules the evaluation judged");
    }
}
