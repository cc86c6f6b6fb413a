using System.Net;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using CaseManagement.Notifications.Campaigns.Drafting;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests.Response;

/// <summary>
/// The notification part of an incident beyond campaigns, in the browser: notice templates written, previewed for a person
/// the incident's scope found, refused and approved by a second person; and submissions to regulators drafted and recorded.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class when_leads_write_notices_and_submissions(WebFixture fixture)
{
    private const string Lee = "Lee Okafor";
    private const string Dana = "Dana Demo";

    [Fact]
    public async Task a_lead_drafts_a_template_previews_it_for_a_recipient_and_a_second_lead_approves_it_once_nothing_stops_it()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 8, orders: 20);
        await shop.ScopedWithApprovedTemplatesAsync();
        var templateId = $"all-{shop.Database[8..]}";
        await using var lee = await SignedInAsync(Lee);
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/notifications");

        var open = lee.Page.GetByRole(AriaRole.Form, new() { Name = "Open or start a notice template" });
        await open.GetByLabel("Template id").FillAsync(templateId);
        await open.GetByLabel("A new one starts from the example for").SelectOptionAsync("*");
        await open.GetByRole(AriaRole.Button, new() { Name = "Open the template" }).ClickAsync();
        await lee.Page.GetByText("No version yet").WaitForAsync();
        var body = lee.Page.GetByLabel("Body", new() { Exact = false });
        var example = await body.InputValueAsync();
        example.Should().Contain("What We Are Doing", "a new template starts from the shipped example that was chosen");
        await body.FillAsync(example.Replace("What We Are Doing\n{{ incident.what_we_are_doing }}\n", "", StringComparison.Ordinal));
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Save as a new draft version" }).ClickAsync();

        await lee.Page.GetByRole(AriaRole.Heading, new() { Name = $"Notice template {templateId}, version 1" }).WaitForAsync();
        (await lee.Page.Locator("#edit-body-error").InnerTextAsync()).Should()
            .Contain("what the organisation is doing about it is required", "the API's approval check names what the draft lacks beside the body")
            .And.Contain("GDPR Art. 34(2)", "each problem cites the rule it comes from");
        (await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Approve v1" }).CountAsync()).Should().Be(0,
            "the person who drafted a version is not offered its approval (four eyes)");

        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Preview v1" }).ClickAsync();
        var preview = lee.Page.GetByTestId("preview");
        await preview.WaitForAsync();
        (await preview.InnerTextAsync()).Should().Contain("living in", "the preview names where the incident's recipient lives");
        (await lee.Page.Locator("pre.notice-preview").InnerTextAsync()).Should()
            .Contain("[Recipient name]", "a person's name stays a placeholder in a preview")
            .And.Contain("[written when a campaign is drafted]", "no campaign has given the notice its words yet");
        await lee.ShouldBeAccessibleAsync();
        await lee.ScreenshotForDocsAsync("notice-template");

        await using var dana = await SignedInAsync(Dana);
        var page = $"/incidents/{shop.IncidentId}/notifications/templates/{templateId}";
        await dana.Page.GotoAsync(page + "?version=1");
        var refused = await dana.Page.RunAndWaitForResponseAsync(
            () => dana.Page.GetByRole(AriaRole.Button, new() { Name = "Approve v1" }).ClickAsync(), r => r.Request.Method == "POST");
        refused.Status.Should().Be(422, "the approve slice refuses a template that lacks what its jurisdiction requires");
        (await dana.Page.Locator("#edit-body-error").InnerTextAsync()).Should().Contain("what the organisation is doing about it is required",
            "the refusal's problems are listed beside the field they concern");
        await dana.ShouldBeAccessibleAsync();

        await lee.Page.GotoAsync(page);
        await lee.Page.GetByLabel("Body", new() { Exact = false }).FillAsync(example);
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Save as a new draft version" }).ClickAsync();
        await lee.Page.GetByRole(AriaRole.Heading, new() { Name = $"Notice template {templateId}, version 2" }).WaitForAsync();
        (await lee.Page.GetByTestId("approval-state").InnerTextAsync()).Should().StartWith("Nothing stops its approval");

        await dana.Page.GotoAsync(page + "?version=2");
        await dana.Page.GetByRole(AriaRole.Button, new() { Name = "Approve v2" }).ClickAsync();
        await dana.Page.GetByText("Approved by ").WaitForAsync();
        (await dana.Page.GetByRole(AriaRole.Button, new() { Name = "Approve v2" }).CountAsync()).Should().Be(0, "an approved version is approved once");
        await dana.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
        dana.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_lead_drafts_a_gdpr_report_from_the_record_and_records_its_submission_with_the_refusals_beside_the_fields()
    {
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 8, orders: 20);
        var templates = await shop.ScopedWithApprovedTemplatesAsync();
        using var lead = shop.Lead();
        await ResponseShop.SendAsync(lead, $"/api/incidents/{shop.IncidentId}/facts/affected-counts",
            new { counts = new[] { new { residence = "DE", count = 12 } }, basis = "billing addresses of the skimmed orders" }, HttpStatusCode.OK);
        await ResponseShop.SendAsync(lead, $"/api/incidents/{shop.IncidentId}/facts/risk-assessment",
            new { riskToIndividuals = true, reasoning = "card numbers with their security codes were read" }, HttpStatusCode.OK);
        await using var lee = await SignedInAsync(Lee);
        await lee.Page.GotoAsync($"/incidents/{shop.IncidentId}/notifications");
        await lee.Page.GetByRole(AriaRole.Link, new() { Name = "Draft or record a submission" }).ClickAsync();

        var draft = lee.Page.Locator("#draft-submission");
        await draft.GetByLabel("Kind").SelectOptionAsync("gdpr-article33");
        var noCampaign = await lee.Page.RunAndWaitForResponseAsync(() => draft.GetByRole(AriaRole.Button, new() { Name = "Draft the document" }).ClickAsync(),
            r => r.Request.Method == "POST");
        noCampaign.Status.Should().Be(422, "the draft slice writes in the campaign's words, and there is no campaign yet");
        (await draft.InnerTextAsync()).Should().Contain("draft the notice to individuals first", "the API's reason is said on the form");
        await lee.ShouldBeAccessibleAsync();

        await DraftCampaignAsync(lead, shop, templates, DraftCampaign.DefaultRatePerMinute);
        await draft.GetByLabel("Kind").SelectOptionAsync("gdpr-article33");
        await draft.GetByRole(AriaRole.Button, new() { Name = "Draft the document" }).ClickAsync();
        var sha = await lee.Page.GetByTestId("document-sha256").InnerTextAsync();
        sha.Should().MatchRegex("^[0-9a-f]{64}$", "the drafted document is shown with its hash");
        (await lee.Page.Locator("pre.notice-preview").InnerTextAsync()).Should().Contain("A script in our checkout copied card details",
            "the report describes the incident in the campaign's words");
        (await lee.Page.Locator("#record-documentSha256").InputValueAsync()).Should().Be(sha, "the record form carries the drafted document's hash");
        (await lee.Page.Locator("#recorded-submissions").InnerTextAsync()).Should().Contain("No submission", "drafting records nothing");
        await lee.ShouldBeAccessibleAsync();
        await lee.ScreenshotForDocsAsync("regulator-submission");

        var record = lee.Page.Locator("#record-submission");
        var incomplete = await lee.Page.RunAndWaitForResponseAsync(() => record.GetByRole(AriaRole.Button, new() { Name = "Record the submission" }).ClickAsync(),
            r => r.Request.Method == "POST");
        incomplete.Status.Should().Be(422);
        (await lee.Page.Locator("#record-ruleId-error").InnerTextAsync()).Should().Contain("ruleId", "the duty is required, said beside its field");
        (await lee.Page.Locator("#record-submittedAt-error").InnerTextAsync()).Should().Contain("submittedAt");

        var duty = await record.GetByLabel("Duty").Locator("option").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\(GDPR\) Art\. 33\(1\)") }).First.GetAttributeAsync("value");
        await record.GetByLabel("Duty").SelectOptionAsync(duty!);
        await record.GetByLabel("Kind").SelectOptionAsync("gdpr-article33");
        await record.GetByLabel("Submitted at (UTC)").FillAsync(DateTimeOffset.UtcNow.AddHours(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await record.GetByLabel("How (portal, e-mail, letter, call)").FillAsync("the supervisory authority's web form");
        await record.GetByLabel("Reference the recipient gave (optional)").FillAsync("BfDI-2026-0042");
        await record.GetByLabel("SHA-256 of the document sent (optional)").FillAsync(sha);
        await record.GetByRole(AriaRole.Button, new() { Name = "Record the submission" }).ClickAsync();
        await lee.Page.WaitForURLAsync(url => url.EndsWith("#record-submission", StringComparison.Ordinal));
        var recorded = await lee.Page.Locator("#recorded-submissions").InnerTextAsync();
        recorded.Should().Contain("BfDI-2026-0042", "the submission is recorded with its reference").And.Contain(sha, "and the hash of what was sent");
        await lee.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
    }

    [Fact]
    public async Task a_lead_pauses_resumes_and_cancels_a_sending_campaign_and_a_pause_without_a_reason_is_refused_beside_the_field()
    {
        // Eighty customers at the slowest rate the API allows (60 a minute) send for about a minute: time to pause it.
        await using var shop = await ResponseShop.CreateAsync(fixture, customers: 80, orders: 200);
        var templates = await shop.ScopedWithApprovedTemplatesAsync();
        var campaignId = await SendingCampaignAsync(shop, templates, ratePerMinute: 60);
        await using var lee = await SignedInAsync(Lee);
        var page = lee.Page;
        var notifications = $"/incidents/{shop.IncidentId}/notifications";
        var pause = page.Locator($"#pause-{campaignId:N}");
        for (var i = 0; i < 50 && await pause.CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.GotoAsync(notifications);
        }

        var unexplained = await page.RunAndWaitForResponseAsync(() => pause.GetByRole(AriaRole.Button, new() { Name = "Pause the sending" }).ClickAsync(),
            r => r.Request.Method == "POST");
        unexplained.Status.Should().Be(422, "the pause slice asks for a reason");
        (await page.Locator($"#pause-{campaignId:N}-error").InnerTextAsync()).Should().Contain("reason is required", "the API's words, beside the field");
        await lee.ShouldBeAccessibleAsync();

        await pause.GetByLabel("Reason").FillAsync("the call centre is not staffed yet");
        await pause.GetByRole(AriaRole.Button, new() { Name = "Pause the sending" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"#pause-{campaignId:N}", StringComparison.Ordinal));
        var campaign = page.Locator($"article.campaign[data-campaign='{campaignId}']");
        (await campaign.Locator(".step-state").InnerTextAsync()).Should().Be("paused");
        (await page.Locator($"#pause-{campaignId:N}").CountAsync()).Should().Be(0, "a paused campaign is not offered a pause");
        var pending = await campaign.GetByTestId("pending").InnerTextAsync();
        pending.Should().NotBe("0", "the campaign was paused before it reached everyone");
        await lee.ShouldBeAccessibleAsync();
        await lee.ScreenshotForDocsAsync("notification-paused");

        await page.Locator($"#resume-{campaignId:N}").GetByRole(AriaRole.Button, new() { Name = "Resume the sending" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"#resume-{campaignId:N}", StringComparison.Ordinal));
        (await campaign.Locator(".step-state").InnerTextAsync()).Should().Be("sending", "the campaign carries on where it stood, at one notice a second");

        var cancel = page.Locator($"#cancel-{campaignId:N}");
        await cancel.GetByLabel("Reason").FillAsync("the notice text names the wrong hotline");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Cancel the campaign" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"#cancel-{campaignId:N}", StringComparison.Ordinal));
        (await campaign.Locator(".step-state").InnerTextAsync()).Should().Be("cancelled");
        (await campaign.InnerTextAsync()).Should().Contain("Cancelled: the notice text names the wrong hotline", "the reason is shown with the cancellation");
        (await page.Locator($"#cancel-{campaignId:N}, #resume-{campaignId:N}").CountAsync()).Should().Be(0, "a cancelled campaign takes no further control");

        await lee.ShouldBeAccessibleAsync();
        lee.ShouldHaveSeenNoConsoleError();
    }

    /// <summary>
    /// A campaign to the incident's people drafted, its preceding duties waived and approved by two people through the API, so it sends; answers its id.
    /// </summary>
    private async Task<Guid> SendingCampaignAsync(ResponseShop shop, (string California, string Everyone) templates, int ratePerMinute)
    {
        using var lead = shop.Lead();
        using var approver = fixture.ApiAs("ada.approver@demo-shop.example", IdentityProvider.DemoPeople.Organisation, Roles.Approver);
        var campaignId = await DraftCampaignAsync(lead, shop, templates, ratePerMinute);
        var ordering = System.Text.Json.Nodes.JsonNode.Parse(await lead.GetStringAsync($"/api/campaigns/{campaignId}/ordering"))!;
        foreach (var blocking in ordering["blocking"]!.AsArray())
        {
            await ResponseShop.SendAsync(lead, $"/api/incidents/{shop.IncidentId}/ordering-duties/waive",
                new { ruleId = blocking!["ruleId"]!.GetValue<string>(), justification = "journey about sending: the duty is handled outside the service" }, HttpStatusCode.OK);
        }

        await ResponseShop.SendAsync(lead, $"/api/campaigns/{campaignId}/approve", new { comment = "checked" }, HttpStatusCode.OK);
        await ResponseShop.SendAsync(approver, $"/api/campaigns/{campaignId}/approve", new { comment = "checked too" }, HttpStatusCode.OK);
        return campaignId;
    }

    /// <summary>
    /// A campaign to the incident's people drafted through the API, with the templates as <see cref="ResponseShop.ScopedWithApprovedTemplatesAsync"/>
    /// names them ("templateId:version"): California's own, and one for everyone else.
    /// </summary>
    private static async Task<Guid> DraftCampaignAsync(HttpClient lead, ResponseShop shop, (string California, string Everyone) templates, int ratePerMinute)
    {
        object Choice(string jurisdiction, string template) =>
            new { jurisdiction, templateId = template.Split(':')[0], version = int.Parse(template.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) };
        var drafted = await ResponseShop.SendAsync(lead, $"/api/incidents/{shop.IncidentId}/campaigns", new
        {
            name = "Card skimmer notice", channel = "email", ratePerMinute, templates = new[] { Choice("US-CA", templates.California), Choice("*", templates.Everyone) },
            content = new
            {
                whatHappened = "A script in our checkout copied card details as they were typed.", likelyConsequences = "Fraudulent card payments.",
                whatWeAreDoing = "We removed the script.", whatYouCanDo = "Watch your card statements.", organisationName = "Demo Shop Ltd",
                contactEmail = "privacy@demo-shop.example",
            },
        }, HttpStatusCode.Created);
        return drafted["id"]!.GetValue<Guid>();
    }

    private async Task<Visitor> SignedInAsync(string name, params string[] roles)
    {
        var visitor = await Visitor.ArriveAsync(fixture);
        await visitor.SignInAsAsync(name, roles);
        return visitor;
    }
}
