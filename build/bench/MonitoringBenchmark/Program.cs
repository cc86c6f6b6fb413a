using System.Diagnostics;
using BenchSupport;
using CaseManagement.Shops;
using CaseManagement.Shops.Detection;
using MonitoringBenchmark;
using MySqlConnector;
using ScopingBenchmark;

if (!OptionReader.TryParse(args, BenchmarkOptions.Parse, Bench.Usage, out var options))
{
    return 2;
}

var ct = OptionReader.CancelOnCtrlC();
var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var results = new List<PlatformResult>();
foreach (var platform in options.Platforms)
{
    var shop = new BenchShop(platform, options.Orders, options.Customers);
    Console.WriteLine($"{platform}: database {shop.Database} ({options.Orders:N0} orders, {options.Customers:N0} customers)");
    // A footprint left by an interrupted run would fail the completion check and regenerate the shop.
    await ShopFootprint.RemoveAsync(shop, ct);
    var (_, reused) = await shop.EnsureAsync(options.Regenerate, ct);
    Console.WriteLine(reused ? "  reused complete data" : "  generated");
    await ShopFootprint.PlantAsync(shop, ct);
    try
    {
        results.Add(await MeasureAsync(shop, options.Runs, ct));
    }
    finally
    {
        await ShopFootprint.RemoveAsync(shop, CancellationToken.None);
    }
}

var loadAfter = HostMachine.LoadAverageNow();
foreach (var r in results)
{
    Console.WriteLine($"{r.Platform}: raw {r.RawMedian.TotalSeconds:N3} s, pass {r.PassMedian.TotalSeconds:N3} s, ratio raw/pass {r.Ratio:N2}x");
}

if (options.Output is { } output)
{
    MarkdownSection.Write(output, Report.SectionTitle, Report.Markdown(options, machine, loadBefore, loadAfter, results));
    Console.WriteLine($"Wrote the results to {output}.");
}

return 0;

static async Task<PlatformResult> MeasureAsync(BenchShop shop, int runs, CancellationToken ct)
{
    // Unmeasured first pass through the recorder: it records the statements the baseline replays and warms both sides' caches.
    IReadOnlyList<string> statements;
    var server = new MySqlConnectionStringBuilder(shop.ReadOnlyConnectionString);
    await using (var recorder = new StatementRecorder((int)server.Port))
    {
        var recorded = new MySqlConnectionStringBuilder(shop.ReadOnlyConnectionString) { Port = (uint)recorder.Port, SslMode = MySqlSslMode.None, Pooling = false };
        await ShopReading.ReadAsync(shop.ReadOnlySettings with { ConnectionString = recorded.ConnectionString }, Bench.StatementTimeout, ct);
        statements = recorder.Statements;
    }

    Console.WriteLine($"  recorded {statements.Count} SELECT statements; warm-up of the raw replay");
    await RawReplay.RunAsync(shop.ReadOnlyConnectionString, statements, ct);
    var raws = new List<RawRun>();
    var passes = new List<PassRun>();
    for (var run = 1; run <= runs; run++)
    {
        // Interleaved so that cache state and background load on the shared server fall on both sides alike.
        Settle();
        var raw = await RawReplay.RunAsync(shop.ReadOnlyConnectionString, statements, ct);
        Settle();
        var pass = await PassRun.MeasureAsync(shop, ct);
        Console.WriteLine($"  run {run}: raw {raw.Elapsed.TotalSeconds:N3} s ({raw.Rows:N0} rows), pass {pass.Elapsed.TotalSeconds:N3} s " +
                          $"(CPU {pass.ProcessCpu.TotalSeconds:N2} s, peak RSS {pass.PeakRssBytes / 1e6:N0} MB, {pass.Observed})");
        raws.Add(raw);
        passes.Add(pass);
    }

    return new PlatformResult(shop.Platform, shop.Database, statements.Count, raws, passes);
}

static void Settle()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

namespace MonitoringBenchmark
{
    /// <summary>One measured pass: <see cref="ShopReading.ReadAsync"/> as the monitoring handler calls it, as the read-only user.</summary>
    internal sealed record PassRun(TimeSpan Elapsed, TimeSpan ProcessCpu, long PeakRssBytes, string Observed)
    {
        public static async Task<PassRun> MeasureAsync(BenchShop shop, CancellationToken ct)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            if (PeakRss.Available)
            {
                PeakRss.Reset();
            }

            var watch = Stopwatch.StartNew();
            var read = await ShopReading.ReadAsync(shop.ReadOnlySettings, Bench.StatementTimeout, ct);
            var elapsed = watch.Elapsed;
            process.Refresh();
            var observed = $"{read.Admins.Count} admins, {read.Credentials.Count} credentials, {read.Extensions.Count} extensions, {read.Exports.Count} exports, " +
                           $"{read.FailedLogins.Counters.Count} failed-login counters, {read.Skimmers.Findings.Count} skimmer findings";
            return new PassRun(elapsed, process.TotalProcessorTime - cpu, PeakRss.Available ? PeakRss.Read() : Environment.WorkingSet, observed);
        }
    }

    internal sealed record PlatformResult(ShopPlatform Platform, string Database, int Statements, IReadOnlyList<RawRun> Raws, IReadOnlyList<PassRun> Passes)
    {
        public TimeSpan RawMedian => Median.Of(Raws.Select(r => r.Elapsed));

        public TimeSpan PassMedian => Median.Of(Passes.Select(p => p.Elapsed));

        public double Ratio => RawMedian / PassMedian;
    }

    internal static class Bench
    {
        /// <summary>The monitoring module's default statement limit (MonitoringOptions.StatementTimeoutSeconds).</summary>
        public static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(60);

        public const string Usage = """
            Usage: dotnet run -c Release --project build/bench/MonitoringBenchmark -- [options]
              --orders N            orders per shop (default 1000000)
              --customers N         registered customers per shop (default 500000)
              --platform P          woocommerce | magento | both (default both)
              --runs K              measured runs per side after one warm-up (default 3)
              --output FILE         write the results into FILE's section "Shop monitoring: one pass over a large shop"
              --regenerate          drop and regenerate the benchmark shops even if they are complete
            The shops are the scoping benchmark's (shop_bench_<platform>_<orders>), generated once and reused.
            MariaDB: 127.0.0.1:$CM_MARIADB_PORT (default 53306), as build/db-up.sh starts it.
            """;
    }
}
