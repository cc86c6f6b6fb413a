using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CaseManagement.Audit.Chain;
using CaseManagement.Incidents;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Evaluation;
using CaseManagement.Web.Pages.Incidents;
using IdentityProvider;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Issue 16's page benchmark: every page a person opens about one incident of N events, and across incidents, requested
// over HTTP on loopback from the real service (in this process, Kestrel, Development) after a real sign-in through the
// demo identity provider. The figure is ASP.NET Core's own request duration (http.server.request.duration: from the
// request's headers read to the response's last byte written), against a raw SQL read of the incident's rows
// interleaved with it. See docs/benchmarks.md.
const string Title = "## Pages: every page over HTTP vs raw SQL read";
// The demo identity provider's organisation: the tenant the signed-in person reads.
const string Tenant = DemoPeople.Organisation;
const string Person = "demo.lead@demo-shop.example";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var (count, runs, output) = (options.Events, options.Runs, options.Output);
var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = await BenchDatabase.EnsureAsync("casemanagement_bench_pages");
var clock = new SteppingClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));
var incidentId = Guid.Parse($"019a0000-0000-7000-8001-{count:D12}");
await EnsureIncidentAsync();
await using var raw = NpgsqlDataSource.Create(connection);

var requests = new ConcurrentQueue<(string? Route, int Status, double Seconds)>();
using var meters = ListenToRequestDurations(requests);
await using var identity = await DemoIdentityProvider.StartAsync(new IdentityProviderOptions { Environment = "Development" });
await using var service = new ServiceFactory(connection, identity.Url);
service.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
service.StartServer();
var serviceUrl = new Uri(service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
await identity.AllowRedirectUriAsync(new Uri(serviceUrl, "/signin-oidc"));
using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
{
    BaseAddress = serviceUrl, Timeout = TimeSpan.FromMinutes(2),
};
await SignInAsync();
await WaitForListAsync();

var id = incidentId;
Page[] pages =
[
    new("Start page", "/"),
    new("Incident list", "/incidents"),
    new($"Incident page, now ({count:N0} events)", $"/incidents/{id}"),
    new($"Incident page, as of version {count / 2:N0}", $"/incidents/{id}?version={count / 2}"),
    new($"Diff, version {count / 2:N0} to {count:N0}", $"/incidents/{id}/diff?from={count / 2}&to={count}"),
    new("Scoping", $"/incidents/{id}/scoping"),
    new("Containment", $"/incidents/{id}/containment"),
    new("Notifications", $"/incidents/{id}/notifications"),
    new("Submissions", $"/incidents/{id}/notifications/submissions"),
    new("Notice template (new)", $"/incidents/{id}/notifications/templates/breach-notice"),
    new("Deadline board", "/deadlines"),
    new("Approvals inbox", "/approvals"),
    new("Auditor page", "/audit"),
    new("Auditor page, the incident", $"/audit?incident={id}"),
    new("Auditor page, every chain verified", "/audit?handler=verify"),
    new("Admin", "/admin"),
    new("Shops", "/shops"),
    new("Paging", "/paging"),
];
var raws = new List<TimeSpan>();
// The incident page's data alone, as the page model reads it, to tell reading from rendering.
(string Label, long? Version, List<TimeSpan> Times)[] dossiers = [($"now ({count:N0} events)", null, []), ($"as of version {count / 2:N0}", count / 2, [])];
var serviceStore = service.Services.GetRequiredService<IDocumentStore>();
const int WarmUps = 3;
for (var run = 1 - WarmUps; run <= runs; run++)
{
    // Each run starts one page later, so no page is always measured right after the same one.
    var start = (run + WarmUps) % pages.Length;
    foreach (var page in pages.Skip(start).Concat(pages.Take(start)))
    {
        var (server, client, bytes) = await RequestAsync(page);
        var rawRead = await RawAsync();
        if (run >= 1)
        {
            page.Server.Add(server);
            page.Client.Add(client);
            page.Bytes = bytes;
            raws.Add(rawRead);
        }
    }

    foreach (var dossier in dossiers)
    {
        var data = await DossierAsync(dossier.Version);
        if (run >= 1)
        {
            dossier.Times.Add(data);
        }
    }
}

var rawMedian = Median.Of(raws);
foreach (var page in pages)
{
    Console.WriteLine($"  {page.Label,-36} server {Ms(Median.Of(page.Server)),9}  client {Ms(Median.Of(page.Client)),9}  {page.Bytes / 1024.0,7:0.0} KiB");
}

Console.WriteLine($"  {"Raw SQL read (" + count + " rows)",-36} {Ms(rawMedian),16}");
foreach (var dossier in dossiers)
{
    Console.WriteLine($"  {"Incident page data, " + dossier.Label,-36} {Ms(Median.Of(dossier.Times)),16}");
}

var slowest = pages.MaxBy(p => Median.Of(p.Server))!;
var met = Median.Of(slowest.Server) < TimeSpan.FromMilliseconds(200);
Console.WriteLine($"\nslowest page: {slowest.Label}, median {Ms(Median.Of(slowest.Server))} server time (goal < 200 ms: {(met ? "met" : "missed")})");
if (output is not null)
{
    WriteReport(output);
}

return 0;

void WriteReport(string file)
{
    var inv = CultureInfo.InvariantCulture;
    var loadAfter = HostMachine.LoadAverageNow();
    var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
    var over = pages.Where(p => Median.Of(p.Server) >= TimeSpan.FromMilliseconds(200)).Select(p => p.Label).ToList();
    var rows = pages.Select(p => string.Create(inv,
        $"| {p.Label} | `{p.Path.Replace(id.ToString(), "{id}", StringComparison.Ordinal)}` | {Ms(Median.Of(p.Server))} | {Ms(Median.Of(p.Client))} | {Median.Of(p.Server) / rawMedian:0.0}× | {p.Bytes / 1024.0:0.0} KiB |"));
    var md = string.Join('\n',
        Title, "",
        "Goal (issue 16): every page renders in under 200 ms server time for an incident with 1,000 events. Measured here: every page a " +
        "person opens about that incident and across incidents, requested over HTTP on loopback from the real service with a real " +
        "sign-in, Razor rendering included, against a raw SQL read of the incident's rows in the same run.", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: one incident of {count:N0} events; medians of {runs} requests per page after {WarmUps} warm-up rounds; each page's request followed by one raw read, the pages' order rotated every round.") + busy, "",
        "| Page | Route | Server time (median) | Client wall time (median, upper bound) | Server / raw | HTML |", "|---|---|--:|--:|--:|--:|",
        string.Join('\n', rows),
        string.Create(inv, $"| Raw SQL read ({count:N0} rows) | | {Ms(rawMedian)} | | 1.0× | |"), "",
        "The incident page's data alone, in the same rounds: `IncidentDossier.LoadAsync` on a query session of the service's own store, " +
        "as the page model calls it; the rest of the page's server time is rendering, the middleware and writing the response.", "",
        "| Incident page data | Median | Data / raw |", "|---|--:|--:|",
        string.Join('\n', dossiers.Select(d => string.Create(inv, $"| {d.Label} | {Ms(Median.Of(d.Times))} | {Median.Of(d.Times) / rawMedian:0.0}× |"))), "",
        string.Create(inv, $"**Slowest: {slowest.Label}, {Ms(Median.Of(slowest.Server))} at the median** (goal < 200 ms server time): ") +
        (met ? "met for every page." : $"**missed** by {string.Join("; ", over)}."), "",
        "- **Server time**: ASP.NET Core's own `http.server.request.duration` (the `Microsoft.AspNetCore.Hosting` meter, read with a " +
        "`MeterListener` in the process): from the request's headers read to the response's last byte written, so the page model's " +
        "reads, Razor's rendering, the middleware (authentication of the session cookie, antiforgery, security headers) and the " +
        "response's writing are all in it. Every response was checked to be 200 with a body.",
        "- **Client wall time**: the benchmark's own `HttpClient` on loopback, from sending to the last byte read; it includes the client and " +
        "the network stack, so it is an upper bound on the server's time.",
        "- **The service**: the real service in the benchmark's process (`WebApplicationFactory` with Kestrel on a loopback port, " +
        "Development, its async daemon running), on its own database; the person signed in through the demo identity provider's page " +
        "(authorization code with PKCE, the session cookie the pages accept) as Dana Demo with every role, so every page answers.",
        "- **Raw SQL read**: one statement on a pooled connection reading every column of the incident's rows, nothing deserialized.",
        "- **The incident**: `IncidentDetected`, then notes, responder assignments, severity classifications, data categories, encryption and " +
        "affected counts, one a minute of a stepping clock, written straight into the event store and linked into its hash chain as the service links every event (no scoping records, containment " +
        "actions, notification campaigns, submissions, notice templates, approvals, pages or on-call roster: those pages render their " +
        "empty states for it; each page's last answer is kept in artifacts/bench/pages/ to read).", "",
        "Reproduce: `bash build/bench/run.sh pages` (options after the name: `--events N`, `--runs K`).", "",
        "Machine:", "",
        string.Join('\n', machine.MarkdownLines()),
        $"- PostgreSQL on 127.0.0.1 on the same machine, sharing its {machine.Cores} cores; load average (1, 5, 15 min) " +
        $"{loadBefore} before and {loadAfter} after.");
    MarkdownSection.Write(file, Title, md);
}

async Task EnsureIncidentAsync()
{
    var storeOptions = EventStoreConfiguration.Options(connection, clock, AutoCreate.CreateOrUpdate);
    // Linked into the hash chain as the service links every event (ADR 21), so the auditor page verifies a whole chain.
    storeOptions.Listeners.Add(new ChainLinker(NullLogger<ChainLinker>.Instance));
    await using var store = new DocumentStore(storeOptions);
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    await using (var query = store.QuerySession(Tenant))
    {
        // A stream written before the deadline history was projected (ADR 40) or unlinked has what it lacks: written again.
        if ((await query.Events.FetchStreamStateAsync(incidentId))?.Version == count
            && await DeadlineHistory.KeptAsync(query, incidentId, CancellationToken.None) is not null
            && await query.LoadAsync<ChainLink>(ChainLinking.LinkId(incidentId, count)) is not null)
        {
            return;
        }
    }

    // Anew, with the service's own tables and views, so no view of an earlier run's incident is left behind.
    await using (var own = new NpgsqlConnection(connection))
    {
        await own.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {EventStoreConfiguration.Schema} cascade; drop schema if exists wolverine cascade;", own);
        await drop.ExecuteNonQueryAsync();
    }

    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    await using var session = store.LightweightSession(Tenant);
    session.Events.StartStream<Incident>(incidentId, [.. Events(incidentId, clock.Start)]);
    await session.SaveChangesAsync();
}

IEnumerable<object> Events(Guid stream, DateTimeOffset start)
{
    yield return new IncidentDetected(stream, "Card skimmer injected into checkout", "shop-bench", IncidentKind.CheckoutSkimmer, start, start,
        "monitoring", "A script on the checkout page sent card fields to an unknown host.", ["payment-card", "contact"]);
    for (var i = 1; i < count; i++)
    {
        yield return (i % 25) switch
        {
            0 => new SeverityClassified(stream, (Severity)(i / 25 % 3), $"Reassessed after finding {i}"),
            1 => new ResponderAssigned(stream, $"responder-{i % 37}@shop.example", null),
            2 => new DataCategoriesRecorded(stream, ["payment-card", "contact", i % 2 == 0 ? "address" : "account"], "Found in the exfiltration log"),
            3 => new EncryptionStatusRecorded(stream, i % 2 == 0 ? EncryptionStatus.Unencrypted : EncryptionStatus.EncryptedKeySafe, "Checked the vault"),
            4 => new AffectedCountsRecorded(stream, [new AffectedCount("DE", 1_200 + i), new AffectedCount("US-CA", 300 + i)], "scoping", "Orders while live"),
            _ => new NoteAdded(stream, $"Note {i}: checked the access log for the skimmer's host; nothing after the plugin was disabled."),
        };
    }
}

// The identity provider's page as a browser sees it: its hidden fields (antiforgery token, the authorization request), every
// role ticked, and the button of the person; the answer goes back to the service, which sets its session cookie.
async Task SignInAsync()
{
    using var form = await browser.GetAsync("/");
    var html = await form.Content.ReadAsStringAsync();
    var fields = SignInForm.HiddenField().Matches(html).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
    if (fields.Count == 0)
    {
        throw new InvalidOperationException($"Expected the identity provider's sign-in page at {form.RequestMessage?.RequestUri}, got {(int)form.StatusCode}.");
    }

    fields.AddRange(DemoPeople.RoleNames.Select(role => KeyValuePair.Create("role", role)));
    fields.Add(KeyValuePair.Create("person", Person));
    using var signedIn = await browser.PostAsync(new Uri(identity.Url, "connect/authorize"), new FormUrlEncodedContent(fields));
    var welcome = await signedIn.Content.ReadAsStringAsync();
    if (signedIn.StatusCode != HttpStatusCode.OK || !welcome.Contains("Welcome, Dana Demo", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Signing in ended at {signedIn.RequestMessage?.RequestUri} with {(int)signedIn.StatusCode}, not the start page.");
    }
}

// The incident list is an async view: measured once the daemon has put the incident on it.
async Task WaitForListAsync()
{
    var waited = Stopwatch.StartNew();
    while (!(await browser.GetStringAsync("/incidents")).Contains(incidentId.ToString(), StringComparison.Ordinal))
    {
        if (waited.Elapsed > TimeSpan.FromMinutes(3))
        {
            throw new InvalidOperationException("The incident list did not show the incident within 3 minutes.");
        }

        await Task.Delay(500);
    }
}

async Task<(TimeSpan Server, TimeSpan Client, int Bytes)> RequestAsync(Page page)
{
    requests.Clear();
    var watch = Stopwatch.StartNew();
    using var response = await browser.GetAsync(page.Path);
    var body = await response.Content.ReadAsByteArrayAsync();
    var client = watch.Elapsed;
    if (response.StatusCode != HttpStatusCode.OK || body.Length == 0 || response.RequestMessage?.RequestUri?.PathAndQuery != page.Path)
    {
        throw new InvalidOperationException($"{page.Label}: {page.Path} answered {(int)response.StatusCode} at {response.RequestMessage?.RequestUri}: " +
            System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 600))));
    }

    // The duration is recorded when the request ends on the server, which can be just after the client read its last byte.
    var waited = Stopwatch.StartNew();
    (string? Route, int Status, double Seconds) request;
    while (!requests.TryDequeue(out request))
    {
        if (waited.Elapsed > TimeSpan.FromSeconds(10))
        {
            throw new InvalidOperationException($"{page.Label}: no request duration was recorded.");
        }

        await Task.Delay(1);
    }

    // What was rendered, to read: artifacts/bench/pages/<page>.html.
    var saved = Path.Combine("artifacts", "bench", "pages", Regex.Replace(page.Label.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-') + ".html");
    Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
    await File.WriteAllBytesAsync(saved, body);
    return (TimeSpan.FromSeconds(request.Seconds), client, body.Length);
}

async Task<TimeSpan> DossierAsync(long? version)
{
    var watch = Stopwatch.StartNew();
    await using var session = serviceStore.QuerySession(Tenant);
    var (dossier, problem) = await IncidentDossier.LoadAsync(session, incidentId, null, version, DateTimeOffset.UtcNow, CancellationToken.None);
    var elapsed = watch.Elapsed;
    return problem is null && dossier!.Incident.Version == (version ?? count) ? elapsed
        : throw new InvalidOperationException($"The incident page's data read version {dossier?.Incident.Version} ({problem?.Detail}).");
}

async Task<TimeSpan> RawAsync()
{
    var watch = Stopwatch.StartNew();
    await using var command = raw.CreateCommand(
        $"select {RawEventRows.Columns} from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id = @id order by version");
    command.Parameters.AddWithValue("tenant", Tenant);
    command.Parameters.AddWithValue("id", incidentId);
    var rows = await RawEventRows.ReadAllAsync(command);

    return rows >= count ? watch.Elapsed : throw new InvalidOperationException($"raw read saw {rows} rows, expected {count}");
}

static MeterListener ListenToRequestDurations(ConcurrentQueue<(string? Route, int Status, double Seconds)> into)
{
    var listener = new MeterListener
    {
        InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: "Microsoft.AspNetCore.Hosting", Name: "http.server.request.duration" })
            {
                l.EnableMeasurementEvents(instrument);
            }
        },
    };
    listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
    {
        string? route = null;
        var status = 0;
        foreach (var tag in tags)
        {
            (route, status) = tag.Key switch
            {
                "http.route" => (tag.Value as string, status),
                "http.response.status_code" => (route, Convert.ToInt32(tag.Value, CultureInfo.InvariantCulture)),
                _ => (route, status),
            };
        }

        into.Enqueue((route, status, seconds));
    });
    listener.Start();
    return listener;
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0 ms", CultureInfo.InvariantCulture);

internal sealed record Page(string Label, string Path)
{
    public List<TimeSpan> Server { get; } = [];
    public List<TimeSpan> Client { get; } = [];
    public int Bytes { get; set; }
}

internal static partial class SignInForm
{
    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    public static partial Regex HiddenField();
}

/// <summary>The service as the browser tests host it: Development, its own database, sign-in through the given provider.</summary>
internal sealed class ServiceFactory(string database, Uri identityProvider) : WebApplicationFactory<CaseManagement.Web.Pages.StartModel>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        JasperFxEnvironment.AutoStartHost = true;
        builder.UseEnvironment("Development");
        // A test project learns the service's content root from the attribute Mvc.Testing generates; a console program does not.
        builder.UseSolutionRelativeContentRoot("src/CaseManagement");
        builder.UseSetting("ConnectionStrings:Marten", database);
        builder.UseSetting("CaseManagement:SeedDemoIncident", "false");
        builder.UseSetting("Escalation:Enabled", "false");
        builder.UseDemoIdentityProvider(identityProvider);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

internal sealed record Options(int Events, int Runs, string? Output)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/PagesBenchmark -- [options]
          --events N       events in the incident's stream (default 1000)
          --runs K         measured requests per page after 3 warm-up rounds (default 11)
          --output FILE    write the results into FILE's section "Pages: every page over HTTP vs raw SQL read"
        """;

    public static Options Parse(OptionReader args)
    {
        var options = new Options(1_000, 11, null);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--events" => options with { Events = args.Positive() },
                "--runs" => options with { Runs = args.Positive() },
                "--output" => options with { Output = args.Value() },
                _ => throw args.Unknown(),
            };
        }

        return options;
    }
}
