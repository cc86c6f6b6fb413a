using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using IdentityProvider;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests;

/// <summary>
/// The incident page: a responder records a fact through a form that is answered by the API's own slice (its 422 shown
/// beside the field, its 409 when someone else decided first), and reads the incident as it was at an earlier version.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_people_work_an_incident(WebFixture fixture)
{
    private const string Sam = "Sam Reyes";
    private const string SamSubject = "sam.responder@demo-shop.example";

    [Fact]
    public async Task a_responder_records_a_fact_and_sees_the_apis_refusals_beside_the_field_and_for_a_moved_version()
    {
        var id = await DetectAsync("Card data copied by a skimmer");
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);
        await sam.Page.GotoAsync($"/incidents/{id}");
        await sam.Page.Locator("#encryption summary").ClickAsync();
        var form = sam.Page.Locator("#encryption form");

        await form.GetByLabel("Encryption status").SelectOptionAsync("encrypted-key-safe");
        var refused = await sam.Page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Record encryption" }).ClickAsync(), r => r.Request.Method == "POST");

        refused.Status.Should().Be(422, "the API's Validate refuses a fact without a reason, and the page answers with its status ({0})", await refused.TextAsync());
        (await sam.Page.Locator("#encryption-reason-error").InnerTextAsync()).Should().Contain("reason", "the problem is shown beside its field");
        (await form.GetByLabel("Reason").GetAttributeAsync("aria-describedby")).Should().Be("encryption-reason-error", "a screen reader reads the problem with the field");
        (await form.GetByLabel("Encryption status").InputValueAsync()).Should().Be("encrypted-key-safe", "what the person chose is kept");
        await sam.ShouldBeAccessibleAsync();

        await form.GetByLabel("Reason").FillAsync("The card data was stored as AES-GCM ciphertext; the key sits in the HSM, which was not reached.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record encryption" }).ClickAsync();

        await sam.Page.WaitForURLAsync(url => url.EndsWith($"/incidents/{id}#encryption", StringComparison.Ordinal));
        (await sam.Page.Locator("dl.facts dt:has-text('Encryption') + dd").InnerTextAsync()).Should().Be("encrypted key safe", "the recorded fact is shown");
        (await sam.Page.Locator("ul.fact-changes").InnerTextAsync()).Should().Contain("the key sits in the HSM", "the reason is kept with the fact")
            .And.Contain(SamSubject, "the event names who recorded it (user:<sub>), stamped from the session");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("incident-page");

        // Someone else records a fact through the API while the page still shows the version it was rendered at.
        using (var api = fixture.ApiAs("alex.lead@demo-shop.example", DemoPeople.Organisation, Roles.ComplianceLead))
        {
            var other = await api.PostAsJsonAsync($"/api/incidents/{id}/facts/encryption", new { status = "unencrypted", reason = "The HSM log shows an export." });
            other.IsSuccessStatusCode.Should().BeTrue(await other.Content.ReadAsStringAsync());
        }

        await sam.Page.Locator("#encryption summary").ClickAsync();
        await form.GetByLabel("Reason").FillAsync("Restating what we knew.");
        var conflict = await sam.Page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Record encryption" }).ClickAsync(), r => r.Request.Method == "POST");

        conflict.Status.Should().Be(409, "the form carried the version it was rendered at, and the API's version check refused it");
        (await form.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Someone changed this incident", "the person is told to reload, not shown a raw error");
        (await sam.Page.Locator("dl.facts dt:has-text('Encryption') + dd").InnerTextAsync()).Should().Be("unencrypted", "the page shows the fact as it now stands");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_responder_records_when_the_breach_began_after_a_refused_start_and_sees_it_with_the_time_to_detect()
    {
        var id = await DetectAsync("Skimmer reported by a customer");
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);
        await sam.Page.GotoAsync($"/incidents/{id}");
        (await FactAsync(sam.Page, "Time to detect")).Should().StartWith("needs facts: breach start", "nobody has said when the breach began: no figure, never zero");
        await sam.Page.Locator("#breach-start summary").ClickAsync();
        var form = sam.Page.Locator("#breach-start form");
        var startedAt = form.GetByLabel("Breach began at (UTC; not after the detection)");

        await startedAt.FillAsync("2026-11-21T08:00");
        await form.GetByLabel("Evidence it began then").FillAsync("First order paid with a card later reported stolen");
        var refused = await sam.Page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Record the breach start" }).ClickAsync(), r => r.Request.Method == "POST");

        refused.Status.Should().Be(422, "the API refuses a breach start after the detection (20 Nov 08:00), and the page answers with its status ({0})", await refused.TextAsync());
        (await sam.Page.Locator("#breach-start-startedAt-error").InnerTextAsync()).Should().Contain("is after the incident's detection", "the API's words are shown beside the field");
        (await startedAt.GetAttributeAsync("aria-describedby")).Should().Be("breach-start-startedAt-error", "a screen reader reads the problem with the field");
        (await startedAt.InputValueAsync()).Should().Be("2026-11-21T08:00", "what the person typed is kept");
        (await FactAsync(sam.Page, "Breach began")).Should().Be("not recorded (needs facts)", "nothing was recorded");
        await sam.ShouldBeAccessibleAsync();

        await startedAt.FillAsync("2026-11-17T08:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record the breach start" }).ClickAsync();

        await sam.Page.WaitForURLAsync(url => url.EndsWith($"/incidents/{id}#breach-start", StringComparison.Ordinal));
        (await sam.Page.Locator("#breach-began time").GetAttributeAsync("datetime")).Should().Be("2026-11-17T08:00:00Z", "the recorded start is shown (in UTC underneath)");
        (await FactAsync(sam.Page, "Time to detect")).Should().Be("3 d (breach start to detection)", "17 Nov 08:00 to the detection on 20 Nov 08:00");
        (await sam.Page.Locator("ul.fact-changes").InnerTextAsync()).Should().Contain("recorded when the breach began")
            .And.Contain("First order paid with a card later reported stolen", "the evidence is kept with the fact");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_person_whose_roles_do_not_record_facts_sees_no_form_and_the_server_refuses_the_post_anyway()
    {
        var id = await DetectAsync("Admin panel exposed");
        await using var auditor = await Visitor.ArriveAsync(fixture);
        await auditor.SignInAsAsync(Sam, Roles.Auditor);
        await auditor.Page.GotoAsync($"/incidents/{id}");
        (await auditor.Page.Locator("#encryption").CountAsync()).Should().Be(0, "an auditor may read the incident but not record facts");
        (await auditor.Page.Locator("#actions").CountAsync()).Should().Be(0, "nor decide anything on it");
        var token = await auditor.Page.Locator("form.sign-out input[name='__RequestVerificationToken']").GetAttributeAsync("value");

        var forced = await auditor.Page.APIRequest.PostAsync($"/incidents/{id}?handler=Decide&form=encryption", new()
        {
            Form = auditor.Context.APIRequest.CreateFormData()
                .Set("__RequestVerificationToken", token!).Set("status", "unencrypted").Set("reason", "forced"),
        });

        forced.Status.Should().Be(403, "the slice's own policy is checked for the page's post as for the API");
        await auditor.ShouldBeAccessibleAsync();
    }

    [Fact]
    public async Task moving_the_as_of_slider_back_shows_the_incident_and_its_deadlines_as_they_were_at_that_version()
    {
        var id = await DetectAsync("Customer export left on a public bucket");
        await RecordCountsAsync(id, "DE", 300);
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);
        await sam.Page.GotoAsync($"/incidents/{id}");
        var deadlinesNow = await DeadlinesAsync(sam.Page);
        (await sam.Page.Locator("dl.facts dt:has-text('People affected by residence') + dd").InnerTextAsync()).Should().Contain("DE: 300");

        await sam.Page.GetByLabel("Version").FillAsync("1");

        await sam.Page.WaitForURLAsync(url => url.Contains("version=1", StringComparison.Ordinal));
        (await sam.Page.Locator(".as-of-banner").InnerTextAsync()).Should().StartWith("As of version 1, recorded at", "the banner says which point is shown");
        (await sam.Page.Locator("dl.facts dt:has-text('People affected by residence') + dd").InnerTextAsync()).Should()
            .Contain("not counted yet", "at version 1 nobody had counted the people affected");
        var deadlinesThen = await DeadlinesAsync(sam.Page);
        deadlinesThen.Should().NotEqual(deadlinesNow, "the deadlines are evaluated on the facts known at version 1");
        (await sam.Page.Locator("#encryption, #actions").CountAsync()).Should().Be(0, "nothing is decided on a past version");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("incident-as-of");
        sam.ShouldHaveSeenNoConsoleError();

        // The URL is the point: shared with someone reading without JavaScript, it shows the same.
        await using var reader = await Visitor.ArriveAsync(fixture, javaScript: false);
        await reader.SignInAsAsync(Sam);
        await reader.Page.GotoAsync(sam.Page.Url);
        (await DeadlinesAsync(reader.Page)).Should().Equal(deadlinesThen, "the shared URL renders the same point");
    }

    [Fact]
    public async Task the_diff_view_shows_what_changed_between_two_versions_and_why()
    {
        var id = await DetectAsync("Order export mailed to the wrong partner");
        await RecordCountsAsync(id, "FR", 42);
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);
        await sam.Page.GotoAsync($"/incidents/{id}");

        await sam.Page.GetByRole(AriaRole.Link, new() { Name = "What changed between versions" }).ClickAsync();

        await sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Order export mailed to the wrong partner: version 1 to 2" }).WaitForAsync();
        (await sam.Page.Locator("#diff-facts tr:has-text('People affected by residence')").InnerTextAsync()).Should()
            .Contain("not counted").And.Contain("FR: 42 (changed)", "the count recorded at version 2 is the change");
        (await sam.Page.Locator("#diff-facts tr:has-text('Encryption')").InnerTextAsync()).Should().NotContain("(changed)", "what did not change is not marked");
        (await sam.Page.Locator("#diff-events").InnerTextAsync()).Should().Contain("Export of the partner mailbox, counted by postcode", "the reason recorded with the change is shown");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("incident-diff");
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_start_page_lists_the_incidents_assigned_to_the_person_and_the_deadlines_due_within_72_hours()
    {
        var id = await DetectAsync("Newsletter list exposed by a misconfigured export");
        await RecordCountsAsync(id, "DE", 120);
        using (var api = fixture.ApiAs(SamSubject, DemoPeople.Organisation, Roles.Responder))
        {
            var assigned = await api.PostAsJsonAsync($"/api/incidents/{id}/assign-responder", new { responder = SamSubject });
            assigned.IsSuccessStatusCode.Should().BeTrue(await assigned.Content.ReadAsStringAsync());
        }

        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);

        (await sam.Page.Locator("#assigned-incidents").InnerTextAsync()).Should()
            .Contain("Newsletter list exposed by a misconfigured export", "Sam is assigned to it")
            .And.Contain("needs facts: when the organisation became aware", "awareness was never recorded");
        using (var api = fixture.ApiAs(SamSubject, DemoPeople.Organisation, Roles.Responder))
        {
            var aware = await api.PostAsJsonAsync($"/api/incidents/{id}/record-awareness", new { awareAt = "2026-11-20T09:00:00Z", reason = "The export was found by the partner" });
            aware.IsSuccessStatusCode.Should().BeTrue(await aware.Content.ReadAsStringAsync());
        }

        // The board is built in the background: like a person, reload until the incident's duties are there.
        var due = sam.Page.Locator("#due-deadlines tr:has-text('Newsletter list exposed')");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await due.CountAsync() == 0)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the deadline board projection should catch up within seconds");
            await sam.Page.WaitForTimeoutAsync(500);
            await sam.Page.ReloadAsync();
        }

        (await due.First.InnerTextAsync()).Should().Contain("overdue", "aware since 20 November, its 72-hour duties are long past");
        await sam.Page.Locator("#assigned-incidents").GetByRole(AriaRole.Link, new() { Name = "Newsletter list exposed by a misconfigured export" }).ClickAsync();
        await sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Newsletter list exposed by a misconfigured export", Level = 1 }).WaitForAsync();
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    private static async Task<string> FactAsync(IPage page, string name) => (await page.Locator($"dl.facts dt:has-text('{name}') + dd").InnerTextAsync()).Trim();

    /// <summary>Each deadline row as "recipient · jurisdiction · clock start · due · verdict", instants as UTC (whatever the viewer's zone).</summary>
    private static async Task<IReadOnlyList<string>> DeadlinesAsync(IPage page)
    {
        var rows = new List<string>();
        foreach (var row in await page.Locator("#deadline-table tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllAsync();
            var parts = new List<string>();
            foreach (var cell in cells.Take(5))
            {
                var time = cell.Locator("time");
                parts.Add(await time.CountAsync() > 0 ? (await time.GetAttributeAsync("datetime"))! : await cell.InnerTextAsync());
            }

            rows.Add(string.Join(" · ", parts));
        }

        return rows;
    }

    private async Task RecordCountsAsync(Guid id, string residence, long count)
    {
        using var api = fixture.ApiAs(SamSubject, DemoPeople.Organisation, Roles.Responder);
        var recorded = await api.PostAsJsonAsync($"/api/incidents/{id}/facts/affected-counts", new
        {
            counts = new[] { new { residence, count } },
            basis = "Export of the partner mailbox, counted by postcode",
        });
        recorded.IsSuccessStatusCode.Should().BeTrue(await recorded.Content.ReadAsStringAsync());
    }

    /// <summary>An incident reported through the API by a responder of the demo organisation; its id.</summary>
    private async Task<Guid> DetectAsync(string title)
    {
        var shop = $"shop-{Guid.NewGuid():N}"[..16];
        await fixture.RegisterShopAsync(shop, DemoPeople.Organisation);
        using var api = fixture.ApiAs(SamSubject, DemoPeople.Organisation, Roles.Responder);
        var created = await api.PostAsJsonAsync("/api/incidents", new
        {
            title,
            shop,
            kind = "checkout-skimmer",
            detectedAt = "2026-11-20T08:00:00Z",
            source = "customer complaint",
            dataCategories = new[] { "payment-card", "email" },
        });
        created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
