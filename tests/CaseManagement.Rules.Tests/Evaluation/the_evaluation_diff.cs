using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;
using static CaseManagement.Rules.Tests.Evaluation.ShopBreach;

namespace CaseManagement.Rules.Tests.Evaluation;

/// <summary>The deadline history: what changed between two evaluations of one incident.</summary>
public class the_evaluation_diff
{
    [Fact]
    public void correcting_awareness_earlier_moves_the_gdpr_deadline_earlier()
    {
        var before = Evaluate(Facts, Evening);
        var corrected = Facts.WithClock(ClockStart.Awareness, At("2026-03-01T21:00:00Z"));
        var after = Evaluate(corrected, Evening);

        var gdpr = EvaluationDiff.Between(before, after).For("eu-gdpr-art33-sa");

        gdpr.Should().NotBeNull("the GDPR deadline moved");
        gdpr!.DueAtChanged.Should().BeTrue("awareness starts the 72 hours");
        gdpr.Before!.DueAt.Should().Be(At("2026-03-05T09:00:00Z"), "it was due 72 h after the first awareness time");
        gdpr.After!.DueAt.Should().Be(At("2026-03-04T21:00:00Z"), "it is now due 72 h after the corrected one");
        gdpr.Summary.Should().Be("due 2026-03-05T09:00:00Z, now 2026-03-04T21:00:00Z (12 h earlier)", "the history reads as a sentence");
    }

    [Fact]
    public void a_diff_lists_only_what_changed()
    {
        var before = Evaluate(Facts, Evening);
        var after = Evaluate(Facts.WithClock(ClockStart.Awareness, At("2026-03-01T21:00:00Z")), Evening);

        var changed = EvaluationDiff.Between(before, after).Changes.Select(c => c.RuleId);

        changed.Should().Contain("gb-ukgdpr-art33-ico", "the ICO also counts from awareness");
        changed.Should().NotContain("us-ca-1798.82-individuals", "California counts from discovery, which did not move");
        changed.Should().NotContain("us-vt-individuals", "a rule that stays inapplicable has no history");
    }

    [Fact]
    public void a_diff_records_an_applicability_change_with_its_new_reason()
    {
        var before = Evaluate(Facts, Evening);
        var after = Evaluate(Facts with { Risk = new RiskAssessment(HighRisk: true) }, Evening);

        var notice = EvaluationDiff.Between(before, after).For("eu-gdpr-art34-data-subjects")!;

        notice.ApplicabilityChanged.Should().BeTrue("the high-risk finding decided the open question");
        notice.Summary.Should().StartWith("Undetermined → Applies", "the change reads in order");
    }

    [Fact]
    public void time_passing_shows_up_as_status_changes()
    {
        var diff = EvaluationDiff.Between(Evaluate(Facts, Evening), Evaluate(Facts, Aware.AddHours(50)));

        var gdpr = diff.For("eu-gdpr-art33-sa")!;
        gdpr.StatusChanged.Should().BeTrue("the deadline came within the due-soon window");
        gdpr.DueAtChanged.Should().BeFalse("the deadline itself stayed put");
        gdpr.Summary.Should().Be("status Pending → DueSoon", "only the status changed");
    }

    [Fact]
    public void comparing_catalogue_versions_reports_rules_that_only_one_has()
    {
        var trimmed = Catalogue2026 with { Version = "2026.11.2", Rules = Catalogue2026.Rules.Where(r => r.Id != "us-tx-cra").ToList() };
        var before = Evaluate(Facts, Evening);
        var after = ObligationEvaluator.Evaluate(Facts, trimmed, EvaluationOptions.Default, Evening);

        var dropped = EvaluationDiff.Between(before, after).For("us-tx-cra")!;

        dropped.After.Should().BeNull("the newer version no longer has the rule");
        dropped.Summary.Should().Be("rule dropped, not in catalogue 2026.11.2", "a what-if against another version says so plainly");
    }
}
