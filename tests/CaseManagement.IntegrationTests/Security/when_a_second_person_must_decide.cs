using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Security;

/// <summary>
/// Four eyes and plain refusals say what would be allowed (issue 14, item 12): the author of a notice template cannot approve
/// it, and a 403 names the role or the condition the caller lacks.
/// </summary>
public sealed class when_a_second_person_must_decide(AppFixture fixture) : ServiceScenario(fixture)
{
    private IncidentApi Lena => ApiAs("lena.lead@foureyes.test", "foureyes-org", Roles.ComplianceLead);

    private IncidentApi Lou => ApiAs("lou.lead@foureyes.test", "foureyes-org", Roles.ComplianceLead);

    [Fact]
    public async Task the_author_of_a_notice_template_cannot_approve_it_and_another_lead_can()
    {
        var example = await Lena.GetAsync("/api/notice-templates/examples/US-CA");
        var templateId = $"ca-{Guid.NewGuid():N}"[..20];
        await Lena.SendAsync(HttpMethod.Post, "/api/notice-templates", new
        {
            templateId, channel = "email", language = "en", jurisdiction = example["jurisdiction"]!.GetValue<string>(),
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        }, 201);

        var own = await Lena.SendAsync(HttpMethod.Post, $"/api/notice-templates/{templateId}/versions/1/approve", new { }, 403);
        var approved = await Lou.SendAsync(HttpMethod.Post, $"/api/notice-templates/{templateId}/versions/1/approve", new { }, 200);

        own["condition"]!.GetValue<string>().Should().Be("four-eyes");
        own["detail"]!.GetValue<string>().Should().Contain("user:lena.lead@foureyes.test drafted").And.Contain("compliance-lead");
        approved["template"]!["approvedBy"]!.GetValue<string>().Should().Be("user:lou.lead@foureyes.test");
    }

    [Fact]
    public async Task a_refused_role_is_told_which_role_the_endpoint_needs()
    {
        var auditor = ApiAs("audrey.auditor@foureyes.test", "foureyes-org", Roles.Auditor);

        var problem = await auditor.SendAsync(HttpMethod.Post, "/api/incidents", IncidentApi.NewIncident("any-shop"), 403);

        problem["detail"]!.GetValue<string>().Should().Contain("POST /api/incidents needs the role responder or compliance-lead").And.Contain("you hold auditor");
        problem["requiredRoles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(["responder", "compliance-lead"]);
    }
}
