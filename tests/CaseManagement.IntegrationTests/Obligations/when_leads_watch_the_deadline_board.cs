using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Obligations;

/// <summary>The board is an async projection: these scenarios wait for the daemon, as a lead's screen would.</summary>
public sealed class when_leads_watch_the_deadline_board(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task deadlines_due_soon_across_open_incidents_are_listed_earliest_first_and_closed_incidents_drop_off()
    {
        var lead = ApiAs("lead@board.test", "board-org", Roles.Responder, Roles.ComplianceLead);
        var aware = DateTimeOffset.UtcNow.AddHours(-10).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var closed = await lead.DetectAsync("board-shop");
        await lead.ActAsync(closed, "record-awareness", new { awareAt = aware });
        await lead.ActAsync(closed, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 5 } }, basis = "orders" });
        await lead.ActAsync(closed, "mark-false-positive", new { reason = "test orders only" });
        await lead.ActAsync(closed, "close", new { });
        // Recorded after the close: the board projects events in order, so once these rows show, the close has been seen.
        var open = await lead.DetectAsync("board-shop");
        await lead.ActAsync(open, "record-awareness", new { awareAt = aware });
        await lead.ActAsync(open, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 120 } }, basis = "orders" });

        var board = await lead.WaitForAsync("/api/deadlines?dueWithinHours=72",
            b => b["items"]!.AsArray().Any(i => i!["incidentId"]!.GetValue<Guid>() == open && i["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa"));

        var items = board["items"]!.AsArray();
        items.Should().NotContain(i => i!["incidentId"]!.GetValue<Guid>() == closed, "a closed incident has nothing left to do on the board");
        items.Select(i => DateTimeOffset.Parse(i!["dueAt"]!.GetValue<string>())).Should().BeInAscendingOrder("the most urgent comes first");
        items.Should().OnlyContain(i => DateTimeOffset.Parse(i!["dueAt"]!.GetValue<string>()) <= DateTimeOffset.UtcNow.AddHours(72));
    }

    [Fact]
    public async Task a_duty_ordered_before_the_consumer_notice_is_on_the_board_at_its_internal_target()
    {
        var lead = ApiAs("lead@board-order.test", "board-order", Roles.Responder, Roles.ComplianceLead);
        var id = await lead.DetectAsync("board-order-shop");
        await lead.ActAsync(id, "record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddHours(-10).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        await lead.ActAsync(id, "facts/encryption", new { status = "unencrypted", reason = "card form read in the browser" });
        await lead.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "US-MD", count = 40 } }, basis = "orders" });

        var board = await lead.WaitForAsync($"/api/deadlines?dueWithinHours={24 * 90}",
            b => b["items"]!.AsArray().Any(i => i!["incidentId"]!.GetValue<Guid>() == id && i["ruleId"]!.GetValue<string>() == "us-md-ag"));

        var attorneyGeneral = board["items"]!.AsArray().Single(i => i!["incidentId"]!.GetValue<Guid>() == id && i["ruleId"]!.GetValue<string>() == "us-md-ag")!;
        attorneyGeneral["basis"]!.GetValue<string>().Should().Be("internal-target", "the law sets no instant: Maryland's AG is told before the consumers");
        attorneyGeneral["status"]!.GetValue<string>().Should().Be("internal-target-soon", "passing our own target is never called overdue");
    }

    [Fact]
    public async Task another_organisation_s_deadlines_are_not_on_your_board()
    {
        var mine = ApiAs("lead@board-a.test", "board-a", Roles.Responder, Roles.ComplianceLead);
        var theirs = ApiAs("lead@board-b.test", "board-b", Roles.Responder, Roles.ComplianceLead);
        var id = await theirs.DetectAsync("board-b-shop");
        await theirs.ActAsync(id, "record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        await theirs.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 9 } }, basis = "orders" });
        await theirs.WaitForAsync("/api/deadlines?dueWithinHours=96", b => b["items"]!.AsArray().Any(i => i!["incidentId"]!.GetValue<Guid>() == id));

        var board = await mine.GetAsync("/api/deadlines?dueWithinHours=96");

        board["items"]!.AsArray().Should().NotContain(i => i!["incidentId"]!.GetValue<Guid>() == id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&jurisdiction=EU")]
    public async Task the_board_pages_by_incident_most_urgent_first_and_counts_every_page(string filter)
    {
        var lead = ApiAs("lead@board-pages.test", $"board-pages-{filter.Length}", Roles.Responder, Roles.ComplianceLead);
        var ids = new List<Guid>();
        foreach (var hoursAgo in new[] { 30, 20, 10 })
        {
            var id = await lead.DetectAsync("board-pages-shop");
            await lead.ActAsync(id, "record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddHours(-hoursAgo).ToString("yyyy-MM-ddTHH:mm:ssZ") });
            await lead.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 50 } }, basis = "orders" });
            ids.Add(id);
        }

        var whole = (await lead.WaitForAsync($"/api/deadlines?dueWithinHours=72&pageSize=200{filter}", b => ids.All(id =>
            b["items"]!.AsArray().Any(i => i!["incidentId"]!.GetValue<Guid>() == id && i["ruleId"]!.GetValue<string>() == "eu-gdpr-art33-sa"))))["items"]!.AsArray();
        var first = await lead.GetAsync($"/api/deadlines?dueWithinHours=72&pageSize=2{filter}");
        var second = await lead.GetAsync($"/api/deadlines?dueWithinHours=72&pageSize=2&page=2{filter}");
        var past = await lead.GetAsync($"/api/deadlines?dueWithinHours=72&pageSize=2&page=3{filter}");

        first["totalIncidents"]!.GetValue<long>().Should().Be(3, "each of the three open incidents has a duty due within the window");
        first["totalPages"]!.GetValue<long>().Should().Be(2, "three incidents, two to a page");
        second["totalIncidents"]!.GetValue<long>().Should().Be(3, "the count does not depend on the page asked for");
        Incidents(first).Should().HaveCount(2, "a page holds pageSize incidents, with all of their duties shown");
        Incidents(second).Should().ContainSingle("the third incident is on the last page");
        Incidents(first).Concat(Incidents(second)).Should().BeEquivalentTo(ids, "every incident is on exactly one page");
        Incidents(first).Max(id => MostUrgent(first, id)).Should().BeOnOrBefore(MostUrgent(second, Incidents(second).Single()),
            "incidents come in order of their most urgent duty shown");
        first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(Key).Should().BeEquivalentTo(whole.Select(Key),
            "paging splits the board between incidents and loses no duty");
        foreach (var page in new[] { first, second })
        {
            page["items"]!.AsArray().Select(i => DateTimeOffset.Parse(i!["dueAt"]!.GetValue<string>())).Should().BeInAscendingOrder("within a page, the most urgent duty first");
        }

        past["items"]!.AsArray().Should().BeEmpty("there is no third page");
        past["totalIncidents"]!.GetValue<long>().Should().Be(3);

        static IReadOnlyList<Guid> Incidents(JsonNode page) => [.. page["items"]!.AsArray().Select(i => i!["incidentId"]!.GetValue<Guid>()).Distinct()];
        static DateTimeOffset MostUrgent(JsonNode page, Guid id) =>
            page["items"]!.AsArray().Where(i => i!["incidentId"]!.GetValue<Guid>() == id).Min(i => DateTimeOffset.Parse(i!["dueAt"]!.GetValue<string>()));
        static string Key(JsonNode? item) => $"{item!["incidentId"]} {item["ruleId"]} {item["dueAt"]}";
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=2147483647", "page")]
    public async Task a_page_outside_the_board_s_paging_is_refused(string query, string field) =>
        (await Api.GetAsync($"/api/deadlines?{query}", 422))["errors"]![field].Should().NotBeNull($"{query} is outside the board's paging");

    [Fact]
    public async Task an_unreasonable_window_is_refused() =>
        (await Api.GetAsync("/api/deadlines?dueWithinHours=0", 422))["errors"]!["dueWithinHours"].Should().NotBeNull();
}
