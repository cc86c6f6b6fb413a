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
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task health_endpoints_answer(string url)
    {
        var answer = await Host.Scenario(x =>
        {
            x.Get.Url(url);
            x.StatusCodeShouldBeOk();
        });

        (await answer.ReadAsTextAsync()).Should().BeOneOf(["Healthy", "Degraded"], "dead letters other scenarios leave behind degrade readiness, never fail it");
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
        history.Should().HaveCount(9, "a second start finds the demo incident and writes nothing");
        var demo = await demoLead.GetAsync($"/api/incidents/{DemoIncidentSeeder.DemoIncidentId}");
        demo["status"]!.GetValue<string>().Should().Be("contained");
        var deadlines = await demoLead.GetAsync($"/api/incidents/{DemoIncidentSeeder.DemoIncidentId}/deadlines");
        deadlines["obligations"]!.AsArray().Should().Contain(o => o!["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa"
            && o["applicability"]!.GetValue<string>() == "applies", "the demo's German customers make GDPR apply");
    }
}
