using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace Fuzz;

/// <summary>
/// What the hostile requests point at: a registered shop, incidents, a notice template, an API key, a feed subscription,
/// a checkpoint, a containment run with its evidence, all made with valid requests before the run, and the words the
/// service knows for fields such as kind or jurisdiction.
/// </summary>
public sealed class Fixtures
{
    public const string Organisation = "fuzz";

    private static readonly Dictionary<string, string[]> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = ["checkout-skimmer", "account-takeover", "plugin-compromise", "leaked-api-key", "sql-injection", "other"],
        ["severity"] = ["low", "medium", "high", "critical"],
        ["channel"] = ["email", "sms"],
        ["jurisdiction"] = ["US-CA", "EU", "DE", "GB", "*"],
        ["jurisdictions"] = ["US-CA", "EU", "DE"],
        ["playbook"] = ["checkout-skimmer", "leaked-api-key", "plugin-compromise", "account-takeover", "sql-injection"],
        ["status"] = ["detected", "contained", "closed", "unencrypted"],
        ["encryption"] = ["unencrypted", "encrypted", "partially-encrypted"],
        ["residence"] = ["DE", "US-CA", "FR"],
        ["categories"] = ["email", "name", "payment-card"],
        ["dataCategories"] = ["email", "name", "payment-card"],
        ["language"] = ["en", "fr"],
        ["role"] = ["responder", "compliance-lead"],
        ["roles"] = ["responder", "auditor"],
        ["types"] = ["incident_detected", "incident_contained"],
        ["type"] = ["incident_detected"],
        ["url"] = ["http://127.0.0.1:9/hook"],
        ["email"] = ["person@example.test"],
        ["step"] = ["preserve-evidence", "revoke-leaked-key", "reissue-integration-key"],
        ["file"] = ["manifest.json"],
        ["flags"] = ["nydfs-licensee"],
        ["sectorFlags"] = ["nydfs-licensee"],
        ["recipients"] = ["individuals", "regulator"],
        ["ruleId"] = ["eu-gdpr-art33-sa", "us-ca-individuals"],
        ["catalogueVersion"] = ["2026.12.1", "2026.11.1"],
        ["clock"] = ["awareness", "discovery"],
        ["include"] = ["all"],
        ["format"] = ["json", "csv", "html"],
        ["sort"] = ["detected", "-detected"],
        ["platform"] = ["woocommerce", "magento"],
        ["timeZone"] = ["UTC", "Europe/Berlin"],
        ["tablePrefix"] = ["wp_"],
        ["reference"] = ["REF-1"],
    };

    private readonly Dictionary<string, List<Guid>> _ids = new(StringComparer.OrdinalIgnoreCase);

    public string Shop { get; private set; } = "fuzz-shop";

    public string TemplateId { get; private set; } = "fuzz-notice";

    /// <summary>Every stream and document id the valid requests made, for the hostile ones to name.</summary>
    public IReadOnlyDictionary<string, List<Guid>> Ids => _ids;

    public JsonNode RecentInstant(Random random) => DateTimeOffset.UtcNow.AddHours(-random.Next(2, 72)).ToString("yyyy-MM-ddTHH:mm:ssZ");

    public JsonNode Word(string field, Random random) => field switch
    {
        "shop" or "name" when random.Next(2) == 0 => Shop,
        "templateId" => TemplateId,
        _ when Words.TryGetValue(field, out var words) => words[random.Next(words.Length)],
        _ => $"fuzz {field} {random.Next(1000)}",
    };

    /// <summary>An id the service knows for a field or route value of that name, or a random one when none was made.</summary>
    public Guid IdFor(string field, Random random)
    {
        var kind = field switch
        {
            "id" or "incidentId" => "incident",
            "campaignId" => "campaign",
            "runId" or "scopingRunId" => "run",
            "evidenceId" => "evidence",
            _ => field,
        };
        return _ids.TryGetValue(kind, out var known) && known.Count > 0 ? known[random.Next(known.Count)] : Guid.NewGuid();
    }

    public void Remember(string kind, Guid id)
    {
        if (!_ids.TryGetValue(kind, out var list))
        {
            _ids[kind] = list = [];
        }

        if (!list.Contains(id))
        {
            list.Add(id);
        }
    }

    /// <summary>Makes the things to aim at with valid requests; what cannot be made here is left out and said so.</summary>
    public static async Task<Fixtures> CreateAsync(Uri service, string token, string? shopServer, int seed, TextWriter log)
    {
        var fixtures = new Fixtures();
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        if (shopServer is not null)
        {
            fixtures.Shop = await RegisterShopAsync(http, shopServer, seed, log) ?? fixtures.Shop;
        }

        for (var i = 0; i < 3; i++)
        {
            var created = await PostAsync(http, "/api/incidents", new
            {
                title = $"Fuzz target {i}", shop = fixtures.Shop, kind = i == 0 ? "leaked-api-key" : "checkout-skimmer",
                detectedAt = DateTimeOffset.UtcNow.AddHours(-5), dataCategories = new[] { "email", "name" },
                reporter = new { email = $"reporter{i}@example.test", name = "Reporter" },
            }, log);
            if (created?["id"]?.GetValue<Guid>() is { } id)
            {
                fixtures.Remember("incident", id);
            }
        }

        if (fixtures._ids.GetValueOrDefault("incident") is [var first, ..])
        {
            await PostAsync(http, $"/api/incidents/{first}/containment",
                new { playbook = "leaked-api-key", parameters = new { leakedKey = "ck_fuzzfuzz" }, reason = "fuzz target" }, log);
            if ((await GetAsync(http, $"/api/incidents/{first}/containment", log))?["latest"]?["runId"]?.GetValue<Guid>() is { } runId)
            {
                fixtures.Remember("run", runId);
            }
        }

        var example = await GetAsync(http, "/api/notice-templates/examples/US-CA", log);
        if (example is not null)
        {
            fixtures.TemplateId = $"fuzz-{seed}";
            await PostAsync(http, "/api/notice-templates", new
            {
                templateId = fixtures.TemplateId, channel = "email", language = "en", jurisdiction = example["jurisdiction"]!.GetValue<string>(),
                subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
            }, log);
        }

        if (await PostAsync(http, "/api/admin/api-keys", new { name = "fuzz key", roles = new[] { "auditor" } }, log) is { } key && key["id"]?.GetValue<Guid>() is { } keyId)
        {
            fixtures.Remember("api-key", keyId);
        }

        var feedType = (await GetAsync(http, "/api/feed/types", log))?.AsArray().FirstOrDefault()?["type"]?.GetValue<string>();
        if (feedType is not null
            && await PostAsync(http, "/api/feed/subscriptions", new { url = "http://127.0.0.1:9/hook", types = new[] { feedType }, description = "fuzz" }, log)
                is { } subscription && subscription["id"]?.GetValue<Guid>() is { } subscriptionId)
        {
            fixtures.Remember("subscription", subscriptionId);
        }

        if (await PostAsync(http, "/api/chain/checkpoints", new { }, log) is { } checkpoint && checkpoint["id"]?.GetValue<Guid>() is { } checkpointId)
        {
            fixtures.Remember("checkpoint", checkpointId);
        }

        foreach (var incident in fixtures._ids.GetValueOrDefault("incident") ?? [])
        {
            foreach (var evidence in (await GetAsync(http, $"/api/incidents/{incident}/evidence", log))?.AsArray() ?? [])
            {
                if (evidence?["id"]?.GetValue<Guid>() is { } evidenceId)
                {
                    fixtures.Remember("evidence", evidenceId);
                }
            }
        }

        log.WriteLine($"fixtures: shop {fixtures.Shop}, " + string.Join(", ", fixtures._ids.Select(i => $"{i.Value.Count} {i.Key}")));
        return fixtures;
    }

    /// <summary>A small generated WooCommerce shop in its own MariaDB database, registered, so runs and scoping have a shop to work on.</summary>
    private static async Task<string?> RegisterShopAsync(HttpClient http, string shopServer, int seed, TextWriter log)
    {
        var server = new MySqlConnectionStringBuilder(shopServer) { Database = "" };
        // A test before this one may have restarted MariaDB: pooled connections from then are dead.
        MySqlConnection.ClearAllPools();
        var database = $"shop_fuzz_{seed}";
        await using (var connection = new MySqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}` CHARACTER SET utf8mb4", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var shop = new MySqlConnectionStringBuilder(server.ConnectionString) { Database = database };
        await ShopGenerator.GenerateAsync(new ShopConnectionSettings(ShopPlatform.WooCommerce, shop.ConnectionString, "wp_", "UTC"),
            new ShopGenerationOptions(20, 40, Seed: seed, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1)));
        var name = $"fuzz-{seed}";
        var registered = await PostAsync(http, "/api/shops", new
        {
            name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database, user = server.UserID, password = server.Password,
            tablePrefix = "wp_", timeZone = "UTC",
        }, log);
        return registered is null ? null : name;
    }

    private static async Task<JsonNode?> PostAsync(HttpClient http, string url, object body, TextWriter log)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            log.WriteLine($"fixture POST {url}: {(int)response.StatusCode} {text}");
            return null;
        }

        return text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    private static async Task<JsonNode?> GetAsync(HttpClient http, string url, TextWriter log)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            log.WriteLine($"fixture GET {url}: {(int)response.StatusCode} {text}");
            return null;
        }

        return JsonNode.Parse(text);
    }
}
