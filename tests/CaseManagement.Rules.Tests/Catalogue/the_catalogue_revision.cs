using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using FluentAssertions.Execution;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Catalogue;

/// <summary>
/// Catalogue 2026.12.1 (issue 14, items 1, 3 and 6): sector flags of one legal status each, who a duty needs told,
/// and duties ordered against the notice to individuals. 2026.11.1 stays published and unchanged for incidents pinned to it.
/// </summary>
public class the_catalogue_revision
{
    private static readonly ObligationCatalogue Before = CatalogueStore.Embedded.Get("2026.11.1");
    private static readonly ObligationCatalogue Revised = CatalogueStore.Embedded.Get("2026.12.1");
    private static readonly DateTimeOffset Now = At("2026-03-04T09:00:00Z");

    [Fact]
    public void the_revision_is_the_latest_and_keeps_every_rule_with_its_clock_deadline_and_threshold()
    {
        CatalogueStore.Embedded.Latest.Should().BeSameAs(Revised, "new incidents pin the newest version");
        Revised.Rules.Select(r => r.Id).Should().Equal(Before.Rules.Select(r => r.Id), "the revision changes how rules read facts, not which rules exist");
        using var _ = new AssertionScope();
        foreach (var rule in Revised.Rules)
        {
            var old = Before.Rule(rule.Id);
            var because = $"{rule.Id} keeps what the research says about its duty";
            rule.Recipients.Should().Equal(old.Recipients, because);
            rule.Deadline.Should().Be(old.Deadline, because);
            rule.Threshold.Should().Be(old.Threshold, because);
            rule.ClockStart.Should().Be(old.ClockStart, because);
            rule.Citation.Should().Be(old.Citation, because);
            rule.Verification.Should().Be(old.Verification, because);
        }
    }

    [Fact]
    public void no_rule_of_the_revision_reads_a_flag_that_meant_two_legal_statuses()
    {
        Revised.FlagSplits.Select(s => s.Retired).Should().BeEquivalentTo(
            [SectorFlag.CoveredEntity, SectorFlag.FinancialEntity, SectorFlag.ListedCompany], "the audit found three conflated flags");
        Revised.Rules.SelectMany(r => r.Trigger.Conditions).Should().NotIntersectWith(Revised.FlagSplits.Select(s => s.Retired),
            "a retired flag is read by no rule of the version that retired it");
    }

    [Theory]
    [InlineData(SectorFlag.NydfsLicensee, "US-NY-DFS")]
    [InlineData(SectorFlag.HipaaCoveredEntity, "US-HIPAA")]
    [InlineData(SectorFlag.HipaaBusinessAssociate, "US-HIPAA")]
    [InlineData(SectorFlag.DoraFinancialEntity, "EU-DORA")]
    [InlineData(SectorFlag.FtcFinancialInstitution, "US-FTC-GLBA")]
    [InlineData(SectorFlag.SecRegistrant, "US-SEC")]
    [InlineData(SectorFlag.EssentialEntity, "EU-NIS2")]
    public void each_legal_status_flag_is_read_by_one_regime(string flag, string regime)
    {
        Revised.Rules.Where(r => r.Trigger.Conditions.Contains(flag)).Select(r => r.Jurisdiction).Distinct()
            .Should().Equal([regime], $"'{flag}' means one legal status, so only {regime}'s duties may read it");
    }

    public static TheoryData<string, string, string[], Applicability, string> SectorCases => new()
    {
        { "2026.12.1", "us-ny-dfs-500.17a", [SectorFlag.NydfsLicensee], Applicability.Applies, "23 NYCRR 500.17(a) binds a NYDFS licensee, nothing more" },
        { "2026.12.1", "us-ny-dfs-500.17c-payment-notice", [SectorFlag.HipaaCoveredEntity], Applicability.NotApplicable,
            "a HIPAA pharmacy that pays a ransom is not a NYDFS licensee" },
        { "2026.12.1", "us-hipaa-164.404-individuals", [SectorFlag.HipaaCoveredEntity], Applicability.Applies, "the pharmacy's HIPAA duties stay" },
        { "2026.12.1", "us-hipaa-164.404-individuals", [SectorFlag.NydfsLicensee], Applicability.NotApplicable, "a NYDFS lender is not a HIPAA covered entity" },
        { "2026.12.1", "us-hipaa-164.410-business-associate", [SectorFlag.DataHeldForAnother], Applicability.NotApplicable,
            "a processor for a shop that is not a covered entity is no HIPAA business associate" },
        { "2026.12.1", "us-ftc-glba-safeguards-314.4j", [SectorFlag.DoraFinancialEntity], Applicability.NotApplicable,
            "an EU bank under DORA is not a non-bank financial institution under the FTC" },
        { "2026.12.1", "us-ny-dfs-500.17a", [SectorFlag.CoveredEntity], Applicability.Undetermined,
            "an incident that still records the old word must say which status it meant before the duty is dropped" },
        { "2026.11.1", "us-ny-dfs-500.17a", [SectorFlag.CoveredEntity], Applicability.NotApplicable,
            "the pinned version keeps reading both flags, as it did when incidents used it" },
        { "2026.11.1", "us-ny-dfs-500.17c-payment-notice", [SectorFlag.CoveredEntity], Applicability.Applies,
            "the pinned version still conflates the statuses; moving the incident is how a lead gets the fix" },
    };

    [Theory]
    [MemberData(nameof(SectorCases))]
    public void sector_duties_follow_one_legal_status_each(string version, string ruleId, string[] flags, Applicability expected, string because)
    {
        var facts = (Facts with { SectorFlags = new HashSet<string>(flags) })
            .Exposing(DataCategory.Health, DataCategory.Name, DataCategory.PaymentCard)
            .WithClock(ClockStart.ExtortionPayment, Aware.AddHours(20));

        ObligationEvaluator.Evaluate(facts, CatalogueStore.Embedded.Get(version), EvaluationOptions.Default, Now).For(ruleId)
            .Applicability.Should().Be(expected, because);
    }

    [Fact]
    public void the_flags_a_lead_can_record_are_those_the_incidents_version_reads()
    {
        SectorFlag.UsedBy(Revised).Should().Equal(
            [SectorFlag.CardData, SectorFlag.DataHeldForAnother, SectorFlag.DoraFinancialEntity, SectorFlag.EssentialEntity, SectorFlag.FtcFinancialInstitution,
             SectorFlag.HipaaBusinessAssociate, SectorFlag.HipaaCoveredEntity, SectorFlag.NydfsLicensee, SectorFlag.SecRegistrant],
            "2026.12.1 reads only single-status flags");
        SectorFlag.UsedBy(Before).Should().Contain(SectorFlag.CoveredEntity, "incidents pinned to 2026.11.1 keep recording the words it reads");
    }

    [Fact]
    public void a_retired_flag_asks_for_the_flags_it_split_into()
    {
        var evaluation = ObligationEvaluator.Evaluate(Facts.WithFlags(SectorFlag.CoveredEntity), Revised, EvaluationOptions.Default, Now);

        evaluation.For("us-ny-dfs-500.17a").MissingFacts.Should().ContainSingle()
            .Which.Should().Match<MissingFact>(f => f.Kind == FactNeeded.SectorFlag && f.Subject == SectorFlag.NydfsLicensee);
        evaluation.FactProblems.Should().Contain(p => p.StartsWith("SectorFlags: 'covered-entity' is not used by catalogue 2026.12.1"),
            "the retired flag is shown as a problem with the facts, not silently ignored");
    }

    [Theory]
    [InlineData("2026.11.1", ObligationStatus.PartlyMet, "without a word on it, every recipient the rule names is owed")]
    [InlineData("2026.12.1", ObligationStatus.MetOnTime, "Vermont wants the Attorney General or, for its licensees, the financial regulator: one of them")]
    public void vermont_preliminary_notice_needs_one_of_its_recipients(string version, ObligationStatus expected, string because)
    {
        var facts = Facts.LivingIn(("US-VT", 20)).WithNotice("us-vt-ag-preliminary", Recipient.AttorneyGeneral, Aware.AddDays(3));

        ObligationEvaluator.Evaluate(facts, CatalogueStore.Embedded.Get(version), EvaluationOptions.Default, Now.AddDays(10))
            .For("us-vt-ag-preliminary").Status.Should().Be(expected, because);
    }

    [Theory]
    [InlineData("us-md-ag", EventRelation.Before)]
    [InlineData("us-nj-state-police", EventRelation.Before)]
    [InlineData("us-ct-ag", EventRelation.NoLaterThan)]
    [InlineData("us-de-ag", EventRelation.NoLaterThan)]
    [InlineData("us-il-ag", EventRelation.NoLaterThan)]
    [InlineData("us-ri-ag-cra", EventRelation.NoLaterThan)]
    [InlineData("us-vt-ag-preliminary", EventRelation.NoLaterThan)]
    [InlineData("us-ny-899aa-state-agencies", EventRelation.NoLaterThan)]
    [InlineData("us-sd-ag", EventRelation.NoLaterThan)]
    [InlineData("sg-pdpa-26d-pdpc", EventRelation.NoLaterThan)]
    [InlineData("us-vt-ag-followup", EventRelation.Concurrent)]
    [InlineData("us-pa-ag", EventRelation.Concurrent)]
    [InlineData("us-hipaa-164.408-hhs-500plus", EventRelation.Concurrent)]
    public void duties_ordered_against_the_notice_to_individuals_say_so_in_the_data(string ruleId, EventRelation relation)
    {
        Revised.Rule(ruleId).Ordering.Should().NotBeNull($"{ruleId} must be met {relation} consumers are told, so a campaign has to wait for it")
            .And.Match<NoticeOrdering>(o => o.Relation == relation);
    }

    [Fact]
    public void only_the_audited_rules_carry_an_ordering()
    {
        Revised.Rules.Count(r => r.Ordering is not null).Should().Be(13, "the audit of all 131 rules found thirteen duties ordered against consumer notice");
        Before.Rules.Should().OnlyContain(r => r.Ordering == null && r.RecipientsNeeded == RecipientsNeeded.All, "2026.11.1 is unchanged");
    }

    [Fact]
    public void moving_an_incident_names_the_flags_to_record_again_and_the_duties_that_change()
    {
        var pharmacy = Facts.WithFlags(SectorFlag.CoveredEntity).Exposing(DataCategory.Health, DataCategory.Name)
            .WithClock(ClockStart.ExtortionPayment, Aware.AddHours(20));

        var move = CatalogueMove.Describe(pharmacy, Before, Revised, EvaluationOptions.Default, Now);

        move.FlagsToRecordAgain.Should().ContainSingle().Which.Should().Match<FlagToRecordAgain>(f =>
            f.Flag == SectorFlag.CoveredEntity && f.Into.SequenceEqual(new[] { SectorFlag.NydfsLicensee, SectorFlag.HipaaCoveredEntity })
            && f.ReadBy.Contains("us-ny-dfs-500.17c-payment-notice") && f.ReadBy.Contains("us-hipaa-164.404-individuals"));
        move.Difference.Redecided.Select(c => c.RuleId).Should().Contain(["us-ny-dfs-500.17c-payment-notice", "us-hipaa-164.404-individuals"],
            "both turn undetermined until the lead says which status the old flag meant");
        move.Revised.Should().Contain(r => r.RuleId == "us-ny-dfs-500.17a" && r.Changes.Single() == "trigger covered-entity, financial-entity, cybersecurity-incident → nydfs-licensee, cybersecurity-incident");
        move.Revised.Should().Contain(r => r.RuleId == "us-vt-ag-preliminary" && r.Changes.Contains("recipients attorney-general and regulator → attorney-general or regulator"));
    }
}
