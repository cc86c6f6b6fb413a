using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace CaseManagement.Audit.Reports.Rendering;

/// <summary>Where Chromium is and how long a PDF may take (section "Reports").</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    public int PdfTimeoutSeconds { get; set; } = 60;

    /// <summary>Chromium needs a few hundred MB per render; more at once only queue on a small server.</summary>
    public int MaxConcurrentPdfRenders { get; set; } = 2;
}

/// <summary>Chromium could not turn the page into a PDF in time; nothing was served or recorded.</summary>
public sealed class PdfRenderingFailed(string message) : Exception(message);

/// <summary>
/// Prints a report's HTML page to PDF with headless Chromium, so the PDF is exactly the printable page. Each render gets
/// its own private temp folder (the page, the profile, the PDF), deleted afterwards; a render over the time limit is
/// killed with its child processes.
/// </summary>
public sealed class ChromiumPdf(IOptions<ReportsOptions> options, ILogger<ChromiumPdf> log)
{
    private readonly SemaphoreSlim _renders = new(Math.Max(1, options.Value.MaxConcurrentPdfRenders));

    /// <summary>Why PDF cannot be produced on this server and how to enable it, or null when it can.</summary>
    public string? Unavailable() => File.Exists(options.Value.ChromiumPath)
        ? null
        : $"PDF export needs Chromium, and there is none at '{options.Value.ChromiumPath}'. Install it (Debian: apt-get install chromium; " +
          "build/run.sh and build/test.sh do this) or set Reports__ChromiumPath to its location. The json, csv and html formats work without it.";

    public async Task<byte[]> RenderAsync(byte[] html, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.PdfTimeoutSeconds);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var folder = Directory.CreateTempSubdirectory("casemanagement-pdf-");
        try
        {
            await _renders.WaitAsync(limit.Token);
            try
            {
                return await RenderInAsync(folder.FullName, html, limit.Token);
            }
            finally
            {
                _renders.Release();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PdfRenderingFailed($"Chromium did not finish the PDF within {timeout.TotalSeconds:0} s (Reports__PdfTimeoutSeconds).");
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                log.LogWarning(ex, "Could not delete the PDF work folder {Folder}", folder.FullName);
            }
        }
    }

    private async Task<byte[]> RenderInAsync(string folder, byte[] html, CancellationToken ct)
    {
        var page = Path.Combine(folder, "report.html");
        var pdf = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(page, html, ct);
        var start = new ProcessStartInfo(options.Value.ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
                 [
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run", "--no-pdf-header-footer",
                     $"--user-data-dir={Path.Combine(folder, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        // Caches and crash reports that Chromium writes under the home folder stay inside the work folder too.
        start.Environment["HOME"] = folder;
        start.Environment["XDG_CONFIG_HOME"] = folder;
        start.Environment["XDG_CACHE_HOME"] = folder;

        using var chromium = Start(start);
        var output = chromium.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = chromium.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await chromium.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            // Let it go before its work folder is deleted.
            chromium.WaitForExit(TimeSpan.FromSeconds(5));
            throw;
        }

        await Task.WhenAll(output, errors);
        if (chromium.ExitCode != 0 || !File.Exists(pdf))
        {
            log.LogWarning("Chromium exited with {ExitCode} without a PDF: {Errors}", chromium.ExitCode, errors.Result);
            throw new PdfRenderingFailed($"Chromium exited with code {chromium.ExitCode} without writing the PDF; the server log has its output.");
        }

        return await File.ReadAllBytesAsync(pdf, ct);
    }

    private Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new PdfRenderingFailed($"Chromium at '{options.Value.ChromiumPath}' did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new PdfRenderingFailed($"Chromium at '{options.Value.ChromiumPath}' could not be started: {ex.Message}.");
        }
    }
}
