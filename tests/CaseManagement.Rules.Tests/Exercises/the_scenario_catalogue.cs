using System.Reflection;
using System.Text;
using CaseManagement.Rules.Scenarios;
using FluentAssertions;

namespace CaseManagement.Rules.Tests.Exercises;

/// <summary>The exercise scenarios as data: published, immutable, and valid enough to run and to score.</summary>
public class the_scenario_catalogue
{
    [Fact]
    public void covers_the_breaches_shops_meet_most()
    {
        ScenarioCatalogue.Embedded.Latest.Select(s => s.Id).Should().BeEquivalentTo(
            ["checkout-skimmer", "plugin-compromise", "account-takeover", "sql-injection", "leaked-api-key"],
            "the issue names these five as the minimum library");
    }

    [Fact]
    public void every_scenario_opens_its_incident_first_and_scores_decisions_against_its_injects()
    {
        foreach (var scenario in ScenarioCatalogue.Embedded.Scenarios)
        {
            scenario.Injects[0].Should().Be(scenario.Opening, "{0}: the injects are in time order and the alert comes first", scenario.Id);
            scenario.Expectations.Should().NotBeEmpty().And.OnlyContain(e => scenario.Find(e.After) != null, "{0}: every target runs from an inject", scenario.Id);
            scenario.PagesOnCall.Should().BeFalse("{0}: no shipped scenario wakes the real on-call roster", scenario.Id);
        }
    }

    [Fact]
    public void the_skimmer_scenario_lets_the_gdpr_72_hours_run_out_and_fails_the_mail_provider_on_the_way()
    {
        var skimmer = ScenarioCatalogue.Embedded.Find("checkout-skimmer")!;

        skimmer.Expectations.Single(e => e.Id == "notify-regulator").Within.Should().Be(TimeSpan.FromHours(72));
        skimmer.Injects.Should().Contain(i => i.Kind == InjectKinds.SmtpFailure && i.FailFor == TimeSpan.FromHours(3));
        skimmer.Expectations.Single(e => e.Id == "classify-severity").Where["severity"].Should().BeEquivalentTo("high", "critical");
    }

    [Fact]
    public void each_exercise_can_record_the_hash_of_the_script_it_ran()
    {
        var files = Embedded();

        ScenarioCatalogue.Embedded.Find("sql-injection")!.Sha256.Should().Be(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(files["sql-injection.v1.json"])));
    }

    [Fact]
    public void a_published_scenario_that_was_edited_is_refused()
    {
        var files = Embedded();
        files["leaked-api-key.v1.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["leaked-api-key.v1.json"]).Replace("PT1H", "PT9H"));

        var load = () => ScenarioCatalogue.Load(files);

        load.Should().Throw<InvalidDataException>().WithMessage("*leaked-api-key.v1.json was modified after publication*",
            "an exercise records the version it ran, so a published version must never change");
    }

    public static TheoryData<string, string, string, string> BrokenScenarios => new()
    {
        { "no opening alert", "\"opensIncident\": true", "\"opensIncident\": false", "exactly one alert opens the incident" },
        { "a bad duration", "\"at\": \"PT40M\"", "\"at\": \"forty minutes\"", "must be an ISO-8601 duration" },
        { "an smtp failure without a duration", ", \"failFor\": \"PT3H\"", "", "says for how long" },
        { "an expectation after an unknown inject", "\"after\": \"residences-known\"", "\"after\": \"nothing\"", "which the scenario does not have" },
        { "an unknown milestone", "\"milestone\": \"scoped\"", "\"milestone\": \"forgotten\"", "milestone must be one of" },
    };

    [Theory]
    [MemberData(nameof(BrokenScenarios))]
    public void an_invalid_version_is_refused_with_its_problem_named(string breakage, string original, string replacement, string problem)
    {
        var text = Encoding.UTF8.GetString(Embedded()["checkout-skimmer.v1.json"]).Replace("\"version\": 1", "\"version\": 2");
        text.Should().Contain(original, "the breakage must hit the scenario");

        var (scenario, problems) = ScenarioCatalogue.Read(Encoding.UTF8.GetBytes(text.Replace(original, replacement)));

        scenario.Should().BeNull("{0} must not be published", breakage);
        problems.Should().Contain(p => p.Contains(problem), breakage);
    }

    [Fact]
    public void an_organisations_own_version_is_checked_by_the_same_rules_and_keeps_its_hash()
    {
        var text = Encoding.UTF8.GetString(Embedded()["checkout-skimmer.v1.json"]).Replace("\"version\": 1", "\"version\": 2").Replace("\"PT6H\"", "\"PT4H\"");

        var (scenario, problems) = ScenarioCatalogue.Read(Encoding.UTF8.GetBytes(text));

        problems.Should().BeEmpty();
        scenario!.Version.Should().Be(2);
        scenario.Targets.Single(t => t.Milestone == "contained").Within.Should().Be(TimeSpan.FromHours(4), "the lesson learned was a faster containment target");
        scenario.Sha256.Should().HaveLength(64);
    }

    private static Dictionary<string, byte[]> Embedded()
    {
        var assembly = typeof(ScenarioCatalogue).Assembly;
        const string prefix = "CaseManagement.Rules.Scenarios.Definitions.";
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[prefix.Length..], n => Read(assembly, n));
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
