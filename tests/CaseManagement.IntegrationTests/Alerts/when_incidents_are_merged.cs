using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>Two incidents found to be one breach: both histories stay, the survivor's deadlines run from the earliest awareness.</summary>
public sealed class when_incidents_are_merged(AppFixture fixture) : AlertScenario(fixture)
{
    private async Task<Guid> OpenAsync(string title, string awareAt)
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title, shop = Shop.Name, kind = "account-takeover", detectedAt = "2026-11-20T08:00:00Z", dataCategories = new[] { "email" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        await Api.ActAsync(id, "record-awareness", new { awareAt, reason = "confirmed" });
        return id;
    }

    [Fact]
    public async Task the_duplicate_closes_the_survivor_takes_the_earlier_awareness_and_both_keep_their_histories()
    {
        var survivor = await OpenAsync("Rogue admin", "2026-11-20T12:00:00Z");
        var duplicate = await OpenAsync("Odd admin login", "2026-11-20T09:00:00Z");

        await Api.ActAsync(duplicate, "mark-duplicate", new { duplicateOf = survivor, reason = "same account, same attacker IP" });

        var merged = await Api.GetAsync($"/api/incidents/{survivor}");
        merged["awareAt"]!.GetValue<string>().Should().Be("2026-11-20T09:00:00Z", "the duplicate knew three hours earlier; deadlines run from then");
        (await Api.GetAsync($"/api/incidents/{duplicate}"))["status"]!.GetValue<string>().Should().Be("closed", "a duplicate is closed, not deleted");
        (await Api.HistoryAsync(survivor)).Select(e => e!["type"]!.GetValue<string>()).Should().Contain(["duplicate_incident_merged", "awareness_corrected"]);
        (await Api.HistoryAsync(duplicate)).Select(e => e!["type"]!.GetValue<string>()).Should()
            .Contain(["incident_detected", "incident_marked_duplicate", "incident_closed"], "the duplicate's own history is kept");
    }

    [Fact]
    public async Task merging_into_itself_or_an_unknown_incident_is_422()
    {
        var incident = await OpenAsync("Rogue admin", "2026-11-20T12:00:00Z");

        var itself = await Api.ActAsync(incident, "mark-duplicate", new { duplicateOf = incident, reason = "oops" }, 422);
        var unknown = await Api.ActAsync(incident, "mark-duplicate", new { duplicateOf = Guid.NewGuid(), reason = "oops" }, 422);

        itself["errors"]!["duplicateOf"]![0]!.GetValue<string>().Should().Contain("itself");
        unknown["errors"]!["duplicateOf"]![0]!.GetValue<string>().Should().Contain("no incident");
    }
}
