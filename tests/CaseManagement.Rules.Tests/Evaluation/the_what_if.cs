using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>A what-if changes only the facts it names and answers with the difference (issue 14, item 7).</summary>
public class the_what_if
{
    private static readonly DateTimeOffset Now = At("2026-03-04T09:00:00Z");

    private static WhatIfResult Ask(FactChanges changes) =>
        WhatIf.Evaluate(Facts, changes, Catalogue2026, null, EvaluationOptions.Default, Now);

    [Fact]
    public void a_changed_count_for_one_residence_leaves_the_others()
    {
        var facts = WhatIf.Apply(Facts, new FactChanges { AffectedCounts = new Dictionary<string, long> { ["US-TX"] = 400 } });

        facts.AffectedByJurisdiction.Should().BeEquivalentTo(new Dictionary<string, long> { ["US-CA"] = 1_200, ["US-TX"] = 400, ["DE"] = 3_000, ["GB"] = 10 },
            "only Texas was asked about; California, Germany and Britain stay as recorded");
    }

    public static TheoryData<string, FactChanges, string, string, string> Cases => new()
    {
        {
            "more Texans", new FactChanges { AffectedCounts = new Dictionary<string, long> { ["US-TX"] = 400 } }, "added", "us-tx-ag",
            "250 or more Texans bring in the Attorney General"
        },
        {
            "no Californians", new FactChanges { AffectedCounts = new Dictionary<string, long> { ["US-CA"] = 0 } }, "removed", "us-ca-1798.82-individuals",
            "with no California residents affected the California notice falls away"
        },
        {
            "earlier awareness", new FactChanges { Clocks = new Dictionary<ClockStart, DateTimeOffset> { [ClockStart.Awareness] = Aware.AddHours(-10) } },
            "moved", "eu-gdpr-art33-sa", "Art. 33's 72 hours run from awareness"
        },
        {
            "key stayed safe", new FactChanges { Encryption = EncryptionStatus.EncryptedKeySafe }, "removed", "us-ca-1798.82-individuals",
            "the encryption safe harbour rules out the state notice"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void the_answer_is_the_difference_against_the_current_evaluation(string situation, FactChanges changes, string list, string ruleId, string because)
    {
        var difference = Ask(changes).Difference;
        var named = list switch { "added" => difference.Added, "removed" => difference.Removed, _ => difference.Moved };

        named.Select(c => c.RuleId).Should().Contain(ruleId, $"{situation}: {because}");
        difference.Changes.Count.Should().BeLessThan(20, $"{situation}: a one-fact question changes a few duties, not the whole timeline");
    }

    [Fact]
    public void asking_nothing_changes_nothing()
    {
        Ask(new FactChanges()).Difference.Changes.Should().BeEmpty("the hypothesis equals the record when no fact is changed");
    }

    [Fact]
    public void another_catalogue_version_can_be_asked_about_too()
    {
        var result = WhatIf.Evaluate(Facts.WithFlags(SectorFlag.CoveredEntity), new FactChanges(), Catalogue2026, CatalogueStore.Embedded.Get("2026.12.1"),
            EvaluationOptions.Default, Now);

        result.Hypothesis.CatalogueVersion.Should().Be("2026.12.1");
        result.Current.CatalogueVersion.Should().Be("2026.11.1", "the current evaluation stays on the incident's own version");
    }
}
