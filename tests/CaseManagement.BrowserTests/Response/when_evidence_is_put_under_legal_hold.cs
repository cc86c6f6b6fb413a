using CaseManagement.BrowserTests.Infrastructure;
using FluentAssertions;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests.Response;

/// <summary>The legal hold on an incident's evidence, on the containment page's evidence part: the hold slices answer the form.</summary>
[Collection(WebCollection.Name)]
public sealed class when_evidence_is_put_under_legal_hold(WebFixture fixture)
{
    [Fact]
    public async Task a_lead_places_and_lifts_a_hold_with_reasons_and_a_responder_sees_it_without_the_form()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 5, orders: 10);
        await using var lee = await Visitor.ArriveAsync(fixture);
        await lee.SignInAsAsync("Lee Okafor");
        var page = lee.Page;
        await page.GotoAsync($"/incidents/{shop.IncidentId}/containment");
        (await page.GetByTestId("hold").InnerTextAsync()).Should().StartWith("No legal hold has been placed");

        var place = page.GetByRole(AriaRole.Form, new() { Name = "Place a legal hold" });
        var unexplained = await page.RunAndWaitForResponseAsync(() => place.GetByRole(AriaRole.Button, new() { Name = "Place a legal hold" }).ClickAsync(),
            r => r.Request.Method == "POST");
        unexplained.Status.Should().Be(422, "the hold slice asks for a reason");
        (await page.Locator("#evidence-hold-error").InnerTextAsync()).Should().Contain("reason is required", "the API's words, beside the field");
        await lee.ShouldBeAccessibleAsync();

        await place.GetByLabel("Why (a claim, an inquiry, a retention period)").FillAsync("A customer's lawyer announced a claim");
        await place.GetByRole(AriaRole.Button, new() { Name = "Place a legal hold" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#evidence-hold", StringComparison.Ordinal));
        (await page.GetByTestId("hold").InnerTextAsync()).Should().Contain("Under legal hold since").And.Contain("A customer's lawyer announced a claim");
        await lee.ShouldBeAccessibleAsync();
        await lee.ScreenshotForDocsAsync("evidence-hold");

        await using (var sam = await Visitor.ArriveAsync(fixture))
        {
            await sam.SignInAsAsync("Sam Reyes");
            await sam.Page.GotoAsync($"/incidents/{shop.IncidentId}/containment");
            (await sam.Page.GetByTestId("hold").InnerTextAsync()).Should().Contain("Under legal hold since", "everyone who reads the incident sees the hold");
            (await sam.Page.Locator("#evidence-hold").CountAsync()).Should().Be(0, "placing and lifting a hold are a compliance lead's (erase-personal-data)");
            sam.ShouldHaveSeenNoConsoleError();
        }

        var lift = page.GetByRole(AriaRole.Form, new() { Name = "Lift the legal hold" });
        await lift.GetByLabel("Why it may be lifted").FillAsync("The claim was settled");
        await lift.GetByRole(AriaRole.Button, new() { Name = "Lift the legal hold" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("#evidence-hold", StringComparison.Ordinal));
        (await page.GetByTestId("hold").InnerTextAsync()).Should().Contain("No legal hold. The last one").And.Contain("The claim was settled");
        await lee.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
    }
}
