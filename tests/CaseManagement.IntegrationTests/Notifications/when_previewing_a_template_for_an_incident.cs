using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Microsoft.AspNetCore.Http;

namespace CaseManagement.IntegrationTests.Notifications;

/// <summary>
/// A template previewed for a real recipient of an incident (POST …/preview?incidentId=): a person the incident's latest scope
/// found where the template applies, with their jurisdiction and data categories, never their name or address.
/// </summary>
public sealed class when_previewing_a_template_for_an_incident(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private NotifiedShop _shop = null!;

    private IncidentApi Lead => ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Auditor => ApiAs("otto.auditor@shop.test", Organisation, Roles.Auditor);

    public async Task InitializeAsync() => _shop = await NotifiedShop.CreateAsync(ApiAs("ada.admin@shop.test", Organisation, Roles.Admin), Lead,
        ApiAs("lou.lead@shop.test", Organisation, Roles.ComplianceLead), customers: 6, orders: 12, residences: [("US", "CA")]);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task the_preview_is_rendered_for_a_person_the_scope_found_where_the_template_applies_and_in_the_campaign_s_words_once_drafted()
    {
        var before = await PreviewAsync(_shop.CaliforniaTemplate, _shop.IncidentId, 200);
        before["sample"]!["recipient"]!["jurisdiction"]!.GetValue<string>().Should().Be("US-CA", "the person found lives in California");
        before["sample"]!["recipient"]!["name"]!.GetValue<string>().Should().Be("[Recipient name]", "a preview never reveals a person's name");
        before["sample"]!["recipient"]!["email"].Should().BeNull("nor their address");
        before["body"]!.GetValue<string>().Should().Contain("[written when a campaign is drafted]", "no campaign has given the notice its words yet");

        await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Preview drill"), 201);
        var after = await PreviewAsync(_shop.CaliforniaTemplate, _shop.IncidentId, 200);
        after["body"]!.GetValue<string>().Should().Contain("A script placed in our checkout page copied card details", "the latest campaign's words are the notice's")
            .And.NotContain("[written when a campaign is drafted]");
    }

    [Fact]
    public async Task a_template_for_where_nobody_found_lives_is_refused_with_where_they_live_and_an_unknown_incident_is_not_found()
    {
        var nobody = await PreviewAsync(_shop.DefaultTemplate, _shop.IncidentId, 422);
        nobody["errors"]!["incidentId"]![0]!.GetValue<string>().Should().Contain("(EU)").And.Contain("they live in: US-CA",
            "the refusal says where the template applies and where the people found live");

        await PreviewAsync(_shop.CaliforniaTemplate, Guid.NewGuid(), 404);
        (await PreviewAsync(_shop.CaliforniaTemplate, null, 200))
            ["sample"]!["recipient"]!["name"]!.GetValue<string>().Should().Be("Jordan Miller", "without an incident the preview is the fictional sample, as before");
    }

    private Task<System.Text.Json.Nodes.JsonNode> PreviewAsync(string templateId, Guid? incidentId, int expectedStatus) =>
        Auditor.SendAsync(HttpMethod.Post, $"/api/notice-templates/{templateId}/versions/1/preview", new { }, expectedStatus,
            x => x.ConfigureHttpContext(c => c.Request.QueryString = incidentId is { } id ? new QueryString($"?incidentId={id}") : QueryString.Empty));
}
