using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// A lesson from a review becomes a new version of a scenario: proposed as the whole document, checked by the catalogue's own
/// rules, accepted by a second lead, and from then on offered beside the shipped versions (ADR 24). An organisation of its own.
/// </summary>
public sealed class when_proposing_a_change(AppFixture fixture) : ServiceScenario(fixture)
{
    private readonly string _organisation = $"pc-{Guid.NewGuid():N}"[..16];

    private IncidentApi Lead => ApiAs("lee.lead@shop.test", _organisation, Roles.ComplianceLead, Roles.Responder);

    private IncidentApi SecondLead => ApiAs("kai.lead@shop.test", _organisation, Roles.ComplianceLead);

    [Fact]
    public async Task an_accepted_proposal_is_the_organisations_next_version_and_only_a_second_lead_accepts_it()
    {
        var document = SkimmerV1();
        document["version"] = 2;
        document["title"] = "Card skimmer in the checkout, with the regulator calling early";

        var proposed = await Lead.SendAsync(HttpMethod.Post, "/api/proposals",
            new { kind = "scenario", procedure = "checkout-skimmer", document, reason = "the review found nobody knew who calls the regulator" }, 201);
        var id = proposed["id"]!.GetValue<Guid>();
        proposed["version"]!.GetValue<int>().Should().Be(2);

        (await Lead.SendAsync(HttpMethod.Post, $"/api/proposals/{id}/accept", new { }, 403))["title"]!.GetValue<string>()
            .Should().Be("A second person must decide", "the proposer cannot accept their own change");
        var accepted = await SecondLead.SendAsync(HttpMethod.Post, $"/api/proposals/{id}/accept", new { comment = "agreed in the review" }, 200);
        accepted["status"]!.GetValue<string>().Should().Be("accepted");
        (await SecondLead.SendAsync(HttpMethod.Post, $"/api/proposals/{id}/accept", new { }, 409))["title"]!.GetValue<string>().Should().Be("The proposal was decided");

        var v2 = (await Lead.GetAsync("/api/scenarios")).AsArray().Single(s => s!["id"]!.GetValue<string>() == "checkout-skimmer" && s["version"]!.GetValue<int>() == 2)!;
        v2["publishedByOrganisation"]!.GetValue<bool>().Should().BeTrue();
        v2["title"]!.GetValue<string>().Should().Be("Card skimmer in the checkout, with the regulator calling early");
        v2["sha256"]!.GetValue<string>().Should().Be(accepted["sha256"]!.GetValue<string>(), "exercises record the hash of the version they ran");
        var other = ApiAs("lee.lead@shop.test", $"pc-{Guid.NewGuid():N}"[..16], Roles.ComplianceLead);
        (await other.GetAsync("/api/scenarios")).AsArray().Should().NotContain(s => s!["id"]!.GetValue<string>() == "checkout-skimmer" && s["version"]!.GetValue<int>() == 2,
            "another organisation runs only its own versions");
    }

    [Fact]
    public async Task a_document_the_catalogue_refuses_or_that_is_not_the_next_version_is_refused_with_its_problems()
    {
        var stale = SkimmerV1();
        var broken = SkimmerV1();
        broken["version"] = 2;
        broken["injects"] = new JsonArray();

        var notNext = await Lead.SendAsync(HttpMethod.Post, "/api/proposals", new { kind = "scenario", procedure = "checkout-skimmer", document = stale, reason = "resubmitting v1 as is" }, 422);
        var invalid = await Lead.SendAsync(HttpMethod.Post, "/api/proposals", new { kind = "scenario", procedure = "checkout-skimmer", document = broken, reason = "dropping every inject" }, 422);

        notNext["errors"]!["document"]![0]!.GetValue<string>().Should().Contain("must be checkout-skimmer version 2");
        invalid["errors"]!["document"]!.AsArray().Should().NotBeEmpty("a scenario without injects breaks the catalogue's rules");
    }

    private static JsonObject SkimmerV1() => JsonNode.Parse(File.ReadAllText(Path.Combine(Tools.RepositoryRoot,
        "src/CaseManagement.Rules/Scenarios/Definitions/checkout-skimmer.v1.json")))!.AsObject();
}
