using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using IdentityProvider;
using Microsoft.Playwright;
using MySqlConnector;

namespace CaseManagement.BrowserTests;

/// <summary>
/// The oversight pages at a browser: the deadline board across incidents, the approvals inbox, the auditor's page with its
/// report downloads and chain checks, and the shops on the admin page. Every page is checked with axe-core and
/// photographed for docs/ui.md.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_people_oversee_incidents(WebFixture fixture)
{
    private const string Sam = "Sam Reyes";
    private const string Lee = "Lee Okafor";
    private const string Dana = "Dana Demo";
    private const string Avery = "Avery Brandt";

    [Fact]
    public async Task an_auditor_downloads_a_pdf_report_and_sees_the_chain_intact()
    {
        var title = $"Card skimmer {Guid.NewGuid():N}"[..24];
        var id = await DetectAsync(title);
        await using var avery = await Visitor.ArriveAsync(fixture);
        await avery.SignInAsAsync(Avery);

        await avery.OpenFromMenuAsync("Audit");
        (await avery.Page.Locator("#organisation-chain").InnerTextAsync()).Should().StartWith("Not verified on this view",
            "the page does not claim a verdict it has not just computed, and recomputing every chain is left to the auditor's request");
        await avery.Page.GetByRole(AriaRole.Button, new() { Name = "Verify every chain" }).ClickAsync();
        // Only a computed verdict carries the verdict class, so this waits for the verified page, not the one before it.
        (await avery.Page.Locator("#organisation-chain.verdict").InnerTextAsync()).Should().StartWith("All chains intact", "nothing was tampered with");
        await avery.Page.GetByLabel("Incident", new() { Exact = true }).SelectOptionAsync(id.ToString());
        await avery.Page.GetByRole(AriaRole.Button, new() { Name = "Verify its chain" }).ClickAsync();

        var verdict = await avery.Page.Locator("#incident-chain").InnerTextAsync();
        verdict.Should().StartWith("Chain intact", "the incident's events link to one another as stored").And.Contain("(1 event in 1 stream)", "the detection is its one event");
        await avery.ShouldBeAccessibleAsync();
        await avery.ScreenshotForDocsAsync("audit");

        await avery.Page.GetByLabel("Format", new() { Exact = true }).SelectOptionAsync("pdf");
        // Chromium renders the PDF on the server; on a loaded machine that takes longer than a page step.
        var download = await avery.Page.RunAndWaitForDownloadAsync(() =>
            avery.Page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync(new() { Timeout = 90_000 }),
            new() { Timeout = 90_000 });

        download.SuggestedFilename.Should().StartWith($"incident-{id}-audit-report-").And.EndWith(".pdf");
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-", "the download is the PDF the API's export renders");
        using var api = fixture.ApiAs("avery.auditor@demo-shop.example", DemoPeople.Organisation, Roles.Auditor);
        var events = await api.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events");
        events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Contain("audit_report_exported",
            "a download from the page is recorded on the incident's access log as an API export is");
        avery.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_wrong_as_of_instant_is_shown_beside_the_field()
    {
        var id = await DetectAsync("Skimmer for an as-of check");
        await using var avery = await Visitor.ArriveAsync(fixture);
        await avery.SignInAsAsync(Avery);

        var refused = await avery.Page.GotoAsync($"/audit?handler=report&incident={id}&format=pdf&asOf=2099-01-01T00:00:00");

        refused!.Status.Should().Be(422);
        (await avery.Page.Locator("#asOf-error").InnerTextAsync()).Should().Contain("is in the future", "the export's own rule, said beside the field");
        await avery.ShouldBeAccessibleAsync();
        avery.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_approvals_inbox_lists_a_pending_approval_for_an_approver_and_not_for_a_responder_or_its_author()
    {
        var template = $"inbox-{Guid.NewGuid():N}"[..20];
        using (var dana = fixture.ApiAs("demo.lead@demo-shop.example", DemoPeople.Organisation, Roles.ComplianceLead))
        {
            var drafted = await dana.PostAsJsonAsync("/api/notice-templates", new
            {
                templateId = template, channel = "email", language = "en", jurisdiction = "US-TX",
                subject = "About your card", body = "Dear {{ name }}, a skimmer read card data entered at our checkout.",
            });
            drafted.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        }

        await using var lee = await Visitor.ArriveAsync(fixture);
        await lee.SignInAsAsync(Lee);
        await lee.OpenFromMenuAsync("Approvals");
        var row = lee.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{template}:v1" });
        await row.WaitForAsync();
        (await row.InnerTextAsync()).Should().Contain("user:demo.lead@demo-shop.example", "the inbox says who asked")
            .And.Contain($"POST /api/notice-templates/{template}/versions/1/approve", "and where it is decided");
        await lee.ShouldBeAccessibleAsync();

        await using var author = await Visitor.ArriveAsync(fixture);
        await author.SignInAsAsync(Dana);
        await author.OpenFromMenuAsync("Approvals");
        await author.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for your approval" }).WaitForAsync();
        (await author.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{template}:v1" }).CountAsync()).Should().Be(0,
            "the author of a draft never approves it (four eyes), so it does not wait for her");

        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync(Sam);
        (await MainNavigationAsync(sam.Page)).Should().NotContain("Approvals", "a responder approves nothing");
        var refused = await sam.Page.GotoAsync("/approvals");
        refused!.Status.Should().Be(403, "the server checks the Approve policy whatever the menu showed");
        lee.ShouldHaveSeenNoConsoleError();
        author.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task the_deadline_board_shows_the_duties_due_across_incidents_with_its_filters()
    {
        var title = $"Board check {Guid.NewGuid():N}"[..22];
        var id = await DetectAsync(title);
        using (var lead = fixture.ApiAs("demo.lead@demo-shop.example", DemoPeople.Organisation, Roles.Responder, Roles.ComplianceLead))
        {
            (await lead.PostAsJsonAsync($"/api/incidents/{id}/record-awareness",
                new { awareAt = DateTimeOffset.UtcNow.AddHours(-10).ToString("yyyy-MM-ddTHH:mm:ssZ") })).EnsureSuccessStatusCode();
            (await lead.PostAsJsonAsync($"/api/incidents/{id}/facts/affected-counts",
                new { counts = new[] { new { residence = "DE", count = 120 } }, basis = "orders" })).EnsureSuccessStatusCode();
        }

        await using var dana = await Visitor.ArriveAsync(fixture);
        await dana.SignInAsAsync(Dana);
        await dana.OpenFromMenuAsync("Deadlines");
        var row = dana.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title }).Filter(new() { HasText = "eu-gdpr-art33-sa" });
        await ShowUntilVisibleAsync(dana.Page, row);

        (await row.InnerTextAsync()).Should().Contain("due soon", "62 hours remain of the 72").And.Contain("EU", "the supervisory authority's duty is the EU rule's");
        await dana.ShouldBeAccessibleAsync();
        await dana.ScreenshotForDocsAsync("deadlines");

        await dana.Page.GetByLabel("Jurisdiction", new() { Exact = true }).FillAsync("XX");
        await dana.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await dana.Page.Locator("#jurisdiction-error").WaitForAsync();
        (await dana.Page.Locator("#jurisdiction-error").InnerTextAsync()).Should().Contain("no obligation is for 'XX'", "the board's own validation");

        // A bookmarked page beyond the board's end says so and links back, instead of showing an empty board as if nothing were due.
        await dana.Page.GotoAsync("/deadlines?dueWithinHours=72&page=999");
        (await dana.Page.Locator("#board").InnerTextAsync()).Should().Contain("Page 999 is past the board's last page", "the board pages by incident");
        await dana.Page.GetByRole(AriaRole.Link, new() { Name = "More urgent" }).ClickAsync();
        await row.WaitForAsync(new() { Timeout = 10_000 });
        var unreadable = await dana.Page.GotoAsync("/deadlines?page=first");
        unreadable!.Status.Should().Be(422, "a page number that is no number is refused, not taken as page 1");
        (await dana.Page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("must be a whole number");
        dana.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task an_admin_rotates_a_shops_credentials_and_a_wrong_password_is_shown_beside_the_field()
    {
        var (shop, server, database) = await RegisteredShopAsync();
        await using var alex = await Visitor.ArriveAsync(fixture);
        await alex.SignInAsAsync("Alex Moreau");
        await alex.OpenFromMenuAsync("Admin");
        (await alex.Page.Locator($"#shop-{shop}").InnerTextAsync()).Should().Contain("WordPress posts (shop_order)", "the storage mode read from the shop")
            .And.Contain("active");

        await alex.Page.GetByText($"Change shop {shop}").ClickAsync();
        var form = alex.Page.Locator($"#rotate-{shop}");
        await form.GetByLabel("New password").FillAsync("leaked-and-wrong");
        await form.GetByLabel("Why").FillAsync("the admin password leaked in a paste");
        await form.GetByRole(AriaRole.Button, new() { Name = "Test and rotate" }).ClickAsync();

        var error = alex.Page.Locator($"#rotate-{shop}-password-error");
        (await error.InnerTextAsync()).Should().Contain($"refused the credentials of user '{server.UserID}'", "the connection test's own words, beside the field")
            .And.NotContain("leaked-and-wrong", "a password is never shown");
        (await form.GetByLabel("New password").GetAttributeAsync("aria-describedby")).Should().Be($"rotate-{shop}-password-error",
            "a screen reader reads the message with the field");
        (await form.GetByLabel("Why").InputValueAsync()).Should().Be("the admin password leaked in a paste", "what the admin typed is kept");
        await alex.ShouldBeAccessibleAsync();
        await alex.ScreenshotForDocsAsync("admin-shops");

        await form.GetByLabel("New password").FillAsync(server.Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Test and rotate" }).ClickAsync();

        await alex.Page.Locator($"#shop-{shop}").GetByText("credentials rotated").WaitForAsync();
        (await alex.Page.Locator($"#shop-{shop}").InnerTextAsync()).Should().Contain("user:alex.admin@demo-shop.example: the admin password leaked in a paste",
            "the change is listed with who made it and why");
        alex.ShouldHaveSeenNoConsoleError();
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task an_admin_changes_a_prefix_and_reactivates_a_shop_and_each_refusal_is_shown_beside_its_field()
    {
        var (shop, server, database) = await RegisteredShopAsync();
        await using var alex = await Visitor.ArriveAsync(fixture);
        await alex.SignInAsAsync("Alex Moreau");
        await alex.OpenFromMenuAsync("Admin");

        await alex.Page.GetByText($"Change shop {shop}").ClickAsync();
        var prefix = alex.Page.Locator($"#prefix-{shop}");
        await prefix.GetByLabel("Table prefix").FillAsync("wp2_");
        await prefix.GetByLabel("Why").FillAsync("the site was moved to a second install");
        await prefix.GetByRole(AriaRole.Button, new() { Name = "Test and change the prefix" }).ClickAsync();

        (await alex.Page.Locator($"#prefix-{shop}-tablePrefix-error").InnerTextAsync()).Should().Contain("prefixes found in this database: 'wp_'",
            "the connection test's own words, beside the field");
        (await prefix.GetByLabel("Table prefix").GetAttributeAsync("aria-describedby")).Should().Be($"prefix-{shop}-tablePrefix-error");
        (await prefix.GetByLabel("Why").InputValueAsync()).Should().Be("the site was moved to a second install", "what the admin typed is kept");
        await alex.ShouldBeAccessibleAsync();

        var deactivate = alex.Page.Locator($"#deactivate-{shop}");
        await deactivate.GetByLabel("Why").FillAsync("shop paused for the winter");
        await deactivate.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await alex.Page.Locator($"#shop-{shop}").GetByText("deactivated", new() { Exact = true }).WaitForAsync();

        await alex.Page.GetByText($"Reactivate shop {shop}").ClickAsync();
        var reactivate = alex.Page.Locator($"#reactivate-{shop}");
        await reactivate.GetByRole(AriaRole.Button, new() { Name = "Test the connection and reactivate" }).ClickAsync();
        (await alex.Page.Locator($"#reactivate-{shop}-reason-error").InnerTextAsync()).Should().Contain("required", "the API's validation, beside the field");
        await alex.ShouldBeAccessibleAsync();

        await reactivate.GetByLabel("Why").FillAsync("shop open again for the season");
        await reactivate.GetByRole(AriaRole.Button, new() { Name = "Test the connection and reactivate" }).ClickAsync();
        await alex.Page.Locator($"#shop-{shop}").GetByText("reactivated", new() { Exact = false }).WaitForAsync();
        (await alex.Page.Locator($"#shop-{shop}").InnerTextAsync()).Should().Contain("active")
            .And.Contain("reactivated, ").And.Contain("shop open again for the season", "the change is listed with who made it and why");
        (await alex.Page.Locator($"#reactivate-{shop}").CountAsync()).Should().Be(0, "an active shop offers no reactivation");
        alex.ShouldHaveSeenNoConsoleError();
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A WooCommerce database (the tables scoping reads, no orders) in the test MariaDB, registered by an admin through the API.</summary>
    private async Task<(string Name, MySqlConnectionStringBuilder Server, string Database)> RegisteredShopAsync()
    {
        var server = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__ShopTests")
            ?? "Server=127.0.0.1;Port=53306;Database=shop_tests;User ID=casemanagement;Password=casemanagement");
        var database = "shop_bt_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        await using (var connection = new MySqlConnection(new MySqlConnectionStringBuilder(server.ConnectionString) { Database = "" }.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var create = new MySqlCommand($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await connection.ChangeDatabaseAsync(database);
            await CaseManagement.Shops.Schema.ShopSchema.CreateWooCommerceAsync(connection, "wp_", includeHposTables: false);
        }

        var name = "bt-" + database[8..];
        using var admin = fixture.ApiAs("alex.admin@demo-shop.example", DemoPeople.Organisation, Roles.Admin);
        var registered = await admin.PostAsJsonAsync("/api/shops", new
        {
            name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database, user = server.UserID, password = server.Password,
            tablePrefix = "wp_",
        });
        registered.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return (name, server, database);
    }

    private async Task<Guid> DetectAsync(string title)
    {
        await fixture.RegisterShopAsync("oversight-shop", DemoPeople.Organisation);
        using var api = fixture.ApiAs("sam.responder@demo-shop.example", DemoPeople.Organisation, Roles.Responder);
        var created = await api.PostAsJsonAsync("/api/incidents", new
        {
            title, shop = "oversight-shop", kind = "checkout-skimmer", detectedAt = "2026-11-20T08:00:00Z", dataCategories = new[] { "payment-card" },
        });
        created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<IReadOnlyList<string>> MainNavigationAsync(IPage page) =>
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).AllInnerTextsAsync();

    // The board is an async projection: like a person, press Show (again) until the row is there.
    private static async Task ShowUntilVisibleAsync(IPage page, ILocator wanted)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await wanted.CountAsync() == 0)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the deadline board projection should catch up within seconds");
            await page.WaitForTimeoutAsync(250);
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }
}
