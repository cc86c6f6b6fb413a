using System.Security.Cryptography;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
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
    private const string Sam = "Sam Reyes";
    private const string Ada = "Ada Lindqvist";

    [Fact]
    public async Task a_lead_scopes_the_shop_and_watches_the_progress_complete()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture);
        await using var lee = await SignedInAsync(Lee);
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/scoping");
        await lee.Page.GetByText("No scoping run yet").WaitForAsync();
        var tabs = lee.Page.GetByRole(AriaRole.Navigation, new() { Name = "Incident sections" });
        (await tabs.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Should().Contain(["Scoping", "Containment", "Notification"],
            "the response pages are tabs of the incident");
        (await tabs.GetByRole(AriaRole.Link, new() { Name = "Scoping" }).GetAttributeAsync("aria-current")).Should().Be("page");
        await lee.ShouldBeAccessibleAsync();

        (await lee.Page.GetByLabel("Orders from (UTC)").InputValueAsync()).Should().NotBeEmpty("the window is offered from thirty days before detection");
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Start scoping" }).ClickAsync();

        var live = lee.Page.Locator("#scoping-live");
        await live.GetByText("completed", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
        new Uri(lee.Page.Url).AbsolutePath.Should().Be($"/incidents/{shop.IncidentId}/scoping", "the page followed the run by swapping its region, not by navigating");
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
    public async Task a_window_that_ends_before_it_starts_is_refused_beside_the_field_in_the_apis_words()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var lee = await SignedInAsync(Lee);
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/scoping");

        await lee.Page.GetByLabel("Orders from (UTC)").FillAsync("2026-11-20T10:00");
        await lee.Page.GetByLabel("Orders up to (UTC)").FillAsync("2026-11-19T10:00");
        var answer = await lee.Page.RunAndWaitForResponseAsync(
            () => lee.Page.GetByRole(AriaRole.Button, new() { Name = "Start scoping" }).ClickAsync(), r => r.Request.Method == "POST");

        answer.Status.Should().Be(422, "the API's validation refuses the window and the page answers with its status");
        (await lee.Page.Locator("#start-to-error").InnerTextAsync()).Should().Be("to must be after from");
        (await lee.Page.GetByLabel("Orders from (UTC)").InputValueAsync()).Should().Be("2026-11-20T10:00", "what the person typed is kept");
        await lee.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_responder_runs_a_playbook_and_a_second_person_approves_its_risky_step()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var sam = await SignedInAsync(Sam);
        await sam.Page.GotoAsync($"/incidents/{shop.IncidentId}/containment");
        await sam.Page.GetByRole(AriaRole.Link, new() { Name = "Choose Compromised plugin or extension" }).ClickAsync();
        await sam.Page.GetByLabel("plugin", new() { Exact = true }).FillAsync("wp-file-manager/file_folder_manager.php");
        await sam.Page.GetByLabel("Reason (optional)").FillAsync("the file manager plugin wrote the skimmer");
        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Start Compromised plugin or extension" }).ClickAsync();

        var risky = sam.Page.Locator("#step-deactivate-plugin");
        await risky.GetByText("awaiting approval").WaitForAsync(new() { Timeout = 60_000 });
        (await risky.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync()).Should().Be(0, "a responder may not approve a risky step");
        (await risky.InnerTextAsync()).Should().Contain("Waits for someone who may: approve");
        await sam.ShouldBeAccessibleAsync();
        var runId = await RunIdAsync(shop);
        var refused = await PostWithTheSessionAsync(sam, $"/incidents/{shop.IncidentId}/containment?handler=Decide&runId={runId}&step=deactivate-plugin&decision=approve",
            new() { ["text"] = "forged" });
        refused.Status.Should().Be(403, "the server refuses the approval whatever the page showed: the slice's Approve policy");

        await using var ada = await SignedInAsync(Ada);
        await ada.Page.GotoAsync($"/incidents/{shop.IncidentId}/containment");
        var approve = ada.Page.Locator("#step-deactivate-plugin");
        await approve.GetByLabel("Comment (optional)").FillAsync("checked the plugin list with the shop owner");
        await approve.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await ada.Page.Locator("#step-deactivate-plugin").GetByText("by user:ada.approver@demo-shop.example", new() { Exact = false }).WaitForAsync();

        await sam.Page.GotoAsync($"/incidents/{shop.IncidentId}/containment");
        foreach (var manual in new[] { "check-mu-plugins", "flush-caches" })
        {
            var step = sam.Page.Locator($"#step-{manual}");
            await step.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).WaitForAsync(new() { Timeout = 60_000 });
            await step.GetByLabel("What was done").FillAsync("done by hand and checked twice");
            await step.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        }

        await sam.Page.Locator("#containment-live .run-status").GetByText("completed", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
        (await sam.Page.Locator(".evidence code.hash").CountAsync()).Should().BePositive("the preserved evidence is listed with its SHA-256 hashes");

        var firstFile = sam.Page.Locator(".evidence tbody tr").First;
        var recorded = await firstFile.Locator("code.hash").InnerTextAsync();
        var name = await firstFile.Locator("a[download]").InnerTextAsync();
        var download = await sam.Page.RunAndWaitForDownloadAsync(() => firstFile.Locator("a[download]").ClickAsync());
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(await download.PathAsync()))).Should().Be(recorded,
            "the page serves through the API's slice exactly the file whose hash was recorded when it was collected");
        await sam.Page.ReloadAsync();
        (await sam.Page.Locator(".evidence").First.InnerTextAsync()).Should().Contain("downloaded").And.Contain(name,
            "the download is in the evidence's chain of custody, as an API download is");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("containment");
        sam.ShouldHaveSeenNoConsoleError();
        ada.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_lead_drafts_a_campaign_two_people_approve_it_and_the_page_follows_it_to_completion()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 12, orders: 30);
        var (california, everyone) = await shop.ScopedWithApprovedTemplatesAsync();
        await using var lee = await SignedInAsync(Lee, Roles.ComplianceLead, Roles.Approver);
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/notifications");

        var draft = lee.Page.Locator("#draft");
        await draft.GetByLabel("Campaign name").FillAsync("Card skimmer notice");
        await draft.GetByLabel("What happened").FillAsync("A script placed in our checkout page copied card details as they were typed.");
        await draft.GetByLabel("Likely consequences").FillAsync("Fraudulent charges on the card used at our checkout.");
        await draft.GetByLabel("What we are doing").FillAsync("We removed the script and told the card brands.");
        await draft.GetByLabel("What you can do").FillAsync("Check your card statements and ask your bank for a new card.");
        await draft.GetByLabel("Organisation name").FillAsync("Demo Shop Ltd");
        await draft.GetByLabel("Contact e-mail").FillAsync("privacy@demo-shop.example");
        await draft.GetByLabel("Template for everyone").SelectOptionAsync(everyone);
        await draft.GetByLabel("A jurisdiction of its own (optional)").FillAsync("US-CA");
        await draft.GetByLabel("Its template").SelectOptionAsync(california);
        await draft.GetByRole(AriaRole.Button, new() { Name = "Draft the campaign" }).ClickAsync();

        var campaign = lee.Page.Locator("article.campaign").Filter(new() { HasText = "Card skimmer notice" });
        await campaign.WaitForAsync();
        while (await campaign.GetByRole(AriaRole.Button, new() { Name = "Waive the order" }).CountAsync() > 0)
        {
            var waive = campaign.Locator("form[id^='waive-']").First;
            await waive.GetByRole(AriaRole.Textbox).FillAsync("journey about sending: the duty is handled outside the service");
            await waive.GetByRole(AriaRole.Button, new() { Name = "Waive the order" }).ClickAsync();
            await lee.Page.WaitForLoadStateAsync();
        }

        await campaign.GetByLabel("Comment (optional)").FillAsync("content checked against the scope");
        await campaign.GetByRole(AriaRole.Button, new() { Name = "Approve the campaign" }).ClickAsync();
        await lee.Page.WaitForLoadStateAsync();
        (await campaign.InnerTextAsync()).Should().Contain("1 more needed", "the first approval is recorded and a second person's is still needed");
        (await campaign.GetByRole(AriaRole.Button, new() { Name = "Approve the campaign" }).CountAsync()).Should().Be(0,
            "a person who approved is not offered a second approval of the same campaign");
        await lee.ShouldBeAccessibleAsync();

        await using var ada = await SignedInAsync(Ada);
        await ada.Page.GotoAsync($"/incidents/{shop.IncidentId}/notifications");
        var adas = ada.Page.Locator("article.campaign").Filter(new() { HasText = "Card skimmer notice" });
        await adas.GetByRole(AriaRole.Button, new() { Name = "Approve the campaign" }).ClickAsync();

        await adas.GetByText("completed", new() { Exact = true }).WaitForAsync(new() { Timeout = 90_000 });
        ada.Page.Url.Should().Contain($"/incidents/{shop.IncidentId}/notifications", "the page followed the sending in place");
        (await adas.GetByTestId("pending").InnerTextAsync()).Should().Be("0");
        (await adas.GetByTestId("sent").InnerTextAsync()).Should().NotBe("0", "the people the scope found were sent their notice");
        await ada.ShouldBeAccessibleAsync();
        await ada.ScreenshotForDocsAsync("notification-campaign");
        ada.ShouldHaveSeenNoConsoleError();
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

    private async Task<Visitor> SignedInAsync(string name, params string[] roles)
    {
        var visitor = await Visitor.ArriveAsync(fixture);
        await visitor.SignInAsAsync(name, roles);
        return visitor;
    }

    private static async Task<Guid> RunIdAsync(ResponseShop shop)
    {
        using var lead = shop.Lead();
        var containment = System.Text.Json.Nodes.JsonNode.Parse(await lead.GetStringAsync($"/api/incidents/{shop.IncidentId}/containment"))!;
        return containment["latest"]!["runId"]!.GetValue<Guid>();
    }

    /// <summary>
    /// A POST as the signed-in person's browser would send it, with the session cookie and a valid antiforgery token (taken
    /// from the sign-out form): what someone gets who writes the form the page did not show.
    /// </summary>
    private static async Task<IAPIResponse> PostWithTheSessionAsync(Visitor visitor, string path, Dictionary<string, string> fields)
    {
        var token = await visitor.Page.Locator("form.sign-out input[name='__RequestVerificationToken']").GetAttributeAsync("value");
        var form = visitor.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return await visitor.Context.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
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
