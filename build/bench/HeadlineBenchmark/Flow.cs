using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManagement.Shops;
using ScopingBenchmark;

namespace HeadlineBenchmark;

/// <summary>One timed step: what the service was asked, and how long until it was done.</summary>
internal sealed record Step(string Name, TimeSpan Elapsed, string Detail);

/// <summary>What one pass from alert to campaign found and took.</summary>
internal sealed record FlowResult(IReadOnlyList<Step> Steps, long People, long Jurisdictions, int Obligations, int OrderingDuties, long Recipients, long Batches)
{
    public TimeSpan Total => Steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed);

    public TimeSpan Scoping => Steps.Single(s => s.Name == HeadlineFlow.ScopingStep).Elapsed;
}

/// <summary>The people the flow acts as: a second approval, of templates and of the campaign, must come from another person.</summary>
internal sealed record People(Api Admin, Api Responder, Api Lead, Api Approver);

/// <summary>
/// From an alert to a campaign ready to send, through the HTTP API as README documents it. Every step starts as soon as the
/// previous one is done; a step that the service finishes in the background (triage, scoping, the deadline view, the
/// campaign's plan) ends when a read shows it done, polled every <see cref="Poll"/>.
/// </summary>
internal static class HeadlineFlow
{
    public const string ScopingStep = "Scoping run over the whole order window";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);
    private static readonly string[] DataCategories = ["email", "name", "postal-address", "payment-card"];

    /// <summary>What a shop has before any alert: registered, monitored (its first pass done) and an alert source of its own. Not timed as part of the flow.</summary>
    public static async Task<(string Shop, string Source, string Secret, TimeSpan FirstPass)> PrepareAsync(People people, BenchShop shop, string name, CancellationToken ct)
    {
        var port = new MySqlConnector.MySqlConnectionStringBuilder(shop.ReadOnlyConnectionString).Port;
        await people.Admin.PostAsync("/api/shops", new
        {
            name, platform = shop.Platform == ShopPlatform.WooCommerce ? "woocommerce" : "magento", host = "127.0.0.1", port = (int)port, database = shop.Database,
            user = "casemanagement", password = "casemanagement", readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro",
            tablePrefix = shop.TablePrefix, timeZone = "UTC",
        });
        // Registration starts monitoring; its first pass reads the whole shop and records the baseline. A shop is registered long
        // before an alert, so that pass is run now, before the flow, instead of sharing the cores with it (the schedule's next one
        // is an hour away: Monitoring:IntervalMinutes).
        var watch = Stopwatch.StartNew();
        var pass = await people.Responder.PostAsync($"/api/shops/{name}/monitoring/passes", new { });
        if (pass["outcome"]?.GetValue<string>() is { } outcome && outcome.Contains("fail", StringComparison.OrdinalIgnoreCase))
        {
            throw new HeadlineFailure($"the first monitoring pass of {name} failed: {pass.ToJsonString()}");
        }

        var firstPass = watch.Elapsed;
        var source = await people.Admin.PostAsync("/api/alert-sources", new
        {
            name = $"{name}-plugin", format = "generic", shop = name,
            mapping = new
            {
                reference = new { path = "event.id" },
                occurredAt = new { path = "event.at", format = "unix-seconds" },
                title = new { path = "event.summary" },
                severity = new { path = "event.level", values = new[] { new { @is = "critical", to = "critical" } }, @default = "low" },
                kind = new { path = "event.type", values = new[] { new { @is = "skimmer_detected", to = "checkout-skimmer" } }, @default = "other" },
                indicator = new { path = "event.host" },
            },
        });
        return (name, source["source"]!["id"]!.GetValue<string>(), source["secret"]!.GetValue<string>(), firstPass);
    }

    public static async Task<FlowResult> RunAsync(People people, BenchShop shop, string source, string secret, string tag, CancellationToken ct)
    {
        var steps = new List<Step>();

        var alertId = await TimeAsync(steps, "Signed alert received (202)", async () =>
        {
            var at = DateTimeOffset.UtcNow;
            var body = JsonSerializer.Serialize(new
            {
                @event = new { id = $"evt-{tag}", at = at.ToUnixTimeSeconds(), type = "skimmer_detected", summary = "Card skimmer in checkout", level = "critical", host = $"cdn-{tag}.example" },
            });
            var id = $"msg_{tag}";
            var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var accepted = await people.Responder.PostRawAsync($"/api/alerts?source={source}", body, new Dictionary<string, string>
            {
                ["webhook-id"] = id, ["webhook-timestamp"] = timestamp, ["webhook-signature"] = Sign(secret, id, timestamp, body),
            });
            return (accepted["alertId"]!.GetValue<string>(), "a critical checkout-skimmer alert, Standard Webhooks signature");
        });

        var item = await TimeAsync(steps, "Alert triaged into an item", async () =>
        {
            var alert = await people.Responder.UntilAsync($"/api/alerts/{alertId}", a => a["triageItemId"] is JsonValue, Poll, Limit, "triage of the alert");
            return (alert["triageItemId"]!.GetValue<string>(), "correlation found no open incident: a new triage item");
        });

        var incident = await TimeAsync(steps, "Triage item promoted to an incident", async () =>
        {
            var created = await people.Responder.PostAsync($"/api/triage/{item}/promote", new { reason = "skimmer confirmed in the checkout page source" });
            return (created["id"]!.GetValue<string>(), "severity from the alert");
        });

        await TimeAsync(steps, "Awareness recorded", async () =>
        {
            await people.Responder.PostAsync($"/api/incidents/{incident}/record-awareness", new { awareAt = DateTimeOffset.UtcNow, reason = "skimmer confirmed" });
            return (0, "regulator clocks start");
        });

        await TimeAsync(steps, "Scoping requested", async () =>
        {
            await people.Responder.PostAsync($"/api/incidents/{incident}/scope", new { from = BenchShop.From, to = BenchShop.To, dataCategories = DataCategories });
            return (0, $"{BenchShop.From:yyyy-MM-dd} – {BenchShop.To:yyyy-MM-dd}, every order of the shop");
        });

        var (scoped, jurisdictions) = await TimeAsync(steps, ScopingStep, async () =>
        {
            var runs = await people.Responder.UntilAsync($"/api/incidents/{incident}/scope",
                s => s["latest"]?["status"]?.GetValue<string>() is "completed" || s["latest"]?["status"]?.GetValue<string>() is "failed" ? true : false, Poll, Limit,
                "the scoping run");
            if (runs["latest"]!["status"]!.GetValue<string>() != "completed")
            {
                throw new HeadlineFailure($"the scoping run failed: {runs["latest"]!.ToJsonString()}");
            }

            await people.Responder.UntilAsync($"/api/incidents/{incident}", i => i["status"]?.GetValue<string>() == "scoped", Poll, Limit, "the incident's scoped status");
            var found = runs["latest"]!["peopleFound"]!.GetValue<long>();
            var places = runs["latest"]!["result"]?["peopleByJurisdiction"]?.AsObject().Count ?? 0;
            return ((found, (long)places), $"{found:N0} people in {places} jurisdictions, stored encrypted for notification; the incident is scoped");
        });

        var (obligations, dated) = await TimeAsync(steps, "Deadlines read", async () =>
        {
            var version = (await people.Responder.GetAsync($"/api/incidents/{incident}"))["version"]!.GetValue<long>();
            var deadlines = await people.Responder.UntilAsync($"/api/incidents/{incident}/deadlines", d => d["computedFromVersion"]!.GetValue<long>() >= version, Poll, Limit,
                "the deadlines computed from the scoped incident");
            var list = deadlines["obligations"]!.AsArray();
            var due = list.Count(o => o?["dueAt"] is JsonValue);
            return ((list.Count, due), $"{list.Count} obligations from the affected counts, {due} with a due date");
        });

        var (ca, eu) = await TimeAsync(steps, "Notice templates drafted and approved", async () =>
        {
            var california = await ApprovedTemplateAsync(people, $"ca-{tag}", "US-CA");
            var everyoneElse = await ApprovedTemplateAsync(people, $"eu-{tag}", "EU");
            return ((california, everyoneElse), "California's and the EU example as drafts by one lead, approved by another");
        });

        var campaign = await TimeAsync(steps, "Campaign drafted from the scope", async () =>
        {
            var drafted = await people.Responder.PostAsync($"/api/incidents/{incident}/campaigns", Campaign(ca, eu));
            return (drafted["id"]!.GetValue<string>(), "e-mail, US-CA its own template, everyone else the EU one");
        });

        var duties = await TimeAsync(steps, "Duties that must precede the notice acknowledged", async () =>
        {
            var blocking = (await people.Lead.GetAsync($"/api/campaigns/{campaign}/ordering"))["blocking"]!.AsArray();
            foreach (var duty in blocking)
            {
                await people.Approver.PostAsync($"/api/incidents/{incident}/ordering-duties/acknowledge",
                    new { ruleId = duty!["ruleId"]!.GetValue<string>(), note = "the recipient receives the same notice today" });
            }

            return (blocking.Count, $"{blocking.Count} duties (attorneys general and the like), acknowledged by a second person");
        });

        await TimeAsync(steps, "First approval (compliance lead)", async () =>
        {
            await people.Lead.PostAsync($"/api/campaigns/{campaign}/approve", new { });
            return (0, "");
        });

        await TimeAsync(steps, "Second approval (approver): sending starts", async () =>
        {
            await people.Approver.PostAsync($"/api/campaigns/{campaign}/approve", new { });
            return (0, "another person; the campaign is started");
        });

        var (recipients, batches) = await TimeAsync(steps, "Campaign planned: every batch handed out", async () =>
        {
            var planned = await people.Responder.UntilAsync($"/api/campaigns/{campaign}", c => c["total"] is JsonValue, Poll, Limit, "the campaign's plan");
            var total = planned["total"]!.GetValue<long>();
            return ((total, (total + 499) / 500), $"{total:N0} recipients in batches of 500, ready to send");
        });

        // Not part of the measurement: nobody is to receive 500,000 e-mails from a benchmark.
        await people.Lead.PostAsync($"/api/campaigns/{campaign}/pause", new { reason = "benchmark: the campaign was only to be made ready" });
        return new FlowResult(steps, scoped, jurisdictions, obligations, duties, recipients, batches);
    }

    private static async Task<T> TimeAsync<T>(List<Step> steps, string name, Func<Task<(T Value, string Detail)>> step)
    {
        var watch = Stopwatch.StartNew();
        var (value, detail) = await step();
        steps.Add(new Step(name, watch.Elapsed, detail));
        Console.WriteLine($"    {watch.Elapsed.TotalSeconds,8:N2} s  {name}{(detail.Length > 0 ? $": {detail}" : "")}");
        return value;
    }

    /// <summary>Standard Webhooks: v1,base64(HMAC-SHA256(key, "id.timestamp.body")), the key the base64 after "whsec_".</summary>
    private static string Sign(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    /// <summary>The shipped example for the jurisdiction, drafted by the responder-lead and approved by the other lead (nobody approves their own).</summary>
    private static async Task<(string Id, int Version)> ApprovedTemplateAsync(People people, string templateId, string jurisdiction)
    {
        var example = await people.Responder.GetAsync($"/api/notice-templates/examples/{jurisdiction}?language=en");
        var draft = await people.Responder.PostAsync("/api/notice-templates", new
        {
            templateId, channel = "email", language = "en", jurisdiction = example["jurisdiction"]!.GetValue<string>(),
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        });
        var version = draft["template"]!["version"]!.GetValue<int>();
        await people.Lead.PostAsync($"/api/notice-templates/{templateId}/versions/{version}/approve", new { });
        return (templateId, version);
    }

    // The slowest rate a campaign accepts: the pause after the plan comes before more than a mail or two leaves.
    private static object Campaign((string Id, int Version) california, (string Id, int Version) everyoneElse) => new
    {
        name = "Card skimmer notice",
        channel = "email",
        templates = new[]
        {
            new { jurisdiction = "US-CA", templateId = california.Id, version = california.Version },
            new { jurisdiction = "*", templateId = everyoneElse.Id, version = everyoneElse.Version },
        },
        content = new
        {
            whatHappened = "Someone added a script to our checkout that sent the card details you entered to a server of theirs.",
            likelyConsequences = "Payments you did not make may appear on that card.",
            whatWeAreDoing = "The script is gone, the administrator account that added it is locked, and the card brands know.",
            whatYouCanDo = "Watch your card statements, and ask your bank to replace the card.",
            organisationName = "Benchmark Shop Ltd",
            contactEmail = "privacy@bench.test",
        },
        ratePerMinute = 60,
    };
}
