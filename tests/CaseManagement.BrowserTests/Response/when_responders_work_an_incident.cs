using System.Net;
using CaseManagement.BrowserTests.Infrastructure;
using FluentAssertions;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests.Response;

/// <summary>
/// The response pages of an incident (scoping, containment, notification) in the browser, against a generated shop in
/// the test MariaDB. Background work is followed on the page without reloading it, and reading never moves the incident.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_responders_work_an_incident(WebFixture fixture)
{
    private const string Lee = "Lee Okafor";

    [Fact]
    public async Task a_lead_scopes_the_shop_and_watches_the_progress_complete()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture);
        await using var lee = await SignedInAsync(Lee);
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/scoping");
        await lee.Page.GetByText("No scoping run yet").WaitForAsync();
        await lee.ShouldBeAccessibleAsync();

        await StartScopingAsync(lee.Page, shop);

        var live = lee.Page.Locator("#scoping-live");
        await live.GetByText("completed", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
        lee.Page.Url.Should().EndWith($"/incidents/{shop.IncidentId}/scoping", "the page followed the run by swapping its region, not by navigating");
        var people = long.Parse((await live.GetByTestId("people-found").InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        people.Should().BePositive("the generated shop has customers who ordered in the window");
        var jurisdictions = lee.Page.GetByRole(AriaRole.Table, new() { Name = "People per jurisdiction" });
        (await jurisdictions.Locator("tbody tr").CountAsync()).Should().BePositive("the results are listed per jurisdiction");
        (await lee.Page.GetByRole(AriaRole.Img, new() { Name = "People found per jurisdiction" }).Locator("rect").CountAsync())
            .Should().Be(await jurisdictions.Locator("tbody tr").CountAsync(), "the chart draws one bar per jurisdiction in the table");
        await lee.ShouldBeAccessibleAsync();
        await lee.ScreenshotForDocsAsync("scoping");

        await WaitForScopedAsync(shop);
        var version = await shop.IncidentVersionAsync();
        await lee.Page.GetByLabel("Encryption").SelectOptionAsync("unencrypted");
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var changes = lee.Page.Locator("#what-if-answer table tbody tr");
        await changes.First.WaitForAsync();
        (await changes.AllInnerTextsAsync()).Should().Contain(row => row.Contains("re-decided") || row.Contains("added"),
            "the encryption is not recorded yet, so duties that turn on it need facts; unencrypted data decides them");
        await lee.ShouldBeAccessibleAsync();
        await lee.Page.ReloadAsync();
        (await shop.IncidentVersionAsync()).Should().Be(version, "watching a run and asking what-if record nothing, so no one's If-Match goes stale");
        lee.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_scoping_what_if_with_a_count_but_no_residence_says_what_is_missing_next_to_the_field()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var lee = await SignedInAsync(Lee);

        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/scoping?count=12&encryption=sideways");

        (await lee.Page.Locator("#residence-error").InnerTextAsync()).Should().Contain("give a residence and its number of people together");
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/scoping?encryption=sideways");
        (await lee.Page.Locator("#encryption-error").InnerTextAsync()).Should().Contain("sideways", "the API's own validation names the bad value");
        await lee.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
    }

    /// <summary>
    /// The first page a fresh service renders compiles its views, which on a busy two-core machine takes longer than a
    /// step's timeout; one patient visit first keeps the journey's own steps to their usual limit.
    /// </summary>
    private async Task<Visitor> SignedInAsync(string name, params string[] roles)
    {
        var visitor = await Visitor.ArriveAsync(fixture);
        await visitor.Page.GotoAsync("/", new() { Timeout = 120_000 });
        await visitor.SignInAsAsync(name, roles);
        return visitor;
    }

    private static async Task StartScopingAsync(IPage page, ResponseShop shop)
    {
        using var lead = shop.Lead();
        await ResponseShop.SendAsync(lead, $"/api/incidents/{shop.IncidentId}/scope",
            new { from = ResponseShop.From.AddDays(-1), to = ResponseShop.To.AddDays(1) }, HttpStatusCode.OK);
        await page.ReloadAsync();
    }

    /// <summary>The run's outcome reaches the incident by its own message, after the run reads completed.</summary>
    private static async Task WaitForScopedAsync(ResponseShop shop)
    {
        using var lead = shop.Lead();
        for (var i = 0; i < 100; i++)
        {
            var incident = System.Text.Json.Nodes.JsonNode.Parse(await lead.GetStringAsync($"/api/incidents/{shop.IncidentId}"))!;
            if (incident["scopedAt"] is not null)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the scoping outcome never reached the incident");
    }
}
