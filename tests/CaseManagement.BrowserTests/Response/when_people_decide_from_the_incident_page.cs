using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests.Response;

/// <summary>
/// The incident page's decisions (each answered by the API slice's own endpoint, offered only when the lifecycle and the
/// slice's policy allow it), the incident list's severity, kind and due-within filters, and the start page's "what waits
/// for you" for an approver and a responder. Every incident is at a registered shop (<see cref="ResponseShop"/>).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_people_decide_from_the_incident_page(WebFixture fixture)
{
    private const string Sam = "Sam Reyes";
    private const string Ada = "Ada Lindqvist";
    private const string Lee = "Lee Okafor";

    [Fact]
    public async Task a_responder_classifies_counts_corrects_awareness_and_closes_with_the_apis_refusals_beside_the_fields()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var sam = await SignedInAsync(Sam);
        var page = sam.Page;
        await page.GotoAsync($"/incidents/{shop.IncidentId}");
        var decide = page.Locator("#actions");
        (await page.Locator("#no-notification, #risk").CountAsync()).Should().Be(0,
            "deciding that no notice is owed and assessing the risk are a compliance lead's (the slices' decide-notification policy)");
        (await page.Locator("#awareness").CountAsync()).Should().Be(0, "awareness is recorded already; the lifecycle offers its correction instead");
        (await page.Locator("#close").CountAsync()).Should().Be(0, "closing needs notices sent, no notice owed, or a false positive first");

        await decide.Locator("#severity summary").ClickAsync();
        var severity = page.Locator("form[aria-label='Classify severity']");
        await severity.GetByLabel("Severity").SelectOptionAsync("high");
        var refused = await page.RunAndWaitForResponseAsync(() => severity.GetByRole(AriaRole.Button, new() { Name = "Classify severity" }).ClickAsync(),
            r => r.Request.Method == "POST");
        refused.Status.Should().Be(422, "the slice's Validate asks for a reason ({0})", await refused.TextAsync());
        (await page.Locator("#severity-reason-error").InnerTextAsync()).Should().Contain("reason", "the API's words, beside the field");
        (await severity.GetByLabel("Severity").InputValueAsync()).Should().Be("high", "what the person chose is kept");
        await sam.ShouldBeAccessibleAsync();
        await severity.GetByLabel("Reason").FillAsync("Card data of every checkout since the plugin update");
        await severity.GetByRole(AriaRole.Button, new() { Name = "Classify severity" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#severity", StringComparison.Ordinal));
        (await page.Locator("dl.incident-header dt:has-text('Severity') + dd").InnerTextAsync()).Should().Be("high");

        await page.Locator("#counts summary").ClickAsync();
        var counts = page.Locator("form[aria-label='Record people affected by residence']");
        await counts.GetByLabel("Residence, row 1").FillAsync("Atlantis");
        await counts.GetByLabel("People, row 1").FillAsync("12");
        await counts.GetByLabel("Basis of the count").FillAsync("Orders of the week, by billing country");
        var badResidence = await page.RunAndWaitForResponseAsync(() => counts.GetByRole(AriaRole.Button, new() { Name = "Record the counts" }).ClickAsync(),
            r => r.Request.Method == "POST");
        badResidence.Status.Should().Be(422);
        (await page.Locator("#counts-counts-error").InnerTextAsync()).Should().Contain("counts[0].residence").And.Contain("'Atlantis' is not an ISO 3166-1",
            "the API names the row and says why");
        await counts.GetByLabel("Residence, row 1").FillAsync("DE");
        await counts.GetByRole(AriaRole.Button, new() { Name = "Record the counts" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#counts", StringComparison.Ordinal));
        (await page.Locator("dl.facts dt:has-text('People affected by residence') + dd").InnerTextAsync()).Should().Contain("DE: 12");

        // The viewer's zone is Europe/Berlin; the field says UTC and the instant recorded is the one typed, in UTC.
        var awareAt = DateTimeOffset.UtcNow.AddHours(-20);
        var typed = awareAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await page.Locator("#awareness-correction summary").ClickAsync();
        var correction = page.Locator("form[aria-label='Correct awareness']");
        await correction.GetByLabel("Aware since (UTC)").FillAsync(typed);
        await correction.GetByLabel("Reason").FillAsync("The plugin's own log shows the first skimmed order earlier");
        await correction.GetByRole(AriaRole.Button, new() { Name = "Correct awareness" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#awareness-correction", StringComparison.Ordinal));
        (await page.Locator("dl.facts dt:text-is('Aware') + dd time").GetAttributeAsync("datetime")).Should().Be(typed + ":00Z",
            "the datetime-local field is read as UTC, never in the viewer's zone");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("incident-actions");

        await page.Locator("#false-positive summary").ClickAsync();
        var falsePositive = page.Locator("form[aria-label='Mark a false positive']");
        await falsePositive.GetByLabel("Reason").FillAsync("The script was the payment provider's own, loaded from its domain");
        await falsePositive.GetByRole(AriaRole.Button, new() { Name = "Mark false positive" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#false-positive", StringComparison.Ordinal));
        await page.Locator("#close summary").ClickAsync();
        var close = page.Locator("form[aria-label='Close the incident']");
        await close.GetByLabel("Closing summary").FillAsync("No breach: a false alarm on the provider's script");
        await close.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#close", StringComparison.Ordinal));

        (await page.Locator("dl.incident-header dt:has-text('Status') + dd").InnerTextAsync()).Should().Be("closed");
        (await page.Locator("#actions details.action").EvaluateAllAsync<string[]>("all => all.map(d => d.id)")).Should().BeEquivalentTo(
            ["note", "reopen"], "a closed incident takes only a note or a reopening (the lifecycle's rule)");
        (await page.Locator("#facts details.action").CountAsync()).Should().Be(0, "no fact is recorded on a closed incident");
        (await page.Locator("#timeline").InnerTextAsync()).Should().Contain("Card data of every checkout since the plugin update",
            "the reason typed into the form is on the record");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_lead_is_offered_the_notification_decisions_and_a_form_rendered_before_someone_elses_change_is_refused_with_reload()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var lee = await SignedInAsync(Lee);
        var page = lee.Page;
        await page.GotoAsync($"/incidents/{shop.IncidentId}");
        (await page.Locator("#risk").CountAsync()).Should().Be(1, "a compliance lead assesses the risk (decide-notification)");
        (await page.Locator("#no-notification").CountAsync()).Should().Be(0, "deciding that no notice is owed needs a recorded scope first");
        (await page.Locator("#actions .response-starts").InnerTextAsync()).Should().Contain("Scope the shop").And.Contain("Run a containment playbook");

        await page.Locator("#risk summary").ClickAsync();
        var risk = page.Locator("form[aria-label='Assess the risk']");
        await risk.GetByLabel("Reasoning").FillAsync("Card numbers with CVV were read");
        var unanswered = await page.RunAndWaitForResponseAsync(() => risk.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync(),
            r => r.Request.Method == "POST");
        unanswered.Status.Should().Be(422);
        (await page.Locator("#risk-riskToIndividuals-error").InnerTextAsync()).Should().Contain("answer at least one");

        using (var other = shop.Lead())
        {
            await ResponseShop.SendAsync(other, $"/api/incidents/{shop.IncidentId}/add-note", new { text = "Someone else writes first" }, HttpStatusCode.OK);
        }

        await risk.GetByLabel("A risk to individuals").SelectOptionAsync("true");
        var conflict = await page.RunAndWaitForResponseAsync(() => risk.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync(),
            r => r.Request.Method == "POST");
        conflict.Status.Should().Be(409, "the form carried the version it was rendered at");
        (await risk.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Someone changed this incident");
        await lee.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_incident_list_filters_by_severity_and_kind_and_shows_the_apis_refusal_of_an_unknown_value_beside_the_field()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        using (var lead = shop.Lead())
        {
            await ResponseShop.SendAsync(lead, $"/api/incidents/{shop.IncidentId}/classify-severity", new { severity = "critical", reason = "card data" }, HttpStatusCode.OK);
            await ResponseShop.SendAsync(lead, "/api/incidents", new
            {
                title = "Admin API key leaked", shop = shop.Name, kind = "leaked-api-key", detectedAt = ResponseShop.To.AddDays(1),
            }, HttpStatusCode.Created);
        }

        await using var sam = await SignedInAsync(Sam);
        var page = sam.Page;
        await page.GotoAsync($"/incidents?shop={shop.Name}");
        var rows = page.Locator("#results tbody tr");
        await WaitForRowsAsync(page, rows, 2);

        await page.GetByLabel("Severity").SelectOptionAsync("critical");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the filtered list should show the one critical incident within seconds");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        while (await rows.CountAsync() != 1);

        page.Url.Should().Contain("severity=critical", "the filter is in the address, so the filtered list can be shared");
        (await rows.InnerTextAsync()).Should().Contain("Card skimmer in checkout").And.Contain("critical");

        // The URL is the filter: shared, it shows the same list, with the filter chosen in its field.
        await page.GotoAsync($"/incidents?shop={shop.Name}&kind=leaked-api-key");
        await WaitForRowsAsync(page, rows, 1);
        (await rows.InnerTextAsync()).Should().Contain("Admin API key leaked");
        (await page.GetByLabel("Kind").InputValueAsync()).Should().Be("leaked-api-key");
        await sam.ShouldBeAccessibleAsync();

        var refused = await page.GotoAsync($"/incidents?shop={shop.Name}&severity=urgent&dueWithinHours=0");
        refused!.Status.Should().Be(422, "the API's own query checks refuse both values");
        (await page.Locator("#severity-error").InnerTextAsync()).Should().Contain("'urgent' is not one of: low, medium, high, critical");
        (await page.Locator("#dueWithinHours-error").InnerTextAsync()).Should().Contain("must be between 1 and");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task an_approver_finds_a_risky_step_on_the_start_page_and_in_the_inbox_and_the_responder_then_finds_the_manual_step()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        using (var sam = fixture.ApiAs("sam.responder@demo-shop.example", IdentityProvider.DemoPeople.Organisation, Roles.Responder))
        {
            await ResponseShop.SendAsync(sam, $"/api/incidents/{shop.IncidentId}/containment", new
            {
                playbook = "plugin-compromise", parameters = new Dictionary<string, string> { ["plugin"] = "wp-file-manager/file_folder_manager.php" },
                reason = "the file manager plugin wrote the skimmer",
            }, HttpStatusCode.OK);
        }

        await WaitForStepAsync(shop, "deactivate-plugin", "awaiting-approval");
        await using var ada = await SignedInAsync(Ada);
        var waiting = ada.Page.Locator($"#approvals-waiting li:has(a[href='/incidents/{shop.IncidentId}/containment'])");
        (await waiting.InnerTextAsync()).Should().Contain("Deactivate the compromised plugin").And.Contain("user:sam.responder@demo-shop.example",
            "an approver's start page lists the step that waits for her yes, with who asked");
        (await ada.Page.Locator("#manual-steps-waiting").CountAsync()).Should().Be(0, "an approver records no containment step done");
        await ada.ShouldBeAccessibleAsync();
        await ada.ScreenshotForDocsAsync("start-waiting");

        await ada.Page.GetByRole(AriaRole.Link, new() { Name = "All approvals, with where each is decided" }).ClickAsync();
        var row = ada.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"/api/incidents/{shop.IncidentId}/containment/runs/" });
        (await row.InnerTextAsync()).Should().Contain("containment step").And.Contain("Deactivate the compromised plugin");
        await ada.ShouldBeAccessibleAsync();
        await ada.ScreenshotForDocsAsync("approvals");
        await row.GetByRole(AriaRole.Link, new() { Name = "Decide on the incident's page" }).ClickAsync();
        await ada.Page.Locator("#step-deactivate-plugin").GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await ada.Page.Locator("#step-deactivate-plugin").GetByText("by user:ada.approver@demo-shop.example", new() { Exact = false }).WaitForAsync();

        await WaitForStepAsync(shop, "check-mu-plugins", "awaiting-completion");
        await using var responder = await SignedInAsync(Sam);
        var manual = responder.Page.Locator($"#manual-steps-waiting li:has(a[href='/incidents/{shop.IncidentId}/containment#step-check-mu-plugins'])");
        (await manual.InnerTextAsync()).Should().Contain("Check must-use plugins and drop-ins on disk").And.Contain("plugin-compromise");
        await ada.Page.GotoAsync("/");
        (await ada.Page.Locator($"#approvals-waiting a[href='/incidents/{shop.IncidentId}/containment']").CountAsync()).Should().Be(0,
            "the approved step no longer waits");
        await responder.ShouldBeAccessibleAsync();
        ada.ShouldHaveSeenNoConsoleError();
        responder.ShouldHaveSeenNoConsoleError();
    }

    private async Task<Visitor> SignedInAsync(string name)
    {
        var visitor = await Visitor.ArriveAsync(fixture);
        await visitor.SignInAsAsync(name);
        return visitor;
    }

    /// <summary>The list is built in the background: reload, as a person would, until it shows <paramref name="count"/> rows.</summary>
    private static async Task WaitForRowsAsync(IPage page, ILocator rows, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await rows.CountAsync() != count)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the incident list projection should catch up within seconds");
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }
    }

    private static async Task WaitForStepAsync(ResponseShop shop, string step, string status)
    {
        using var lead = shop.Lead();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var containment = JsonNode.Parse(await lead.GetStringAsync($"/api/incidents/{shop.IncidentId}/containment"))!;
            var steps = containment["latest"]?["steps"]?.AsArray() ?? [];
            if (steps.Any(s => s!["id"]?.GetValue<string>() == step && s["status"]?.GetValue<string>() == status))
            {
                return;
            }

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "step {0} should reach {1}; the run reads {2}", step, status, containment.ToJsonString());
            await Task.Delay(300);
        }
    }
}
