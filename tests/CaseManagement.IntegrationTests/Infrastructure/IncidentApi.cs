using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>Speaks to the incident API the way a client does: JSON text in, JSON text out.</summary>
public sealed class IncidentApi(IAlbaHost host, string? token, string? exercise = null)
{
    public const string Responder = "sam.responder@shop.test";

    public static string Json(object body) => JsonSerializer.Serialize(body, JsonSerializerOptions.Web);

    public static object NewIncident(string shop) => new
    {
        title = "Skimmer in checkout footer",
        shop,
        kind = "checkout-skimmer",
        detectedAt = "2026-11-20T08:00:00Z",
        source = "customer complaint",
        dataCategories = new[] { "payment-card", "email" },
    };

    public async Task<Guid> DetectAsync(string shop)
    {
        var created = await SendAsync(HttpMethod.Post, "/api/incidents", NewIncident(shop), 201);
        return created["id"]!.GetValue<Guid>();
    }

    public Task<JsonNode> ActAsync(Guid id, string action, object body, int expectedStatus = 200, Action<Scenario>? configure = null) =>
        SendAsync(HttpMethod.Post, $"/api/incidents/{id}/{action}", body, expectedStatus, configure);

    /// <summary>The same caller acting inside one of its organisation's exercises (the X-Exercise header).</summary>
    public IncidentApi InExercise(Guid exerciseId) => new(host, token, exerciseId.ToString());

    /// <summary>Adds this caller's credentials (and the exercise it acts in) to a hand-built scenario.</summary>
    public void Authenticate(Scenario x)
    {
        if (token is not null)
        {
            x.WithRequestHeader("Authorization", $"Bearer {token}");
        }

        if (exercise is not null)
        {
            x.WithRequestHeader("X-Exercise", exercise);
        }
    }

    public async Task<JsonNode> GetAsync(string url, int expectedStatus = 200)
    {
        var result = await host.Scenario(x =>
        {
            x.Get.Url(url);
            Authenticate(x);
            x.StatusCodeShouldBe(expectedStatus);
        });
        return Parse(await result.ReadAsTextAsync(), url, expectedStatus);
    }

    /// <remarks>
    /// A scenario that expects an incident to open (POST /api/incidents, 201) at a shop it did not register has the shop
    /// registered first (<see cref="TestShops"/>); one that expects a refusal sends exactly what it says.
    /// </remarks>
    public async Task<JsonNode> SendAsync(HttpMethod method, string url, object? body, int expectedStatus, Action<Scenario>? configure = null)
    {
        if (method == HttpMethod.Post && url == "/api/incidents" && expectedStatus == 201 && token is not null && exercise is null
            && JsonNode.Parse(body is string given ? given : Json(body ?? new { }))?["shop"] is JsonValue named && named.TryGetValue<string>(out var shop))
        {
            await TestShops.EnsureRegisteredAsync(host, token, shop);
        }

        var result = await host.Scenario(x =>
        {
            var json = body is string raw ? raw : Json(body ?? new { });
            if (method == HttpMethod.Post)
            {
                x.Post.RawJson(json).ToUrl(url);
            }
            else
            {
                throw new NotSupportedException(method.Method);
            }

            Authenticate(x);
            configure?.Invoke(x);
            x.StatusCodeShouldBe(expectedStatus);
        });
        return Parse(await result.ReadAsTextAsync(), url, expectedStatus);
    }

    /// <summary>
    /// Polls a view built by the async daemon until it shows what the scenario expects, as a person's
    /// screen would; fails with the last answer after 60 s.
    /// </summary>
    public async Task<JsonNode> WaitForAsync(string url, Func<JsonNode, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonNode last;
        do
        {
            last = await GetAsync(url);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(200);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(60));

        throw new Xunit.Sdk.XunitException($"The async view did not catch up within 60 s; last answer of {url}: {last.ToJsonString()}");
    }

    /// <summary>
    /// Waives, with the reason given, every duty that still stops the incident from closing (GET …/closure-check): for scenarios
    /// about something other than the duties themselves.
    /// </summary>
    public async Task WaiveOpenDutiesAsync(Guid id, string reason)
    {
        foreach (var duty in (await GetAsync($"/api/incidents/{id}/closure-check"))["open"]!.AsArray())
        {
            await ActAsync(id, "obligations/waive", new { ruleId = duty!["ruleId"]!.GetValue<string>(), reason });
        }
    }

    /// <summary>
    /// Starts the incident's post-incident review, records a root cause and completes it (the caller needs the lead-readiness
    /// policy): for scenarios that close a high or critical incident and are about something else.
    /// </summary>
    public async Task CompleteReviewAsync(Guid id, string rootCause)
    {
        var review = (await SendAsync(HttpMethod.Post, $"/api/incidents/{id}/review", new { }, 201))["id"]!.GetValue<Guid>();
        await SendAsync(HttpMethod.Post, $"/api/reviews/{review}/findings", new { rootCause }, 200);
        await SendAsync(HttpMethod.Post, $"/api/reviews/{review}/complete", new { }, 200);
    }

    public async Task<long> VersionOfAsync(Guid id) => (await GetAsync($"/api/incidents/{id}"))["version"]!.GetValue<long>();

    public async Task<JsonArray> HistoryAsync(Guid id) => (JsonArray)await GetAsync($"/api/incidents/{id}/events");

    private static JsonNode Parse(string text, string url, int status)
    {
        text.Should().NotBeNullOrWhiteSpace("{0} answered {1} and should carry a JSON body", url, status);
        return JsonNode.Parse(text)!;
    }
}
