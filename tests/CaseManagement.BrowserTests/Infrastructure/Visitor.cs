using System.Text.Json;
using FluentAssertions;
using Microsoft.Playwright;

namespace CaseManagement.BrowserTests.Infrastructure;

/// <summary>
/// One person at one browser: signs in through the identity provider's page, walks the pages, and checks each with
/// axe-core. Every console error (a script error, a CSP violation) and every script, style or image that fails to load is
/// collected and fails the journey.
/// </summary>
public sealed class Visitor : IAsyncDisposable
{
    private static readonly Lazy<string> AxeSource = new(LoadAxe);

    private readonly List<string> consoleErrors = [];

    private Visitor(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // Failed loads are judged below: a refused page (400, 403) is asserted where a test expects it.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
            {
                consoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                consoleErrors.Add($"{page.Url}: {response.Request.ResourceType} {response.Url} answered {response.Status}");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add($"{page.Url}: {error}");
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<Visitor> ArriveAsync(WebFixture fixture, bool javaScript = true)
    {
        var context = await fixture.NewVisitorAsync(javaScript);
        // Through the DevTools protocol, which the page's CSP does not govern: axe is the test's, not the page's.
        await context.AddInitScriptAsync(AxeSource.Value);
        return new Visitor(context, await context.NewPageAsync());
    }

    /// <summary>Opens the service, is sent to the identity provider, picks the person (and roles) and comes back.</summary>
    public async Task SignInAsAsync(string name, params string[] roles)
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to CaseManagement" }).WaitForAsync();
        foreach (var role in roles)
        {
            await Page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {name}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {name}" }).WaitForAsync();
    }

    /// <summary>Follows a link of the main navigation.</summary>
    public Task OpenFromMenuAsync(string section) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();

    /// <summary>axe-core's serious and critical findings on the page as it is now, as readable lines.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityProblemsAsync()
    {
        var violations = await Page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))");
        return [.. violations.EnumerateArray().Select(v =>
            $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}")];
    }

    public async Task ShouldBeAccessibleAsync() =>
        (await AccessibilityProblemsAsync()).Should().BeEmpty("axe-core should find no serious or critical violation on {0}", Page.Url);

    /// <summary>
    /// Writes the page as docs/images/ui/&lt;name&gt;.png, the picture docs/ui.md shows: the whole page up to three screens
    /// tall, since a page full of the test database's duties would otherwise make a picture of several megabytes.
    /// </summary>
    public async Task ScreenshotForDocsAsync(string name)
    {
        var height = await Page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var width = Page.ViewportSize?.Width ?? 1280;
        await Page.ScreenshotAsync(new()
        {
            Path = RepositoryFiles.PathOf("docs", "images", "ui", name + ".png"), FullPage = true,
            Clip = new() { X = 0, Y = 0, Width = width, Height = Math.Min(height, 2400) },
        });
    }

    public void ShouldHaveSeenNoConsoleError() =>
        consoleErrors.Should().BeEmpty("the pages should run without script errors or Content-Security-Policy violations");

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private static string LoadAxe()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Vendor", "axe-core");
        var vendored = VendoredFile.Read(folder);
        var path = Path.Combine(folder, vendored.File);
        VendoredFile.ActualSha256(path).Should().Be(vendored.Sha256, "the vendored {0} {1} must be the file recorded in vendored.json", vendored.Package, vendored.Version);
        return File.ReadAllText(path);
    }
}
