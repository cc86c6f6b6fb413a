using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Incidents;

/// <summary>
/// A compliance lead asks what the record said at a version or an instant, wherever it can be read: the record itself, the
/// deadline timeline and the audit report (issue 14, item 13). Before, <c>?version=</c> and <c>/events?asOf=</c> were ignored
/// and answered "now".
/// </summary>
public sealed class when_asking_what_the_record_said_at_a_point(AppFixture fixture) : ServiceScenario(fixture)
{
    private IncidentApi Lead => ApiAs("lead@asof.test", "asof-org", Roles.Responder, Roles.ComplianceLead);

    /// <summary>Version 1 detected, 2 aware, 3 Germans affected (GDPR applies from here), 4 a note.</summary>
    private async Task<Guid> IncidentAsync()
    {
        var id = await Lead.DetectAsync("asof-shop");
        await Lead.ActAsync(id, "record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddHours(-5) });
        await Lead.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 40 } }, basis = "orders" });
        await Lead.ActAsync(id, "add-note", new { text = "checked the export logs" });
        return id;
    }

    private static IEnumerable<string> Types(JsonNode events) => events.AsArray().Select(e => e!["type"]!.GetValue<string>());

    [Fact]
    public async Task the_record_at_a_version_holds_the_incident_s_events_up_to_it_and_nothing_later()
    {
        var id = await IncidentAsync();

        var atTwo = await Lead.GetAsync($"/api/incidents/{id}/events?version=2");
        var all = await Lead.GetAsync($"/api/incidents/{id}/events");

        Types(atTwo).Should().Equal(["incident_detected", "awareness_recorded"], "version 2 is the awareness; the counts and the note came later");
        Types(all).Should().HaveCount(4);
        (await Lead.GetAsync($"/api/incidents/{id}/events?version=9", 404))["detail"]!.GetValue<string>().Should().Contain("has 4 versions");
    }

    [Fact]
    public async Task the_record_as_of_an_instant_holds_what_was_recorded_by_then()
    {
        var id = await IncidentAsync();
        var all = (await Lead.GetAsync($"/api/incidents/{id}/events")).AsArray();
        var awarenessRecorded = DateTimeOffset.Parse(all[1]!["timestamp"]!.GetValue<string>());

        var then = await Lead.GetAsync($"/api/incidents/{id}/events?asOf={Uri.EscapeDataString(awarenessRecorded.ToString("O"))}");

        Types(then).Should().Equal(["incident_detected", "awareness_recorded"]);
        (await Lead.GetAsync($"/api/incidents/{id}/events?asOf=2000-01-01T00:00:00Z", 404))["detail"]!.GetValue<string>().Should().Contain("had not been recorded");
        (await Lead.GetAsync($"/api/incidents/{id}/events?asOf=yesterday", 400))["detail"]!.GetValue<string>().Should().Contain("ISO-8601");
        (await Lead.GetAsync($"/api/incidents/{id}/events?asOf=2026-01-01T00:00:00Z&version=2", 400))["detail"]!.GetValue<string>().Should().Contain("not both");
    }

    [Fact]
    public async Task the_deadlines_at_a_version_are_those_its_facts_gave()
    {
        var id = await IncidentAsync();

        var beforeCounts = await Lead.GetAsync($"/api/incidents/{id}/deadlines?version=2");
        var withCounts = await Lead.GetAsync($"/api/incidents/{id}/deadlines?version=3");

        Rule(beforeCounts, "eu-gdpr-art33-sa")?["applicability"]!.GetValue<string>().Should().NotBe("applies",
            "at version 2 nobody in the EU was known to be affected");
        Rule(withCounts, "eu-gdpr-art33-sa")!["applicability"]!.GetValue<string>().Should().Be("applies", "version 3 recorded 40 people in Germany");
    }

    [Fact]
    public async Task the_audit_report_at_a_version_reports_the_incident_as_it_stood_then()
    {
        var id = await IncidentAsync();

        var report = await Lead.GetAsync($"/api/incidents/{id}/audit-report?version=2");

        report["incident"]!["version"]!.GetValue<long>().Should().Be(2);
        report["timeline"]!.AsArray().Should().HaveCount(2, "the report's timeline is the record at version 2");
        (await Lead.GetAsync($"/api/incidents/{id}/audit-report?version=0", 400))["detail"]!.GetValue<string>().Should().Contain("starts at 1");
    }

    [Fact]
    public async Task the_board_shows_one_incident_or_one_jurisdiction_when_asked()
    {
        var first = await IncidentAsync();
        var second = await IncidentAsync();
        var all = await Lead.WaitForAsync("/api/deadlines?dueWithinHours=2160", b => new[] { first, second }.All(id =>
            b["items"]!.AsArray().Any(i => i!["incidentId"]!.GetValue<Guid>() == id && i["jurisdiction"]!.GetValue<string>() == "EU")));

        var one = (await Lead.GetAsync($"/api/deadlines?dueWithinHours=2160&incidentId={first}"))["items"]!.AsArray();
        var cardBrands = (await Lead.GetAsync("/api/deadlines?dueWithinHours=2160&jurisdiction=PCI"))["items"]!.AsArray();
        var europe = (await Lead.GetAsync("/api/deadlines?dueWithinHours=2160&jurisdiction=eu"))["items"]!.AsArray();

        all["items"]!.AsArray().Select(i => i!["jurisdiction"]!.GetValue<string>()).Should().Contain(j => j.StartsWith("PCI-"), "card data was taken");
        one.Should().NotBeEmpty().And.OnlyContain(i => i!["incidentId"]!.GetValue<Guid>() == first);
        cardBrands.Should().NotBeEmpty().And.OnlyContain(i => i!["jurisdiction"]!.GetValue<string>().StartsWith("PCI-"), "\"PCI\" takes every card brand");
        europe.Should().NotBeEmpty().And.OnlyContain(i => i!["jurisdiction"]!.GetValue<string>() == "EU", "codes are matched in any case");
        (await Lead.GetAsync("/api/deadlines?jurisdiction=Atlantis", 422))["errors"]!["jurisdiction"]!.ToJsonString().Should().Contain("US-CA",
            "the refusal lists the jurisdictions there are");
    }

    private static JsonNode? Rule(JsonNode timeline, string ruleId) =>
        timeline["obligations"]!.AsArray().SingleOrDefault(o => o!["ruleId"]!.GetValue<string>() == ruleId);
}
