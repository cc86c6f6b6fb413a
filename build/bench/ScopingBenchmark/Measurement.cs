using System.Diagnostics;
using CaseManagement.Shops.Scoping;

namespace ScopingBenchmark;

/// <summary>One timed adapter run.</summary>
/// <param name="FirstPerson">Until the first person came out: the server's join and sort of every row in the window, as the adapter's ORDER BY needs it.</param>
/// <param name="ProcessCpu">CPU time this process used during the run (reading rows, assembling people, tallying, GC).</param>
internal sealed record AdapterRun(TimeSpan Elapsed, TimeSpan FirstPerson, TimeSpan ProcessCpu, long AllocatedBytes, long RowsScanned, MemoryPeak Memory, Counts Counts);

internal sealed record RawRun(TimeSpan Elapsed, Counts Counts);

internal static class Measurement
{
    /// <summary>Scopes the whole generation window as the scoping handler does: adapter stream into a <see cref="ScopeTally"/>, every data category.</summary>
    public static async Task<AdapterRun> AdapterAsync(BenchShop shop, CancellationToken ct)
    {
        Settle();
        var request = new ScopeRequest(BenchShop.From, BenchShop.To, PersonalData.Categories);
        var tally = new ScopeTally();
        var progress = new LastProgress();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var memory = PeakMemory.Start();
        var watch = Stopwatch.StartNew();
        TimeSpan? firstPerson = null;
        await foreach (var person in ShopScopers.For(shop.ReadOnlySettings).AffectedPeopleAsync(request, progress, ct))
        {
            firstPerson ??= watch.Elapsed;
            tally.Add(person);
        }

        var elapsed = watch.Elapsed;
        var peak = memory.Stop();
        process.Refresh();
        return new AdapterRun(elapsed, firstPerson ?? elapsed, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated,
            progress.RowsScanned, peak, new Counts(tally.People, tally.ResidenceUnknown, tally.ByJurisdiction));
    }

    public static async Task<RawRun> RawAsync(BenchShop shop, CancellationToken ct)
    {
        Settle();
        var watch = Stopwatch.StartNew();
        var counts = await RawAggregate.RunAsync(shop, BenchShop.From, BenchShop.To, ct);
        return new RawRun(watch.Elapsed, counts);
    }

    /// <summary>Differences between the two sides' counts, one line each; empty when they agree exactly.</summary>
    public static IReadOnlyList<string> Differences(Counts raw, Counts adapter)
    {
        var lines = new List<string>();
        if (raw.People != adapter.People)
        {
            lines.Add($"people: raw {raw.People:N0}, adapter {adapter.People:N0}");
        }

        if (raw.ResidenceUnknown != adapter.ResidenceUnknown)
        {
            lines.Add($"residence unknown: raw {raw.ResidenceUnknown:N0}, adapter {adapter.ResidenceUnknown:N0}");
        }

        foreach (var code in raw.ByJurisdiction.Keys.Union(adapter.ByJurisdiction.Keys).Order(StringComparer.Ordinal))
        {
            var (r, a) = (raw.ByJurisdiction.GetValueOrDefault(code), adapter.ByJurisdiction.GetValueOrDefault(code));
            if (r != a)
            {
                lines.Add($"{code}: raw {r:N0}, adapter {a:N0}");
            }
        }

        return lines;
    }

    // Each run starts from a collected heap, so one run's garbage is not charged to the next.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Keeps the adapter's last report synchronously; Progress&lt;T&gt; would post to the thread pool and could lag.</summary>
    private sealed class LastProgress : IProgress<ScopeProgress>
    {
        public long RowsScanned { get; private set; }

        public void Report(ScopeProgress value) => RowsScanned = value.RowsScanned;
    }
}
