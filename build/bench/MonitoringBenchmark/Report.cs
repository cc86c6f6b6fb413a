using System.Globalization;
using System.Text;
using BenchSupport;
using CaseManagement.Shops;

namespace MonitoringBenchmark;

internal static class Report
{
    public const string SectionTitle = "## Shop monitoring: one pass over a large shop";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("N3", Invariant) + " s";

    private static string Name(ShopPlatform p) => p == ShopPlatform.WooCommerce ? "WooCommerce (HPOS)" : "Magento 2";

    public static string Markdown(ScopingBenchmark.BenchmarkOptions options, HostMachine machine, string loadBefore, string loadAfter, IReadOnlyList<PlatformResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine(SectionTitle);
        md.AppendLine();
        md.AppendLine("Issue 17 asks for one monitoring pass over a 1,000,000-order shop per platform: time and peak memory. The baseline is the " +
                      "same statements as raw SQL: every SELECT the pass sent, recorded on the wire, replayed on one plain MySqlConnector connection " +
                      "with every value read (ratio = raw time / pass time).");
        md.AppendLine();
        md.AppendLine(Invariant, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {options.Orders:N0} orders and {options.Customers:N0} customers per shop; " +
                                 $"medians of {options.Runs} runs per side after one warm-up each, raw and pass interleaved in one process. " +
                                 $"Load average (1, 5, 15 min) {loadBefore} before, {loadAfter} after.");
        if (machine.BusyWarning(loadBefore, loadAfter) is { } busy)
        {
            md.AppendLine();
            md.AppendLine(busy);
        }

        md.AppendLine();
        md.AppendLine("| Platform | Statements | Rows read | Raw SQL | Pass | Ratio raw/pass | Pass: process CPU | Peak RSS (pass) | Observed |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var r in results)
        {
            var pass = r.Passes.OrderBy(p => p.Elapsed).ElementAt(r.Passes.Count / 2);
            md.AppendLine(Invariant, $"| {Name(r.Platform)} | {r.Statements} | {r.Raws[0].Rows:N0} | {Seconds(r.RawMedian)} | {Seconds(r.PassMedian)} | " +
                                     $"**{r.Ratio:N2}×** | {Seconds(pass.ProcessCpu)} | {r.Passes.Max(p => p.PeakRssBytes) / 1e6:N0} MB | {pass.Observed} |");
        }

        md.AppendLine();
        md.AppendLine("All measured runs (warm-ups excluded):");
        md.AppendLine();
        md.AppendLine("| Platform | Run | Raw SQL | Pass | Pass: process CPU | Peak RSS |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            for (var i = 0; i < r.Passes.Count; i++)
            {
                var p = r.Passes[i];
                md.AppendLine(Invariant, $"| {Name(r.Platform)} | {i + 1} | {Seconds(r.Raws[i].Elapsed)} | {Seconds(p.Elapsed)} | {Seconds(p.ProcessCpu)} | {p.PeakRssBytes / 1e6:N0} MB |");
            }
        }

        md.AppendLine();
        md.AppendLine("### Machine and data");
        md.AppendLine();
        foreach (var line in machine.MarkdownLines())
        {
            md.AppendLine(line);
        }

        md.AppendLine("- MariaDB on 127.0.0.1 (`build/db-up.sh`, server defaults), on the same machine, so client and server share the cores.");
        md.AppendLine(Invariant, $"- The scoping benchmark's generated shops ({string.Join(", ", results.Select(r => $"`{r.Database}`"))}), reused when complete.");
        md.AppendLine("  The generator writes customers and orders only, so for the pass to find something the benchmark adds marked rows before " +
                      "measuring and removes them afterwards:");
        foreach (var r in results)
        {
            md.AppendLine(Invariant, $"  - {Name(r.Platform)}: {ShopFootprint.Describe(r.Platform)}.");
        }

        md.AppendLine();
        md.AppendLine("### Reproduce");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("bash build/bench/run.sh monitoring");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("Options: `--orders N`, `--customers N`, `--platform woocommerce|magento|both`, `--runs K`, `--regenerate` (see `--help`).");
        md.AppendLine();
        md.AppendLine("### What is measured");
        md.AppendLine();
        md.AppendLine("- **Pass**: `ShopReading.ReadAsync`, what the monitoring handler reads from a shop (`ShopObservation.ReadAsync`): privileged " +
                      "accounts, credentials and webhooks, export traces, extensions, failed-login counters, and the containment playbook's skimmer " +
                      "scan of options/configuration and published content; each query in a read-only transaction of its own, as the read-only user. " +
                      "Peak RSS is the kernel's high-water mark of the whole process, reset before each pass.");
        md.AppendLine("- **Raw SQL**: the pass's SELECT statements as the server received them (MySqlConnector puts parameter values into the text), " +
                      "recorded by a pass-through proxy during the unmeasured first pass, run one after another on one connection; no transactions, " +
                      "no parsing of serialized PHP, no mapping.");
        md.AppendLine();
        md.AppendLine("### What is not measured");
        md.AppendLine();
        md.AppendLine("- The pass's decisions against the baseline (`BaselineDecisions`, pure code over a few hundred items), alert intake of findings " +
                      "and the Marten writes of the pass log: they do not grow with the shop.");
        md.AppendLine("- A network between service and shop database, cold caches (both sides are warm), and a shop under live traffic.");
        return md.ToString();
    }
}
