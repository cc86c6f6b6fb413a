using CaseManagement.Audit.Reports.Rendering;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>Printing to PDF: a clear answer without Chromium, a time limit, and nothing left behind in the temp folder.</summary>
public sealed class the_pdf_renderer : IDisposable
{
    private readonly string _fakeChromium = Path.Combine(Path.GetTempPath(), $"fake-chromium-{Guid.NewGuid():N}.sh");

    [Fact]
    public void without_chromium_it_says_where_it_looked_and_how_to_enable_pdf()
    {
        var pdf = Renderer("/nowhere/chromium");

        pdf.Unavailable().Should().Contain("'/nowhere/chromium'").And.Contain("apt-get install chromium").And.Contain("Reports__ChromiumPath")
            .And.Contain("json, csv and html formats work without it");
    }

    [Fact]
    public async Task a_render_over_the_time_limit_is_stopped_and_its_work_folder_removed()
    {
        var pdf = Renderer(FakeChromium("exec sleep 30"), timeoutSeconds: 1);
        var before = WorkFolders();

        var render = () => pdf.RenderAsync("<html></html>"u8.ToArray(), CancellationToken.None);

        (await render.Should().ThrowAsync<PdfRenderingFailed>()).WithMessage("*within 1 s*");
        WorkFolders().Should().BeEquivalentTo(before, "the page, profile and PDF of a render are deleted afterwards");
    }

    [Fact]
    public async Task a_chromium_that_fails_is_reported_without_its_output_reaching_the_client()
    {
        var pdf = Renderer(FakeChromium("echo 'secret path /var/x' >&2; exit 3"));

        var render = () => pdf.RenderAsync("<html></html>"u8.ToArray(), CancellationToken.None);

        (await render.Should().ThrowAsync<PdfRenderingFailed>()).Which.Message.Should().Contain("code 3").And.NotContain("secret path");
    }

    public void Dispose() => File.Delete(_fakeChromium);

    private static ChromiumPdf Renderer(string path, int timeoutSeconds = 60) =>
        new(Options.Create(new ReportsOptions { ChromiumPath = path, PdfTimeoutSeconds = timeoutSeconds }), NullLogger<ChromiumPdf>.Instance);

    private string FakeChromium(string script)
    {
        File.WriteAllText(_fakeChromium, $"#!/bin/sh\n{script}\n");
        File.SetUnixFileMode(_fakeChromium, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return _fakeChromium;
    }

    private static string[] WorkFolders() => Directory.GetDirectories(Path.GetTempPath(), "casemanagement-pdf-*");
}
