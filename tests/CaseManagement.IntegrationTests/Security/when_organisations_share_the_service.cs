using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>One organisation can never see or change another's incidents, by any route.</summary>
public sealed class when_organisations_share_the_service(AppFixture fixture) : ServiceScenario(fixture)
{
    private IncidentApi Globex => ApiAs("lead@globex.test", "globex", Roles.Responder, Roles.ComplianceLead);

    private IncidentApi Initech => ApiAs("lead@initech.test", "initech", Roles.Responder, Roles.ComplianceLead, Roles.Auditor);

    [Fact]
    public async Task another_organisations_incident_does_not_exist_for_you()
    {
        var id = await Globex.DetectAsync("globex-shop");

        await Initech.GetAsync($"/api/incidents/{id}", 404);
        await Initech.GetAsync($"/api/incidents/{id}?version=1", 404);
        await Initech.GetAsync($"/api/incidents/{id}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}", 404);
        await Initech.GetAsync($"/api/incidents/{id}/events", 404);
        await Initech.ActAsync(id, "add-note", new { text = "should not land" }, 404);

        (await Globex.HistoryAsync(id)).Should().HaveCount(1, "the other organisation's write changed nothing");
    }

    [Fact]
    public async Task lists_and_projections_show_only_your_own_incidents()
    {
        var shop = $"shared-name-{Guid.NewGuid():N}";
        var mine = await Globex.DetectAsync(shop);
        var theirs = await Initech.DetectAsync(shop);

        // Both rows are projected once each organisation sees its own; only then is absence meaningful.
        await Initech.WaitForAsync($"/api/incidents?shop={shop}", p => p["items"]!.AsArray().Any(i => i!["id"]!.GetValue<Guid>() == theirs));
        var page = await Globex.WaitForAsync($"/api/incidents?shop={shop}", p => p["totalItems"]!.GetValue<long>() >= 1);
        page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Should().Equal([mine], "the other organisation's incident with the same shop name is invisible");
    }

    [Fact]
    public async Task an_idempotency_key_of_one_organisation_does_not_replay_for_another()
    {
        var key = $"shared-key-{Guid.NewGuid()}";
        var body = IncidentApi.NewIncident("key-shop");

        var first = await Globex.SendAsync(HttpMethod.Post, "/api/incidents", body, 201, x => x.WithRequestHeader("Idempotency-Key", key));
        var second = await Initech.SendAsync(HttpMethod.Post, "/api/incidents", body, 201, x => x.WithRequestHeader("Idempotency-Key", key));

        second["id"]!.GetValue<Guid>().Should().NotBe(first["id"]!.GetValue<Guid>(), "each organisation's keys are its own");
    }
}
