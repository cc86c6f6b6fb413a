using System.Diagnostics;
using System.Globalization;
using BenchSupport;
using CaseManagement.Shops;
using Fuzz;
using HeadlineBenchmark;
using MailSink;
using Npgsql;
using ScopingBenchmark;

// Issue 19's headline: the real service, from a signed alert about a 1,000,000-order shop to a campaign approved and planned,
// every step started by the benchmark through the HTTP API as soon as the previous one is done (machine time only), next to
// the raw SQL aggregate of the same shop. See docs/benchmarks.md.
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

if (!File.Exists(options.Service))
{
    Console.Error.WriteLine($"No built service at {options.Service}; build it (dotnet build src/CaseManagement -c Release) or use bash build/bench/run.sh headline.");
    return 2;
}

var ct = OptionReader.CancelOnCtrlC();
var machine = HostMachine.Read();
foreach (var platform in options.Platforms)
{
    if (platform != options.Platforms[0])
    {
        // The pass before keeps the load average up for a minute or so; the next one's "before" should be the machine's.
        await Task.Delay(TimeSpan.FromSeconds(90), ct);
    }

    var loadBefore = HostMachine.LoadAverageNow();
    var shop = new BenchShop(platform, options.Orders, options.Orders / 2);
    Console.WriteLine($"{platform}: database {shop.Database} ({options.Orders:N0} orders, {options.Orders / 2:N0} customers)");
    var (generation, reused) = await shop.EnsureAsync(regenerate: false, ct);
    Console.WriteLine(reused ? "  reused the complete shop" : $"  generated in {(generation.CustomersElapsed + generation.OrdersElapsed).TotalSeconds:N0} s");
    var warmShop = new BenchShop(platform, options.WarmUpOrders, options.WarmUpOrders / 2);
    await warmShop.EnsureAsync(regenerate: false, ct);

    var rawBefore = await Measurement.RawAsync(shop, ct);
    Console.WriteLine($"  raw aggregate: {Figures.Seconds(rawBefore.Elapsed)}, {rawBefore.Counts.People:N0} people");

    await using var mail = SmtpSink.Start();
    var evidence = Directory.CreateTempSubdirectory("casemanagement-headline-evidence").FullName;
    var log = Path.Combine(Path.GetTempPath(), $"casemanagement-headline-{platform.ToString().ToLowerInvariant()}.log");
    File.Delete(log);
    var settings = new Dictionary<string, string>
    {
        ["ConnectionStrings:Marten"] = await FreshDatabaseAsync("casemanagement_headline"),
        ["Evidence:Root"] = evidence,
        // The benchmark runs each shop's first pass itself before the flow; no scheduled pass falls inside the timed flow.
        ["Monitoring:IntervalMinutes"] = "60",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = mail.Port.ToString(CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Tls"] = "None",
        ["Notifications:Smtp:From"] = "notices@shop.test",
    };
    var starting = Stopwatch.StartNew();
    await using var service = await ServiceProcess.StartAsync(Path.GetFullPath(options.Service), settings, log);
    var ready = starting.Elapsed;
    Console.WriteLine($"  service ready in {Figures.Seconds(ready)} (log: {log})");
    var people = new People(
        await ApiAsync(service, "admin@shop.test", "admin"),
        await ApiAsync(service, "sam@shop.test", "responder", "compliance-lead"),
        await ApiAsync(service, "lee@shop.test", "compliance-lead"),
        await ApiAsync(service, "ada@shop.test", "approver"));

    // Warm-up: the same flow on a small shop, so the timed pass meets a service that has run before (handler code compiled,
    // connection pools open), as a real alert would.
    var warm = await HeadlineFlow.PrepareAsync(people, warmShop, $"warm-{warmShop.Database["shop_bench_".Length..].Replace('_', '-')}", ct);
    Console.WriteLine($"  warm-up on {warmShop.Database}:");
    var warmUp = await HeadlineFlow.RunAsync(people, warmShop, warm.Source, warm.Secret, $"warm-{Guid.NewGuid():N}", ct);

    var prepared = await HeadlineFlow.PrepareAsync(people, shop, shop.Database["shop_".Length..].Replace('_', '-'), ct);
    Console.WriteLine($"  {prepared.Shop} registered; its first monitoring pass took {Figures.Seconds(prepared.FirstPass)}");
    var loadAtStart = HostMachine.LoadAverageNow();
    Console.WriteLine($"  the headline flow on {shop.Database} (load average {loadAtStart}):");
    var flow = await HeadlineFlow.RunAsync(people, shop, prepared.Source, prepared.Secret, $"bench-{Guid.NewGuid():N}", ct);
    var loadAtEnd = HostMachine.LoadAverageNow();
    // Stopped before the second raw run, which then has the machine as the first one had.
    await service.DisposeAsync();
    var mails = mail.ReceivedCount;

    var rawAfter = await Measurement.RawAsync(shop, ct);
    Console.WriteLine($"  raw aggregate again: {Figures.Seconds(rawAfter.Elapsed)}");
    var result = new HeadlineResult(platform, shop.Database, await shop.StoredOrdersAsync(ct), options.Orders, reused, ready, prepared.FirstPass, warmUp.Total, flow,
        rawBefore, rawAfter, mails, loadBefore, loadAtStart, loadAtEnd, HostMachine.LoadAverageNow());
    Console.WriteLine(Report.Console(result));
    if (options.Output is { } output)
    {
        MarkdownSection.Write(output, Report.Title(platform), Report.Markdown(result, machine));
        Console.WriteLine($"Wrote {Report.Title(platform)} to {output}.");
    }

    Directory.Delete(evidence, recursive: true);
}

return 0;

async Task<Api> ApiAsync(ServiceProcess service, string subject, params string[] roles)
{
    var client = new HttpClient { BaseAddress = service.BaseUri, Timeout = TimeSpan.FromMinutes(5) };
    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await service.TokenAsync(subject, "bench", roles));
    return new Api(client);
}

// The service starts on an empty event store every run, so nothing from an earlier run is found, correlated or replayed.
static async Task<string> FreshDatabaseAsync(string name)
{
    var connection = await BenchDatabase.EnsureAsync(name);
    await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString))
    {
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", server);
        await drop.ExecuteNonQueryAsync();
    }

    return await BenchDatabase.EnsureAsync(name);
}
