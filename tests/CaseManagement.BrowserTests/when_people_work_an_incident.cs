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
        var form = sam.Page.Locator("form#encryption");

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
    public async Task a_person_whose_roles_do_not_record_facts_sees_no_form_and_the_server_refuses_the_post_anyway()
    {
        var id = await DetectAsync("Admin panel exposed");
        await using var auditor = await Visitor.ArriveAsync(fixture);
        await auditor.SignInAsAsync(Sam, Roles.Auditor);
        await auditor.Page.GotoAsync($"/incidents/{id}");
        (await auditor.Page.Locator("form#encryption").CountAsync()).Should().Be(0, "an auditor may read the incident but not record facts");
        var token = await auditor.Page.Locator("form.sign-out input[name='__RequestVerificationToken']").GetAttributeAsync("value");

        var forced = await auditor.Page.APIRequest.PostAsync($"/incidents/{id}?handler=Encryption", new()
        {
            Form = auditor.Context.APIRequest.CreateFormData()
                .Set("__RequestVerificationToken", token!).Set("status", "unencrypted").Set("reason", "forced"),
        });

        forced.Status.Should().Be(403, "the slice's own policy is checked for the page's post as for the API");
        await auditor.ShouldBeAccessibleAsync();
    }

    /// <summary>An incident reported through the API by a responder of the demo organisation; its id.</summary>
    private async Task<Guid> DetectAsync(string title)
    {
        using var api = fixture.ApiAs(SamSubject, DemoPeople.Organisation, Roles.Responder);
        var created = await api.PostAsJsonAsync("/api/incidents", new
        {
            title,
            shop = $"shop-{Guid.NewGuid():N}"[..16] + ".example",
            kind = "checkout-skimmer",
            detectedAt = "2026-11-20T08:00:00Z",
            source = "customer complaint",
            dataCategories = new[] { "payment-card", "email" },
        });
        created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
