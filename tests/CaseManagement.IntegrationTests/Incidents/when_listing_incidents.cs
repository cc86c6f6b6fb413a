using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Incidents;

/// <summary>
/// The list is an async projection: these tests wait for the daemon (its shards assigned by Wolverine's leader, ADR 25)
/// to catch up, so a daemon that silently fails to start fails them.
/// </summary>
public sealed class when_listing_incidents(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task the_async_list_catches_up_with_new_incidents_and_their_status()
    {
        var shop = $"list-shop-{Guid.NewGuid():N}";
        var first = await Api.DetectAsync(shop);
        var second = await Api.DetectAsync(shop);
        await Api.ActAsync(second, "contain", new { summary = "keys revoked" });

        var page = await Api.WaitForAsync($"/api/incidents?shop={shop}", p => p["totalItems"]!.GetValue<long>() == 2
            && p["items"]!.AsArray().Any(i => i!["status"]!.GetValue<string>() == "contained"));

        page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Should().BeEquivalentTo([first, second]);
        var contained = await Api.WaitForAsync($"/api/incidents?shop={shop}&status=contained", p => p["totalItems"]!.GetValue<long>() == 1);
        contained["items"]![0]!["id"]!.GetValue<Guid>().Should().Be(second);
    }

    [Fact]
    public async Task pages_are_stable_and_counted()
    {
        var shop = $"paging-shop-{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++)
        {
            await Api.DetectAsync(shop);
        }

        await Api.WaitForAsync($"/api/incidents?shop={shop}", p => p["totalItems"]!.GetValue<long>() == 3);
        var second = await Api.GetAsync($"/api/incidents?shop={shop}&page=2&pageSize=2");

        second["items"]!.AsArray().Should().HaveCount(1);
        second["totalPages"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task the_list_can_be_ordered_and_an_unknown_order_is_refused()
    {
        var shop = $"order-shop-{Guid.NewGuid():N}";
        var detections = new[] { ("b: skimmer", "2026-11-18T08:00:00Z"), ("c: backdoor", "2026-11-20T08:00:00Z"), ("a: leaked key", "2026-11-19T08:00:00Z") };
        foreach (var (title, detectedAt) in detections)
        {
            await Api.SendAsync(HttpMethod.Post, "/api/incidents", new { title, shop, kind = "other", detectedAt, source = "monitoring" }, 201);
        }

        await Api.WaitForAsync($"/api/incidents?shop={shop}", p => p["totalItems"]!.GetValue<long>() == 3);

        async Task<string[]> TitlesAsync(string sort) =>
            [.. (await Api.GetAsync($"/api/incidents?shop={shop}&sort={sort}"))["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>())];
        (await TitlesAsync("detected-newest")).Should().Equal(["c: backdoor", "a: leaked key", "b: skimmer"], "the default order, newest detection first");
        (await TitlesAsync("detected-oldest")).Should().Equal(["b: skimmer", "a: leaked key", "c: backdoor"]);
        (await TitlesAsync("title")).Should().Equal(["a: leaked key", "b: skimmer", "c: backdoor"]);
        var refused = await Api.GetAsync($"/api/incidents?shop={shop}&sort=severity", 422);
        refused["errors"]!["sort"]![0]!.GetValue<string>().Should().Contain("'severity' is not one of: detected-newest, detected-oldest, recently-recorded, title");
    }

    [Fact]
    public async Task the_list_filters_by_severity_kind_and_a_duty_due_within_hours_and_refuses_values_it_does_not_know()
    {
        var shop = $"filter-shop-{Guid.NewGuid():N}";
        var skimmer = await Api.DetectAsync(shop);
        await Api.ActAsync(skimmer, "classify-severity", new { severity = "high", reason = "card data read at checkout" });
        await Api.ActAsync(skimmer, "record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddHours(-1), reason = "skimmer confirmed" });
        await Api.ActAsync(skimmer, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 10 } }, basis = "orders of the week" });
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents",
            new { title = "Key in a public repository", shop, kind = "leaked-api-key", detectedAt = "2026-11-20T08:00:00Z", source = "monitoring" }, 201);
        var leakedKey = created["id"]!.GetValue<Guid>();
        await Api.ActAsync(leakedKey, "mark-false-positive", new { reason = "the key was a revoked test key" });
        await Api.ActAsync(leakedKey, "close", new { summary = "nothing leaked" });
        await Api.WaitForAsync($"/api/incidents?shop={shop}", p => p["totalItems"]!.GetValue<long>() == 2
            && p["items"]!.AsArray().Any(i => i!["severity"]?.GetValue<string>() == "high") && p["items"]!.AsArray().Any(i => i!["status"]!.GetValue<string>() == "closed"));

        async Task<Guid[]> IdsAsync(string filter) =>
            [.. (await Api.GetAsync($"/api/incidents?shop={shop}&{filter}"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];
        (await IdsAsync("severity=high")).Should().Equal([skimmer], "only the skimmer was classified high");
        (await IdsAsync("severity=low")).Should().BeEmpty("no incident of the shop is low");
        (await IdsAsync("kind=leaked-api-key")).Should().Equal([leakedKey]);
        (await IdsAsync("kind=checkout-skimmer")).Should().Equal([skimmer]);
        var due = await Api.WaitForAsync($"/api/incidents?shop={shop}&dueWithinHours=72", p => p["totalItems"]!.GetValue<long>() == 1);
        due["items"]![0]!["id"]!.GetValue<Guid>().Should().Be(skimmer,
            "aware an hour ago with residents of Germany counted, the skimmer owes the GDPR notice within 72 hours; the closed incident owes nothing");

        var refused = await Api.GetAsync($"/api/incidents?shop={shop}&severity=urgent&kind=phishing&dueWithinHours=0", 422);
        refused["errors"]!["severity"]![0]!.GetValue<string>().Should().Contain("'urgent' is not one of: low, medium, high, critical");
        refused["errors"]!["kind"]![0]!.GetValue<string>().Should().Contain("'phishing' is not one of:");
        refused["errors"]!["dueWithinHours"]![0]!.GetValue<string>().Should().Contain("must be between 1 and 2160");
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=2147483647")]
    public async Task a_page_number_the_list_cannot_reach_is_refused_not_failed(string query) =>
        (await Api.GetAsync($"/api/incidents?{query}", 422))["errors"]!["page"]![0]!.GetValue<string>().Should().Contain("must be between 1 and",
            "its first row's offset would not fit a whole number, and the request must not fail as the service's error");
}
