using BenchSupport;
using CaseManagement.Shops;
using ScopingBenchmark;

if (!OptionReader.TryParse(args, BenchmarkOptions.Parse, BenchmarkOptions.Usage, out var options))
{
    return 2;
}

var ct = OptionReader.CancelOnCtrlC();

var results = new List<PlatformResult>();
MachineInfo? machine = null;
foreach (var platform in options.Platforms)
{
    var shop = new BenchShop(platform, options.Orders, options.Customers);
    Console.WriteLine($"{platform}: database {shop.Database} ({options.Orders:N0} orders, {options.Customers:N0} customers)");
    var (generation, reused) = await shop.EnsureAsync(options.Regenerate, ct);
    Console.WriteLine(reused
        ? $"  reused complete data (generated earlier at {generation.OrdersPerSecond:N0} orders/s)"
        : $"  generated {generation.Customers:N0} customers in {generation.CustomersElapsed.TotalSeconds:N1} s " +
          $"({generation.Customers / generation.CustomersElapsed.TotalSeconds:N0}/s), {generation.Orders:N0} orders in " +
          $"{generation.OrdersElapsed.TotalSeconds:N1} s ({generation.OrdersPerSecond:N0}/s)");
    machine ??= await MachineInfo.ReadAsync(shop, ct);
    var stored = await shop.StoredOrdersAsync(ct);

    // Warm-up: JIT, connection pool, buffer pool and OS page cache for both sides before anything is timed.
    Console.WriteLine("  warm-up: raw aggregate, adapter");
    var rawRuns = new List<RawRun> { await Measurement.RawAsync(shop, ct) };
    var adapterRuns = new List<AdapterRun> { await Measurement.AdapterAsync(shop, ct) };
    for (var run = 1; run <= options.Runs; run++)
    {
        // Interleaved so that cache state and background load on the shared server fall on both sides alike.
        var raw = await Measurement.RawAsync(shop, ct);
        Console.WriteLine($"  run {run}: raw aggregate {raw.Elapsed.TotalSeconds:N2} s");
        var adapter = await Measurement.AdapterAsync(shop, ct);
        Console.WriteLine($"  run {run}: adapter       {adapter.Elapsed.TotalSeconds:N2} s (first person after {adapter.FirstPerson.TotalSeconds:N2} s, " +
                          $"process CPU {adapter.ProcessCpu.TotalSeconds:N2} s, peak RSS {adapter.Memory.PeakRss / 1e6:N0} MB, " +
                          $"{adapter.RowsScanned:N0} rows, {adapter.Counts.People:N0} people)");
        rawRuns.Add(raw);
        adapterRuns.Add(adapter);
    }

    foreach (var (raw, adapter) in rawRuns.Zip(adapterRuns))
    {
        if (Measurement.Differences(raw.Counts, adapter.Counts) is { Count: > 0 } differences)
        {
            Console.Error.WriteLine($"{platform}: the raw aggregate and the adapter disagree:");
            differences.ToList().ForEach(d => Console.Error.WriteLine("  " + d));
            return 1;
        }
    }

    Console.WriteLine($"  counts identical on every run: {adapterRuns[0].Counts.People:N0} people in {adapterRuns[0].Counts.ByJurisdiction.Count} jurisdictions");
    results.Add(new PlatformResult(platform, shop.Database, generation, reused, stored, rawRuns.Skip(1).ToList(), adapterRuns.Skip(1).ToList()));
}

Console.WriteLine();
Console.WriteLine(Report.ConsoleTable(results));
if (options.Output is { } output)
{
    MarkdownSection.Write(output, Report.SectionTitle, Report.Markdown(options, machine!, results));
    Console.WriteLine($"Wrote the results to {output}.");
}

return 0;
