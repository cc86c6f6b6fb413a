using Alba;
using CaseManagement.Incidents.Detecting;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManagement.IntegrationTests.Api;

public sealed class when_operating_the_service(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task liveness_answers_without_asking_anything() =>
        await Host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.StatusCodeShouldBeOk();
            x.ContentShouldBe("Healthy");
        });

    [Fact]
    public async Task readiness_says_what_it_checked()
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/health/ready");
            x.StatusCodeShouldBeOk();
        });

        var ready = System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!;
        ready["status"]!.GetValue<string>().Should().BeOneOf(["Healthy", "Degraded"], "dead letters other scenarios leave behind degrade readiness, never fail it");
        ready["checks"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo(["postgresql", "background-loops", "dead-letters"],
            "an operator reading it during an outage learns which part is down");
    }

    [Fact]
    public async Task the_openapi_document_lists_the_incident_routes()
    {
        var document = await Api.GetAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/incidents", "/api/incidents/{id}", "/api/incidents/{id}/events", "/api/incidents/{id}/contain",
            "/api/incidents/{id}/correct-awareness", "/api/incidents/{id}/decide-no-notification"]);
    }

    [Fact]
    public async Task the_demo_incident_is_seeded_once()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var seeder = new DemoIncidentSeeder(store, TimeProvider.System, NullLogger<DemoIncidentSeeder>.Instance);

        await seeder.StartAsync(CancellationToken.None);
        await seeder.StartAsync(CancellationToken.None);

        var demoLead = ApiAs("lead@demo.test", DemoIncidentSeeder.DemoOrganisation, Roles.ComplianceLead);
        var history = await demoLead.HistoryAsync(DemoIncidentSeeder.DemoIncidentId);
        history.Should().HaveCount(8, "a second start finds the demo incident and writes nothing");
        var demo = await demoLead.GetAsync($"/api/incidents/{DemoIncidentSeeder.DemoIncidentId}");
        demo["status"]!.GetValue<string>().Should().Be("detected", "the demo shop's skimmer is live until the playbook contains it");
        var deadlines = await demoLead.GetAsync($"/api/incidents/{DemoIncidentSeeder.DemoIncidentId}/deadlines");
        deadlines["obligations"]!.AsArray().Should().Contain(o => o!["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa"
            && o["applicability"]!.GetValue<string>() == "applies", "the demo's German customers make GDPR apply");
    }
}
