using System.Net.Http.Json;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Web;
using FluentAssertions;
using IdentityProvider;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests;

/// <summary>
/// People at a browser: they sign in through the identity provider, read the start page and the incident list, and
/// are kept out of what their roles do not allow, by the page and by the server. Every page visited is checked with
/// axe-core, and the main ones are photographed for docs/ui.md.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_people_use_the_pages(WebFixture fixture)
{
    private const string Sam = "Sam Reyes";
    private const string Alex = "Alex Moreau";
    private const string Dana = "Dana Demo";

    [Fact]
    public async Task a_person_signs_in_through_the_identity_provider_and_lands_on_the_start_page()
    {
        await using var dana = await Visitor.ArriveAsync(fixture);
        await dana.Page.GotoAsync("/");
        await dana.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to CaseManagement" }).WaitForAsync();
        dana.Page.Url.Should().StartWith(fixture.IdentityProvider.Url.ToString(), "a visitor without a session is sent to the identity provider");
        await dana.ShouldBeAccessibleAsync();
        await dana.ScreenshotForDocsAsync("sign-in");

        await dana.SignInAsAsync(Dana);

        var facts = dana.Page.Locator("dl.facts");
        (await facts.InnerTextAsync()).Should()
            .Contain("demo.lead@demo-shop.example", "the subject from the identity token names the person")
            .And.Contain("demo", "the org claim is the organisation")
            .And.Contain("auditor, compliance-lead, responder", "the role claims are the roles")
            .And.Contain("user:demo.lead@demo-shop.example", "events record people as user:<sub>, as for bearer tokens");
        (await MainNavigationAsync(dana.Page)).Should().Equal(["Start", "Incidents", "Deadlines", "Approvals", "Audit", "Shops", "Paging"],
            "a lead reads incidents, shops and pages and approves, and does not administer");
        await dana.ShouldBeAccessibleAsync();
        await dana.ScreenshotForDocsAsync("start-page");
        dana.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_newcomer_may_pick_other_roles_on_the_providers_page()
    {
        await using var sam = await Visitor.ArriveAsync(fixture);

        await sam.SignInAsAsync(Sam, Roles.Approver, Roles.Auditor);

        (await sam.Page.Locator("dl.facts dt:has-text('Roles') + dd").InnerTextAsync()).Should()
            .Be("approver, auditor", "the ticked roles replace Sam's usual responder role");
    }

    [Fact]
    public async Task a_sign_in_answer_the_service_cannot_accept_ends_on_a_page_that_offers_to_start_again()
    {
        await using var visitor = await Visitor.ArriveAsync(fixture);

        var answer = await visitor.Page.GotoAsync("/signin-oidc?code=forged&state=forged");

        answer!.Status.Should().Be(400, "a forged or stale answer from the provider is refused as bad input, never a 500");
        await visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in did not complete" }).WaitForAsync();
        await visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
        await visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to CaseManagement" }).WaitForAsync();
    }

    [Fact]
    public async Task the_incident_list_shows_an_incident_created_through_the_api()
    {
        var shop = UniqueShop();
        await DetectAsync(shop, "Skimmer script in checkout footer", "checkout-skimmer", "2026-11-20T08:00:00Z");
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);

        await sam.OpenFromMenuAsync("Incidents");
        await sam.Page.GetByLabel("Shop").FillAsync(shop);
        var row = sam.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Skimmer script in checkout footer" });
        await ShowUntilVisibleAsync(sam.Page, row);
        // The filter is in the address, so the filtered list can be shared. htmx pushes it after the swap, without a page
        // load: it is polled in the page, not awaited as a navigation.
        await sam.Page.WaitForFunctionAsync("expected => location.href.includes(expected)", $"shop={shop}", new() { Timeout = 30_000 });

        var cells = await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync();
        cells.Should().Equal(["Skimmer script in checkout footer", shop, "checkout skimmer", "detected", "not classified",
            "20 Nov 2026, 09:00 CET", cells[6], "1"], "the row shows the incident as recorded, detected at 08:00 UTC shown in Berlin time, at version 1");
        (await row.Locator("time").First.GetAttributeAsync("title")).Should().Be("2026-11-20 08:00:00 UTC", "hovering shows the UTC instant");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_responder_sees_no_admin_link_and_the_server_refuses_the_admin_page_anyway()
    {
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);

        (await MainNavigationAsync(sam.Page)).Should().NotContain("Admin", "a responder does not administer");
        var refused = await sam.Page.GotoAsync("/admin");

        refused!.Status.Should().Be(403, "the server checks the Administer policy whatever the page showed");
        await sam.Page.GetByRole(AriaRole.Heading, new() { Name = "You may not open this page" }).WaitForAsync();
        await sam.ShouldBeAccessibleAsync();

        await using var alex = await Visitor.ArriveAsync(fixture);
        await alex.SignInAsAsync(Alex);
        (await MainNavigationAsync(alex.Page)).Should().Equal(["Start", "Shops", "Admin"], "an admin administers and sees the shops, and reads no case data");
        await alex.OpenFromMenuAsync("Admin");
        await alex.Page.GetByRole(AriaRole.Heading, new() { Name = "API keys of demo" }).WaitForAsync();
        await alex.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
        alex.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_incident_list_is_photographed_for_the_docs_with_several_incidents()
    {
        (string Title, string Kind, string DetectedAt)[] incidents =
        [
            ("Admin account takeover on the storefront", "account-takeover", "2026-11-18T21:40:00Z"),
            ("Payment plugin shipped a backdoor", "plugin-compromise", "2026-11-19T06:15:00Z"),
            ("API key for the ERP sync found on a paste site", "leaked-api-key", "2026-11-21T13:05:00Z"),
        ];
        foreach (var (title, kind, detectedAt) in incidents)
        {
            await DetectAsync("docs-shop", title, kind, detectedAt);
        }

        await using var lee = await Visitor.ArriveAsync(fixture);
        await lee.SignInAsAsync("Lee Okafor");
        await lee.Page.GotoAsync("/incidents?shop=docs-shop");
        await ShowUntilVisibleAsync(lee.Page, lee.Page.GetByRole(AriaRole.Cell, new() { Name = incidents[^1].Title }));
        await lee.Page.GetByRole(AriaRole.Cell, new() { Name = incidents[0].Title }).WaitForAsync();

        await lee.ShouldBeAccessibleAsync();
        await lee.ScreenshotForDocsAsync("incident-list");
        await lee.Page.GotoAsync("/admin");
        await lee.ScreenshotForDocsAsync("access-denied");
        lee.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_admin_page_lists_the_keys_the_api_created()
    {
        using var api = fixture.ApiAs("alex.admin@demo-shop.example", DemoPeople.Organisation, Roles.Admin);
        var created = await api.PostAsJsonAsync("/api/admin/api-keys", new { name = "SIEM export", roles = new[] { Roles.Integrator } });
        created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        await using var alex = await Visitor.ArriveAsync(fixture);
        await alex.SignInAsAsync(Alex);

        await alex.OpenFromMenuAsync("Admin");

        var row = alex.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SIEM export" });
        (await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync()).Should().Contain(["SIEM export", Roles.Integrator, "usable"],
            "the page lists the key as the API does, with its roles and state");
        await alex.ShouldBeAccessibleAsync();
        await alex.ScreenshotForDocsAsync("admin");
        alex.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_pages_can_be_read_without_javascript()
    {
        var shop = UniqueShop();
        await DetectAsync(shop, "Customer accounts logged in from abroad", "account-takeover", "2026-11-22T10:30:00Z");
        await using var sam = await Visitor.ArriveAsync(fixture, javaScript: false);

        await sam.SignInAsAsync(Sam);
        await sam.Page.GotoAsync("/incidents");
        await sam.Page.GetByLabel("Status").SelectOptionAsync("detected");
        await sam.Page.GetByLabel("Shop").FillAsync(shop);
        await ShowUntilVisibleAsync(sam.Page, sam.Page.GetByRole(AriaRole.Cell, new() { Name = "Customer accounts logged in from abroad" }));

        sam.Page.Url.Should().Contain("status=detected", "without htmx the filter form is a plain GET");
        var times = await sam.Page.Locator("td time").AllInnerTextsAsync();
        times.Should().NotBeEmpty().And.OnlyContain(t => t.EndsWith(" UTC"), "without the script times stay in UTC, which is still right");
    }

    [Fact]
    public async Task pages_carry_the_api_security_headers_and_a_policy_that_allows_only_the_services_own_scripts()
    {
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);

        var response = await sam.Page.GotoAsync("/incidents");
        var headers = await response!.AllHeadersAsync();

        headers["content-security-policy"].Should().Be(WebSetup.ContentSecurityPolicy)
            .And.Contain("script-src 'self'").And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        headers["x-frame-options"].Should().Be("DENY");
        headers["x-content-type-options"].Should().Be("nosniff");
        headers["referrer-policy"].Should().Be("no-referrer");
        headers["cache-control"].Should().Contain("no-store", "case data must not stay in a browser's cache");
        var scripts = await sam.Page.Locator("script").EvaluateAllAsync<string[]>("s => s.map(e => e.src ? new URL(e.src).origin : 'inline')");
        scripts.Should().NotBeEmpty().And.OnlyContain(origin => origin == fixture.ServiceUrl.GetLeftPart(UriPartial.Authority), "only the service's own script files");
        sam.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_api_ignores_the_session_cookie_and_a_form_without_its_antiforgery_token_is_refused()
    {
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);

        var api = await sam.Page.APIRequest.GetAsync("/api/incidents");
        api.Status.Should().Be(401, "the API takes bearer tokens and API keys only, so another site cannot use a signed-in browser against it");
        var forged = await sam.Page.APIRequest.PostAsync("/signout");
        forged.Status.Should().Be(400, "a POST without the form's antiforgery token is refused");
        await sam.Page.GotoAsync("/");
        await sam.Page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {Sam}" }).WaitForAsync();

        await sam.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await sam.Page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" }).WaitForAsync();
        await sam.ShouldBeAccessibleAsync();
        await sam.Page.GotoAsync("/");
        await sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to CaseManagement" }).WaitForAsync();
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }

    private static string UniqueShop() => $"shop-{Guid.NewGuid():N}"[..16];

    /// <summary>An incident reported through the API by a responder of the demo organisation, at a shop registered first.</summary>
    private async Task DetectAsync(string shop, string title, string kind, string detectedAt)
    {
        await fixture.RegisterShopAsync(shop, DemoPeople.Organisation);

        using var api = fixture.ApiAs("sam.responder@demo-shop.example", DemoPeople.Organisation, Roles.Responder);
        var created = await api.PostAsJsonAsync("/api/incidents", new
        {
            title,
            shop,
            kind,
            detectedAt,
            source = "customer complaint",
            dataCategories = new[] { "payment-card", "email" },
        });
        created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<string>> MainNavigationAsync(IPage page) =>
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).AllInnerTextsAsync();

    // The list is an async projection: like a person, press Show (again) until the new incident is there.
    private static async Task ShowUntilVisibleAsync(IPage page, ILocator wanted)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (await wanted.CountAsync() > 0)
            {
                return;
            }

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the incident list projection should catch up within seconds");
            await page.WaitForTimeoutAsync(250);
        }
    }
}
