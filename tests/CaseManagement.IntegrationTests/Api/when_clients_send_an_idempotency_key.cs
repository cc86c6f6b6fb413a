using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Api;

/// <summary>
/// Every POST honours <c>Idempotency-Key</c>: the OpenAPI document says so per operation, read from each endpoint's own
/// configuration, and retries across the modules answer the first answer and do nothing twice.
/// </summary>
public sealed class when_clients_send_an_idempotency_key(AppFixture fixture) : ServiceScenario(fixture)
{
    // Their answers hold a secret shown once, so a repeat is refused rather than shown the secret again.
    private static readonly string[] ShowSecretOnce = ["CreateApiKey", "CreateFeedSubscription", "RegisterAlertSource", "SetOnCallRoster"];

    // Signed alert intake and page links have no caller to own a key: a delivery is deduplicated by its webhook-id and the
    // alert's own reference (ADR 23); a page's link acknowledges once, and a repeat is a 409 naming who acknowledged (ADR 32).
    private static readonly string[] KeyedByContent = ["ReceiveAlert", "AcknowledgePageByLink"];

    [Fact]
    public async Task every_post_in_the_openapi_document_takes_the_key()
    {
        var document = await Api.GetAsync("/openapi/v1.json");

        var posts = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(m => m.Key == "post").Select(m => (Path: path.Key, Operation: m.Value!)))
            .ToList();
        posts.Should().HaveCountGreaterThan(45, "the API records everything through POSTs");
        foreach (var (path, operation) in posts.Where(p => !KeyedByContent.Contains(p.Operation["operationId"]!.GetValue<string>())))
        {
            var key = (operation["parameters"] as JsonArray ?? []).FirstOrDefault(p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
            key.Should().NotBeNull("POST {0} ({1}) must honour Idempotency-Key", path, operation["operationId"]);
            key!["in"]!.GetValue<string>().Should().Be("header");
            var replays = !key["description"]!.GetValue<string>().Contains("never replayed");
            replays.Should().Be(!ShowSecretOnce.Contains(operation["operationId"]!.GetValue<string>()),
                "POST {0} replays its first answer unless that answer shows a secret once", path);
        }
    }

    [Fact]
    public async Task a_retried_fact_template_and_checkpoint_are_answered_from_the_first_request()
    {
        var id = await Api.DetectAsync("idempotent-shop");
        var example = await Api.GetAsync("/api/notice-templates/examples/US-CA");
        var template = new
        {
            templateId = $"retry-{Guid.NewGuid():N}"[..20], channel = "email", language = "en", jurisdiction = "US-CA",
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        };
        var lead = ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead, Roles.Auditor);

        await RetriedAsync(Api, $"/api/incidents/{id}/facts/data-categories", new { categories = new[] { "email" }, reason = "only e-mails" }, 200);
        await RetriedAsync(lead, "/api/notice-templates", template, 201);
        await RetriedAsync(lead, "/api/chain/checkpoints", new { }, 201);

        (await Api.HistoryAsync(id)).Count(e => e!["type"]!.GetValue<string>() == "data_categories_recorded").Should()
            .Be(1, "the retry recorded nothing");
    }

    [Fact]
    public async Task a_secret_showing_endpoint_refuses_bad_input_under_a_key_then_creates_once_and_refuses_the_repeat()
    {
        var integrator = ApiAs("ines.integrator@shop.test", Organisation, Roles.Integrator);
        var key = Guid.NewGuid().ToString();

        var refused = await SendAsync(integrator, "/api/feed/subscriptions", new { url = "not a url" }, key, 422);
        (await refused.ReadAsTextAsync()).Should().Contain("url", "the refusal names the field, as it does without a key");
        await SendAsync(integrator, "/api/feed/subscriptions", new { url = "not a url" }, key, 422);

        var subscription = new { url = "http://127.0.0.1:9/hook", types = new[] { "com.casemanagement.incident.detected.v1" } };
        var created = await SendAsync(integrator, "/api/feed/subscriptions", subscription, key, 201);
        (await created.ReadAsTextAsync()).Should().Contain("secret", "a refused request left the key free for the first real one");
        var repeat = await SendAsync(integrator, "/api/feed/subscriptions", subscription, key, 409);
        (await repeat.ReadAsTextAsync()).Should().NotContain("whsec_", "the secret is shown once; a repeat is told where to find the subscription");
    }

    private async Task RetriedAsync(IncidentApi caller, string url, object body, int status)
    {
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(caller, url, body, key, status);
        var retry = await SendAsync(caller, url, body, key, status);

        retry.Context.Response.Headers["Idempotent-Replayed"].ToString().Should().Be("true", "POST {0} answered the retry from the first request", url);
        first.Context.Response.Headers["Idempotent-Replayed"].ToString().Should().BeEmpty();
        (await retry.ReadAsTextAsync()).Should().Be(await first.ReadAsTextAsync(), "a retry of {0} gets the first answer, byte for byte", url);
    }

    private Task<IScenarioResult> SendAsync(IncidentApi caller, string url, object body, string key, int status) =>
        Host.Scenario(x =>
        {
            x.Post.RawJson(IncidentApi.Json(body)).ToUrl(url);
            caller.Authenticate(x);
            x.WithRequestHeader("Idempotency-Key", key);
            x.StatusCodeShouldBe(status);
        });
}
