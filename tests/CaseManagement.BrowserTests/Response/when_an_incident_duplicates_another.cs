using System.Net;
using CaseManagement.BrowserTests.Infrastructure;
using FluentAssertions;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests.Response;

/// <summary>Marking an incident as another's duplicate from the incident page: the mark-duplicate slice answers the form.</summary>
[Collection(WebCollection.Name)]
public sealed class when_an_incident_duplicates_another(WebFixture fixture)
{
    [Fact]
    public async Task a_responder_marks_a_duplicate_and_the_refusals_are_said_beside_the_field()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        using var lead = shop.Lead();
        var survivor = (await ResponseShop.SendAsync(lead, "/api/incidents", new
        {
            title = "Skimmer reported by the card brand", shop = shop.Name, kind = "checkout-skimmer", detectedAt = ResponseShop.To.AddDays(1).AddHours(-3),
        }, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await using var sam = await Visitor.ArriveAsync(fixture);
        await sam.SignInAsAsync("Sam Reyes");
        var page = sam.Page;
        await page.GotoAsync($"/incidents/{shop.IncidentId}");

        await page.Locator("#duplicate summary").ClickAsync();
        var form = page.Locator("form[aria-label='Mark as a duplicate of another incident']");
        var field = form.GetByLabel("The incident this one duplicates", new() { Exact = false });
        await field.FillAsync("the one from yesterday");
        await form.GetByLabel("Reason").FillAsync("Same skimmer, reported twice");
        var unreadable = await page.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Mark as duplicate" }).ClickAsync(),
            r => r.Request.Method == "POST");
        unreadable.Status.Should().Be(422);
        (await page.Locator("#duplicate-duplicateOf-error").InnerTextAsync()).Should().Contain("is not an incident id", "text that is no id is refused beside the field");

        await field.FillAsync(shop.IncidentId.ToString());
        var itself = await page.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Mark as duplicate" }).ClickAsync(),
            r => r.Request.Method == "POST");
        itself.Status.Should().Be(422, "the slice's own Validate refuses ({0})", await itself.TextAsync());
        (await page.Locator("#duplicate-duplicateOf-error").InnerTextAsync()).Should().Contain("cannot be a duplicate of itself", "the API's words, beside the field");
        (await form.GetByLabel("Reason").InputValueAsync()).Should().Be("Same skimmer, reported twice", "what the person typed is kept");
        await sam.ShouldBeAccessibleAsync();
        await sam.ScreenshotForDocsAsync("incident-duplicate");

        await field.FillAsync(survivor.ToString());
        await form.GetByRole(AriaRole.Button, new() { Name = "Mark as duplicate" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#duplicate", StringComparison.Ordinal));
        (await page.Locator("dl.incident-header dt:has-text('Status') + dd").InnerTextAsync()).Should().Be("closed", "a duplicate is closed as such");
        (await page.Locator("#timeline").InnerTextAsync()).Should().Contain("Same skimmer, reported twice", "the reason is on the record");
        (await page.Locator("#duplicate").CountAsync()).Should().Be(0, "a closed incident is not offered the form again");

        await page.GotoAsync($"/incidents/{survivor}");
        (await page.Locator("#timeline").InnerTextAsync()).Should().Contain("Same skimmer, reported twice", "the survivor records the merge with its reason");
        await sam.ShouldBeAccessibleAsync();
        sam.ShouldHaveSeenNoConsoleError();
    }
}
