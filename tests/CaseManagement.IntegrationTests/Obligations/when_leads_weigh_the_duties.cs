using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Obligations;

/// <summary>
/// The questions a compliance lead asks of the duties before signing (issue 14): what changes if one count changes, which
/// sector regime a flag brings, and whether an incident somebody was already told about can be called a false positive.
/// </summary>
public sealed class when_leads_weigh_the_duties(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task a_what_if_with_one_count_changes_only_that_count_and_answers_the_difference()
    {
        var id = await Api.DetectAsync("what-if-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });
        await Api.ActAsync(id, "facts/affected-counts", new
        {
            counts = new object[] { new { residence = "DE", count = 3000 }, new { residence = "US-CA", count = 1200 }, new { residence = "US-TX", count = 40 } },
            basis = "orders",
        });
        var recorded = Rules(await Api.GetAsync($"/api/incidents/{id}/deadlines"));

        var whatIf = await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/deadlines/what-if",
            new { affectedCounts = new[] { new { residence = "US-TX", count = 600 } } }, 200);

        var hypothesised = Rules(whatIf);
        hypothesised.Should().Contain(recorded.Where(r => r.StartsWith("eu-") || r.StartsWith("us-ca-")),
            "the German and Californian counts were not part of the question and stay as recorded");
        var difference = whatIf["difference"]!;
        difference["removed"]!.AsArray().Should().BeEmpty("raising one count removes no duty");
        difference["added"]!.AsArray().Select(d => d!["ruleId"]!.GetValue<string>()).Should().BeEquivalentTo(hypothesised.Except(recorded),
            "the difference lists exactly the duties the hypothesis adds");
        difference["added"]!.AsArray().Should().OnlyContain(d => d!["jurisdiction"]!.GetValue<string>().StartsWith("US"), "only the Texan count changed");
    }

    [Fact]
    public async Task a_nydfs_licence_and_hipaa_coverage_are_different_flags_with_different_duties()
    {
        var id = await Api.DetectAsync("sector-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });

        var retired = await Api.ActAsync(id, "facts/sector-flags", new { flags = new[] { "covered-entity" } }, 422);
        retired.ToJsonString().Should().Contain("nydfs-licensee").And.Contain("hipaa-covered-entity", "the retired flag names what to record instead");
        await Api.ActAsync(id, "facts/sector-flags", new { flags = new[] { "hipaa-covered-entity" }, reason = "a pharmacy" });
        var pharmacy = await Api.GetAsync($"/api/incidents/{id}/deadlines?include=all");
        Applicability(pharmacy, "us-ny-dfs-500.17a").Should().Be("not-applicable", "a HIPAA covered entity is not a NYDFS licensee");

        await Api.ActAsync(id, "facts/sector-flags", new { flags = new[] { "nydfs-licensee" }, reason = "licensed by DFS as a money transmitter" });
        var licensee = await Api.GetAsync($"/api/incidents/{id}/deadlines?include=all");
        Applicability(licensee, "us-ny-dfs-500.17a").Should().NotBe("not-applicable", "a NYDFS licence alone brings the 72-hour DFS report");
    }

    [Fact]
    public async Task moving_an_incident_onto_the_new_catalogue_shows_the_flags_to_record_again()
    {
        var id = await Api.DetectAsync("sector-shop");
        await Api.ActAsync(id, "obligations/catalogue-version", new { version = "2026.11.1", reason = "the incident began under it" });
        await Api.ActAsync(id, "facts/sector-flags", new { flags = new[] { "covered-entity" } });

        var move = await Api.GetAsync($"/api/incidents/{id}/obligations/catalogue-move?to=2026.12.1");

        move["toVersion"]!.GetValue<string>().Should().Be("2026.12.1");
        move["flagsToRecordAgain"]!.ToJsonString().Should().Contain("covered-entity", "the flag that meant two legal statuses must be recorded again");
    }

    [Fact]
    public async Task an_incident_somebody_was_told_about_is_a_false_positive_only_once_its_duties_are_settled()
    {
        var id = await Api.DetectAsync("false-positive-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-11-20T09:00:00Z" });
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });
        await Api.ActAsync(id, "obligations/satisfied", new { ruleId = "eu-gdpr-art33-sa", satisfiedAt = "2026-11-21T09:00:00Z", reference = "CNIL-2026-0042" });

        var refused = await Api.ActAsync(id, "mark-false-positive", new { reason = "the card data was test data" }, 409);

        var open = refused["openDuties"]!.AsArray().Select(d => d!["ruleId"]!.GetValue<string>()).ToList();
        open.Should().NotBeEmpty().And.NotContain("eu-gdpr-art33-sa", "the supervisory authority was told; what else is owed stays open");
        await Api.WaiveOpenDutiesAsync(id, "the regulator was told it was a false alarm; nothing else is owed");
        await Api.ActAsync(id, "mark-false-positive", new { reason = "the card data was test data" });
        (await Api.GetAsync($"/api/incidents/{id}"))["status"]!.GetValue<string>().Should().Be("false-positive");
    }

    [Fact]
    public async Task an_incident_nobody_was_told_about_can_be_a_false_positive_at_once()
    {
        var id = await Api.DetectAsync("false-positive-shop");
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });

        await Api.ActAsync(id, "mark-false-positive", new { reason = "our own pen-test" });
    }

    private static List<string> Rules(JsonNode timeline) => [.. timeline["obligations"]!.AsArray().Select(o => o!["ruleId"]!.GetValue<string>())];

    private static string Applicability(JsonNode timeline, string ruleId) =>
        timeline["obligations"]!.AsArray().Single(o => o!["ruleId"]!.GetValue<string>() == ruleId)!["applicability"]!.GetValue<string>();
}
