using System.Text.Json;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Deadlines;
using FluentAssertions;
using FluentAssertions.Execution;

namespace CaseManagement.Rules.Tests.Catalogue;

/// <summary>
/// The catalogue must carry every research record, with its structured facts unchanged and its prose in our own
/// words. Structured fields are compared mechanically so that no transcription error can hide.
/// </summary>
public class the_catalogue_source_fidelity
{
    private static readonly ObligationCatalogue Catalogue = CatalogueStore.Embedded.Get("2026.11.1");

    public static TheoryData<string> SourceIds => [.. SourceRecords.Ids];

    [SourceFact]
    public void every_source_record_appears_exactly_once()
    {
        SourceRecords.Ids.Should().HaveCount(131, "the research snapshot holds 131 records");
        Catalogue.Rules.Select(r => r.Id).Should().BeEquivalentTo(SourceRecords.Ids,
            "every research record becomes exactly one rule, keyed by its source id, and nothing else is added");
    }

    [SourceTheory]
    [MemberData(nameof(SourceIds))]
    public void every_rule_keeps_the_structured_facts_of_its_source_record(string id)
    {
        var rule = Catalogue.Rule(id);
        var source = SourceRecords.Record(id);
        var because = $"rule '{id}' copies its structured facts from the research record instead of retyping them";

        using var _ = new AssertionScope();
        rule.Jurisdiction.Should().Be(Text(source, "jurisdiction"), because);
        rule.Region.Should().Be(Text(source, "region"), because);
        CatalogueWords.Of(rule.Kind).Should().Be(Text(source, "kind"), because);
        rule.Recipients.Select(CatalogueWords.Of).Should().Equal(
            source.GetProperty("notify").EnumerateArray().Select(n => n.GetString()!).Where(n => n != "n/a").Select(Kebab), because);
        CatalogueWords.Of(rule.Threshold.Mode).Should().Be(Kebab(Text(source, "threshold_mode")!), because);
        rule.Threshold.MinAffected.Should().Be(Number(source, "threshold_residents"), because);
        rule.Threshold.MaxAffected.Should().Be(Number(source, "threshold_max_residents"), because);
        CatalogueWords.Of(rule.ClockStart).Should().Be(Kebab(Text(source, "clock_start")!), because);
        rule.Deadline.Spec.Should().Be(Spec(Text(source, "deadline_unit")!, Number(source, "deadline_value")), because);
        rule.EffectiveFrom?.ToString("yyyy-MM-dd").Should().Be(Text(source, "effective"), because);
        rule.Citation.Should().Be(Text(source, "citation"), because);
        rule.Sources.Should().Equal(
            [Text(source, "source")!, .. source.GetProperty("additional_sources").EnumerateArray().Select(s => s.GetString()!)], because);
        CatalogueWords.Of(rule.Verification.Status).Should().Be(Text(source, "verified")!.ToLowerInvariant(), because);

        var backstop = source.GetProperty("backstop");
        if (backstop.ValueKind == JsonValueKind.Null)
        {
            rule.Backstop.Should().BeNull(because);
            return;
        }
        rule.Backstop.Should().NotBeNull(because);
        rule.Backstop!.Spec.Should().Be(Spec(Text(backstop, "unit")!, Number(backstop, "value")), because);
        CatalogueWords.Of(rule.Backstop.ClockStart).Should().Be(Kebab(Text(backstop, "clock_start")!), because);
    }

    [SourceFact]
    public void no_rule_copies_the_source_wording_of_its_deadline_or_trigger()
    {
        using var _ = new AssertionScope();
        foreach (var rule in Catalogue.Rules)
        {
            var source = SourceRecords.Record(rule.Id);
            string[] sourceTexts = [Normal(Text(source, "deadline_text")), Normal(Text(source, "trigger"))];
            string[] ourTexts = [rule.Obligation, rule.Deadline.Wording, rule.Trigger.Description];

            ourTexts.Select(Normal).Should().NotIntersectWith(sourceTexts,
                $"rule '{rule.Id}' states the duty in our own words rather than the research text");
        }
    }

    /// <summary>The source writes a relative backstop's missing amount as 0; the catalogue keeps amounts for measured units only.</summary>
    private static DeadlineSpec Spec(string unitWord, int? value)
    {
        CatalogueWords.TryParse<DeadlineUnit>(unitWord == "n/a" ? "not-applicable" : Kebab(unitWord), out var unit)
            .Should().BeTrue($"'{unitWord}' is a deadline unit the catalogue knows");
        var spec = new DeadlineSpec(unit);
        return spec.IsMeasured ? spec with { Value = value } : spec;
    }

    private static string Kebab(string word) => word.Replace('_', '-');

    private static string Normal(string? text) => (text ?? "").Trim().TrimEnd('.').ToLowerInvariant();

    private static string? Text(JsonElement record, string name) =>
        record.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int? Number(JsonElement record, string name) =>
        record.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;
}
