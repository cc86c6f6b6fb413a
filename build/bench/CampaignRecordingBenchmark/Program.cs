using System.Diagnostics;
using System.Globalization;
using CaseManagement.Notifications;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Proofs;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;

// Benchmark (a) of the notification issue: N recipients through the campaign's recording pipeline (no channel) versus a
// raw batched INSERT of the same delivery rows, interleaved in one process run. See docs/benchmarks.md.
const string Title = "## Notifications: delivery recording pipeline vs raw batched INSERT";
const string Tenant = "bench";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var (recipients, runs, output) = (options.Recipients, options.Runs, options.Output);
var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = Environment.GetEnvironmentVariable("ConnectionStrings__MartenTests")
                 ?? "Host=127.0.0.1;Port=55432;Database=casemanagement_tests;Username=casemanagement;Password=casemanagement";

await using var store = DocumentStore.For(opts =>
{
    opts.Connection(connection);
    opts.DatabaseSchemaName = "bench_campaigns";
    opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
    opts.Events.TenancyStyle = TenancyStyle.Conjoined;
    opts.Policies.AllDocumentsAreMultiTenanted();
    opts.Events.StreamIdentity = StreamIdentity.AsGuid;
    opts.AutoCreateSchemaObjects = AutoCreate.All;
    // Exactly the service's mapping: the delivery records' indexes and the campaign snapshot.
    NotificationsModule.ConfigureStore(opts);
});
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
await using var raw = new NpgsqlConnection(connection);
await raw.OpenAsync();
await Execute(raw, """
    create table if not exists bench_campaigns.raw_delivery (
      id text primary key, campaign_id uuid not null, incident_id uuid not null, batch int not null, position int not null, person_id text not null,
      subject_id text not null, jurisdiction text, channel text not null, to_sha256 text, template text, rendered_sha256 text, status text not null,
      attempts int not null, provider_response text, provider_message_id text, reason text, first_attempt_at timestamptz not null,
      finished_at timestamptz not null, leaf_hash text not null);
    create index if not exists raw_delivery_campaign on bench_campaigns.raw_delivery (campaign_id);
    create index if not exists raw_delivery_batch on bench_campaigns.raw_delivery (batch);
    create index if not exists raw_delivery_subject on bench_campaigns.raw_delivery (subject_id);
    create index if not exists raw_delivery_incident on bench_campaigns.raw_delivery (incident_id);
    """);

var batches = (recipients + PlanCampaignHandler.BatchSize - 1) / PlanCampaignHandler.BatchSize;
Console.WriteLine($"{recipients:N0} recipients in {batches:N0} batches of {PlanCampaignHandler.BatchSize}; {runs} runs per side; PostgreSQL {raw.ServerVersion}");
await PipelineAsync(Math.Min(recipients, 20_000));
await RawAsync(Math.Min(recipients, 20_000));
var (pipeline, baseline) = (new List<Run>(), new List<Run>());
for (var run = 1; run <= runs; run++)
{
    foreach (var side in run % 2 == 1 ? new[] { "raw", "pipeline" } : ["pipeline", "raw"])
    {
        var result = side == "raw" ? await RawAsync(recipients) : await PipelineAsync(recipients);
        (side == "raw" ? baseline : pipeline).Add(result);
        Console.WriteLine($"  run {run}: {side,-8} {result.Elapsed.TotalSeconds,7:N2} s, {recipients / result.Elapsed.TotalSeconds,9:N0} records/s, peak RSS {result.PeakRss / 1e6:N0} MB");
    }
}

var (p, r) = (Median(pipeline), Median(baseline));
var ratio = r.TotalSeconds / p.TotalSeconds;
var peak = pipeline.Max(x => x.PeakRss);
Console.WriteLine($"\npipeline {p.TotalSeconds:N2} s, raw {r.TotalSeconds:N2} s, ratio {ratio:0.00}x (goal >= 0.50x), peak RSS {peak / 1e6:N0} MB");
if (output is not null)
{
    var inv = CultureInfo.InvariantCulture;
    var md = string.Join('\n',
        Title, "",
        "Goal (notification issue, benchmark a): 1,000,000 recipients through the recording pipeline (no channel) at least 0.5× the speed of a raw " +
        "batched INSERT of the same delivery rows in the same run (ratio = raw time / pipeline time), memory flat.", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {recipients:N0} recipients in {batches:N0} batches; medians of {runs} runs per side after a 20,000-record warm-up each, interleaved."), "",
        "| Side | Median | Records/s | Peak RSS |", "|---|--:|--:|--:|",
        string.Create(inv, $"| Raw batched INSERT (500 rows a statement, same columns and indexes) | {Figures.Seconds(r)} | {recipients / r.TotalSeconds:N0} | {Figures.Megabytes(baseline.Max(x => x.PeakRss))} |"),
        string.Create(inv, $"| Recording pipeline | {Figures.Seconds(p)} | {recipients / p.TotalSeconds:N0} | {Figures.Megabytes(peak)} |"),
        string.Create(inv, $"| **Ratio raw/pipeline** | **{ratio:0.00}×** ({(ratio >= 0.5 ? "met" : "**missed**")}) | | |"), "",
        "What each side does per batch of 500:", "",
        "- **Pipeline**: builds each `DeliveryRecord` and its canonical leaf hash, writes each with `SendCampaignBatchHandler.RecordAsync` " +
        "(one small transaction per delivery, as the handler does after each send), then `CountBatchAsync`: computes the batch's Merkle root over its " +
        "records and appends `CampaignBatchRecorded` to the campaign stream with its inline snapshot. The same code the service runs.",
        "- **Raw**: builds the same records and hashes, then one multi-row INSERT of the 500 rows into a plain table with the same columns and indexes " +
        "(primary key, campaign, batch, subject, incident). No events, no Merkle root.", "",
        "Reproduce: `bash build/db-up.sh`, then `dotnet run -c Release --project build/bench/CampaignRecordingBenchmark -- --output docs/benchmarks.md` " +
        "(`--recipients N`, `--runs K`). Tables are emptied before every run.", "",
        "Machine:", "",
        string.Join('\n', machine.MarkdownLines()),
        $"- PostgreSQL on 127.0.0.1 on the same machine, so both sides share its {machine.Cores} cores with the server; load average (1, 5, 15 min) " +
        $"{loadBefore} before and {HostMachine.LoadAverageNow()} after.");
    MarkdownSection.Write(output, Title, md);
}

return 0;

async Task<Run> PipelineAsync(int n)
{
    await store.Advanced.Clean.DeleteAllDocumentsAsync();
    await store.Advanced.Clean.DeleteAllEventDataAsync();
    var campaignId = Guid.CreateVersion7();
    var incidentId = Guid.CreateVersion7();
    await using (var session = store.LightweightSession(Tenant))
    {
        session.Events.StartStream<Campaign>(campaignId, Drafted(campaignId, incidentId), new CampaignPlanned(campaignId, (n + 499) / 500, n));
        await session.SaveChangesAsync();
    }

    return await TimeAsync(async () =>
    {
        for (var batch = 0; batch * 500 < n; batch++)
        {
            var all = new List<DeliveryRecord>(500);
            foreach (var record in Records(campaignId, incidentId, batch, Math.Min(500, n - batch * 500)))
            {
                all.Add(record);
                await SendCampaignBatchHandler.RecordAsync(store, Tenant, record, CancellationToken.None);
            }

            await using var ledger = store.LightweightSession(Tenant);
            ledger.Events.Append(campaignId, SendCampaignBatchHandler.CountBatch(campaignId, batch, all, DateTimeOffset.UtcNow));
            await ledger.SaveChangesAsync();
        }
    });
}

async Task<Run> RawAsync(int n)
{
    await Execute(raw, "truncate bench_campaigns.raw_delivery");
    var campaignId = Guid.CreateVersion7();
    var incidentId = Guid.CreateVersion7();
    return await TimeAsync(async () =>
    {
        for (var batch = 0; batch * 500 < n; batch++)
        {
            var rows = Records(campaignId, incidentId, batch, Math.Min(500, n - batch * 500)).ToList();
            await using var insert = new NpgsqlCommand { Connection = raw };
            var values = new List<string>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var d = rows[i];
                values.Add(string.Create(CultureInfo.InvariantCulture,
                    $"(@id{i},@c{i},@inc{i},@b{i},@p{i},@per{i},@s{i},@j{i},@ch{i},@to{i},@t{i},@r{i},@st{i},@a{i},@pr{i},@pm{i},@re{i},@f{i},@fi{i},@l{i})"));
                object?[] v = [d.Id, d.CampaignId, d.IncidentId, d.Batch, d.Position, d.PersonId, d.SubjectId, d.Jurisdiction, d.Channel, d.ToSha256, d.Template,
                    d.RenderedSha256, d.Status, d.Attempts, d.ProviderResponse, d.ProviderMessageId, d.Reason, d.FirstAttemptAt, d.FinishedAt, d.LeafHash];
                string[] names = ["id", "c", "inc", "b", "p", "per", "s", "j", "ch", "to", "t", "r", "st", "a", "pr", "pm", "re", "f", "fi", "l"];
                for (var k = 0; k < v.Length; k++)
                {
                    insert.Parameters.AddWithValue($"{names[k]}{i}", v[k] ?? DBNull.Value);
                }
            }

            insert.CommandText = "insert into bench_campaigns.raw_delivery values " + string.Join(',', values);
            await insert.ExecuteNonQueryAsync();
        }
    });
}

static IEnumerable<DeliveryRecord> Records(Guid campaignId, Guid incidentId, int batch, int count)
{
    var now = DateTimeOffset.UtcNow;
    for (var position = 0; position < count; position++)
    {
        var person = $"{campaignId:N}:{batch:D6}{position:D4}";
        yield return new DeliveryRecord
        {
            Id = DeliveryRecord.IdFor(campaignId, person), CampaignId = campaignId, IncidentId = incidentId, Batch = batch, Position = position, PersonId = person,
            SubjectId = $"ds_{batch:D6}{position:D4}", Jurisdiction = position % 3 == 0 ? "US-CA" : "DE", Channel = "email",
            ToSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(batch * 1000L + position))),
            Template = "eu-notice:v1", RenderedSha256 = "9f2c0e5a7b1d3c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6", Status = DeliveryRecord.Sent, Attempts = 1,
            ProviderResponse = "250 2.0.0 Ok: queued as 4F2A9C", ProviderMessageId = "4F2A9C", FirstAttemptAt = now, FinishedAt = now,
        }.Sealed();
    }
}

static CampaignDrafted Drafted(Guid campaignId, Guid incidentId) => new(campaignId, incidentId, "bench", Guid.CreateVersion7(), "email", null,
    [new TemplateChoice("*", "eu-notice", 1, "00")],
    new NoticeContent("REF", "Bench", DateTimeOffset.UtcNow, "x", "x", "x", "x", null, null, "Shop", "privacy@shop.test", null, null, null), 1_000_000, false);

static async Task<Run> TimeAsync(Func<Task> work)
{
    GC.Collect();
    PeakRss.Reset();
    var watch = Stopwatch.StartNew();
    await work();
    return new Run(watch.Elapsed, PeakRss.Read());
}

static TimeSpan Median(List<Run> runs) => runs.Select(r => r.Elapsed).Order().ElementAt(runs.Count / 2);

static async Task Execute(NpgsqlConnection c, string sql)
{
    await using var command = new NpgsqlCommand(sql, c);
    await command.ExecuteNonQueryAsync();
}

internal sealed record Run(TimeSpan Elapsed, long PeakRss);

internal sealed record Options(int Recipients, int Runs, string? Output)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/CampaignRecordingBenchmark -- [options]
          --recipients N   delivery records per run and side (default 1000000)
          --runs K         measured runs per side after a warm-up (default 3)
          --output FILE    write the results into FILE's section "Notifications: delivery recording pipeline vs raw batched INSERT"
        PostgreSQL: ConnectionStrings__MartenTests, else the local server build/db-up.sh starts.
        """;

    public static Options Parse(OptionReader args)
    {
        var options = new Options(1_000_000, 3, null);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--recipients" => options with { Recipients = args.Positive() },
                "--runs" => options with { Runs = args.Positive() },
                "--output" => options with { Output = args.Value() },
                _ => throw args.Unknown(),
            };
        }

        return options;
    }
}
