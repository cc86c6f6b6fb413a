using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManagement.Alerts;
using CaseManagement.Security;
using CaseManagement.Security.Authentication;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Issue 17's intake benchmark: signed alerts POSTed to /api/alerts by N concurrent senders, a share of them repeats of earlier ones
// (deduplicated as sightings), against raw INSERTs of the same payload bytes by as many concurrent writers, in one process run.
const string Title = "## Alerts: signed intake with deduplication vs raw inserts";
const string Organisation = "bench";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = await BenchDatabase.EnsureAsync("casemanagement_bench_alerts");
await using (var reset = new NpgsqlConnection(connection))
{
    await reset.OpenAsync();
    await new NpgsqlCommand("drop schema if exists casemanagement cascade; drop schema if exists wolverine cascade; " +
                            "drop table if exists public.bench_raw_alert; create table public.bench_raw_alert " +
                            "(id bigserial primary key, source uuid not null, received_at timestamptz not null default now(), body jsonb not null)", reset)
        .ExecuteNonQueryAsync();
}

JasperFxEnvironment.AutoStartHost = true;
// The factory's content root is the service's project folder (run.sh runs from the repository root).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CASEMANAGEMENT", Path.GetFullPath("src/CaseManagement"));
await using var service = new WebApplicationFactory<CaseManagement.Paging.PagingOptions>().WithWebHostBuilder(b =>
{
    b.UseEnvironment("Development");
    b.UseSetting("ConnectionStrings:Marten", connection);
    b.UseSetting("CaseManagement:SeedDemoIncident", "false");
    b.UseSetting("Escalation:Enabled", "false");
    b.UseSetting("Logging:LogLevel:Default", "Warning");
});
var client = service.CreateClient();
var token = service.Services.GetRequiredService<DevTokenIssuer>().Issue("bench.admin@shop.test", Organisation, [Roles.Admin, Roles.Responder], TimeSpan.FromHours(2));
var (sourceId, key) = await RegisterSourceAsync();

// Every payload is built before either side runs, so both write exactly the same bytes.
var payloads = Payloads("evt", options.Alerts, options.DuplicatePercent);
await ServiceAsync(Payloads("warm", options.Senders * 4, 0));
await using var raw = NpgsqlDataSource.Create(connection);
await RawAsync(payloads[..(options.Senders * 4)]);

var (serviceRate, serviceP99, serviceFailures) = await ServiceAsync(payloads);
var (rawRate, rawP99, _) = await RawAsync(payloads);
var correlated = await CorrelationBacklogAsync();

var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"service {serviceRate:N0} alerts/s (p99 {serviceP99:N1} ms, {serviceFailures} not 202); raw {rawRate:N0} inserts/s (p99 {rawP99:N1} ms)"));
if (options.Output is { } output)
{
    var loadAfter = HostMachine.LoadAverageNow();
    var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
    MarkdownSection.Write(output, Title, string.Join('\n', new[]
    {
        Title, "",
        "Done when (issue 17): alert intake with deduplication at a sustained rate, alerts per second and p99 at 50 concurrent senders, " +
        "against raw inserts of the same payloads in the same run. Measured by `bash build/bench/run.sh alerts` (build/bench/AlertIntakeBenchmark).", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {options.Alerts:N0} alerts, {options.DuplicatePercent}% of them repeats of an earlier " +
                           $"one, {options.Senders} concurrent senders, each sending its next alert when the last was answered; both sides warmed first. " +
                           $"Load average before {loadBefore}, after {loadAfter} (the machine was shared with other sessions' builds and tests).") + busy, "",
        "| Side | Alerts/s | p99 latency | Not accepted |", "|---|--:|--:|--:|",
        string.Create(inv, $"| Service: `POST /api/alerts`, signed (Standard Webhooks), deduplicated | {serviceRate:N0} | {serviceP99:N1} ms | {serviceFailures} |"),
        string.Create(inv, $"| Raw: one `INSERT` of the same bytes into a jsonb table per alert | {rawRate:N0} | {rawP99:N1} ms | – |"), "",
        string.Create(inv, $"**Service / raw: {serviceRate / rawRate:0.00}× the throughput, {serviceP99 / rawP99:0.0}× the p99.** ") +
        (correlated is { } drained
            ? string.Create(inv, $"Correlation (its own sequential queue, after the 202) placed the last alert {drained.TotalSeconds:0.0} s after the last delivery was answered.")
            : "Correlation had not placed every alert 120 s after the last delivery was answered; its queue is sequential by design (ADR 23)."), "",
        "- **Service**: the whole HTTP pipeline in process (ASP.NET Core's test server: no sockets), the source looked up, the signature and " +
        "timestamp checked, the replay guard, the payload kept, the (source, reference) and fingerprint deduplication, the alert's stream " +
        "started or a sighting appended, the correlation message stored in the same transaction; answered 202.",
        "- **Raw**: the same payload bytes, one INSERT each on a pooled Npgsql connection, nothing else.",
        "- **Repeats**: a repeat carries the reference of an alert sent before it, so it is answered as a sighting of that alert.",
    }.Concat(machine.MarkdownLines())));
}

return 0;

async Task<(Guid, byte[])> RegisterSourceAsync()
{
    var store = service.Services.GetRequiredService<IDocumentStore>();
    await using (var session = store.LightweightSession(Organisation))
    {
        var vault = service.Services.GetRequiredService<PiiVault>();
        session.Store(new RegisteredShop
        {
            Id = "bench-shop", Platform = ShopPlatform.WooCommerce, Host = "127.0.0.1", Port = 3306, Database = "bench", User = "bench",
            Password = await vault.ProtectAsync(session, "shop/bench-shop", "not-used", CancellationToken.None), TablePrefix = "wp_",
        });
        await session.SaveChangesAsync();
    }

    var body = JsonSerializer.Serialize(new
    {
        name = "bench-wordpress", format = "generic", shop = "bench-shop",
        mapping = new
        {
            reference = new { path = "event.id" }, title = new { path = "event.summary" }, indicator = new { path = "event.actor.login" },
            severity = new { path = "event.level", values = new[] { new { @is = "warning", to = "medium" } }, @default = "low" },
            kind = new { path = "event.type", values = new[] { new { @is = "admin_created", to = "account-takeover" } }, @default = "other" },
        },
    });
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alert-sources") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await client.SendAsync(request);
    var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Registering the source failed: {(int)response.StatusCode} {created}");
    }

    return (created["source"]!["id"]!.GetValue<Guid>(), Convert.FromBase64String(created["secret"]!.GetValue<string>()["whsec_".Length..]));
}

// A new alert names a new actor, so the fingerprint (shop, kind, indicator) does not fold it into another: only repeats deduplicate.
static string[] Payloads(string prefix, int count, int duplicatePercent)
{
    var random = new Random(17);
    var sent = new List<int>();
    return [.. Enumerable.Range(0, count).Select(i =>
    {
        var n = sent.Count > 0 && random.Next(100) < duplicatePercent ? sent[random.Next(sent.Count)] : i;
        sent.Add(n);
        return JsonSerializer.Serialize(new
        {
            @event = new { id = $"{prefix}-{n}", type = "admin_created", summary = "New administrator account created", level = "warning", actor = new { login = $"{prefix}-user-{n}" } },
        });
    })];
}

async Task<(double Rate, double P99, int Failures)> ServiceAsync(string[] bodies) => await RunAsync(bodies, async body =>
{
    var id = $"msg_{Guid.NewGuid():N}";
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts?source={sourceId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    request.Headers.TryAddWithoutValidation("webhook-id", id);
    request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp);
    request.Headers.TryAddWithoutValidation("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
    using var response = await client.SendAsync(request);
    return (int)response.StatusCode == 202;
});

async Task<(double Rate, double P99, int Failures)> RawAsync(string[] bodies) => await RunAsync(bodies, async body =>
{
    await using var insert = raw.CreateCommand("insert into public.bench_raw_alert (source, body) values ($1, $2::jsonb)");
    insert.Parameters.Add(new NpgsqlParameter { Value = sourceId });
    insert.Parameters.Add(new NpgsqlParameter { Value = body });
    return await insert.ExecuteNonQueryAsync() == 1;
});

// The senders share one queue of payloads, in order, so a repeat is sent after (or alongside) the alert it repeats.
async Task<(double Rate, double P99, int Failures)> RunAsync(string[] bodies, Func<string, Task<bool>> send)
{
    var latencies = new double[bodies.Length];
    var next = -1;
    var failures = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < bodies.Length)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await send(bodies[i]))
            {
                Interlocked.Increment(ref failures);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    })));
    var elapsed = clock.Elapsed;
    Array.Sort(latencies);
    return (bodies.Length / elapsed.TotalSeconds, latencies[(int)Math.Ceiling(latencies.Length * 0.99) - 1], failures);
}

async Task<TimeSpan?> CorrelationBacklogAsync()
{
    var clock = Stopwatch.StartNew();
    await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
    while (clock.Elapsed < TimeSpan.FromSeconds(120))
    {
        if (!await session.Query<Alert>().AnyAsync(a => a.Status == AlertStatus.New))
        {
            return clock.Elapsed;
        }

        await Task.Delay(250);
    }

    return null;
}

internal sealed record Options(int Alerts, int Senders, int DuplicatePercent, string? Output)
{
    public const string Usage = "AlertIntakeBenchmark [--alerts 5000] [--senders 50] [--duplicates 30] [--output docs/benchmarks.md]";

    public static Options Parse(OptionReader reader)
    {
        var options = new Options(5000, 50, 30, null);
        while (reader.Next() is { } name)
        {
            options = name switch
            {
                "--alerts" => options with { Alerts = reader.Positive() },
                "--senders" => options with { Senders = reader.Positive() },
                "--duplicates" => options with { DuplicatePercent = Math.Min(reader.Positive(), 90) },
                "--output" => options with { Output = reader.Value() },
                _ => throw reader.Unknown(),
            };
        }

        return options;
    }
}
