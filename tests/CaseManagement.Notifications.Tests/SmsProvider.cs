using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CaseManagement.Notifications.Tests;

/// <summary>A message as the provider took it.</summary>
internal sealed record ProviderMessage(string Id, string IdempotencyKey, string To, string From, string Text);

/// <summary>
/// A real HTTP server on 127.0.0.1 that implements docs/sms-provider-contract.md, under the path /v1 so that URL
/// joining is exercised too. Tests can make it refuse numbers, rate-limit, fail or stall.
/// </summary>
internal sealed class SmsProvider : IAsyncDisposable
{
    public const string Token = "provider-test-token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ProviderMessage> byKey = new();
    private readonly ConcurrentDictionary<string, bool> refusedNumbers = new();
    private Func<HttpContext, Task<IResult>>? trouble;
    private int requests;
    private int nextId;

    private SmsProvider(WebApplication app)
    {
        this.app = app;
        // Typed as a Func so the minimal API writes the returned IResult (a bare RequestDelegate would drop it).
        app.MapPost("/v1/messages", (Func<HttpContext, Task<IResult>>)AnswerAsync);
    }

    public Uri BaseUrl => new(app.Urls.Single() + "/v1");

    public int Requests => requests;

    public IReadOnlyCollection<ProviderMessage> Messages => byKey.Values.ToList();

    public static async Task<SmsProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var provider = new SmsProvider(builder.Build());
        await provider.app.StartAsync();
        return provider;
    }

    public void RefuseNumber(string number) => refusedNumbers[number] = true;

    public void RateLimit(int retryAfterSeconds) => trouble = context =>
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(Results.Json(new { error = "rate_limited", message = "Too many requests." }, statusCode: 429));
    };

    public void Fail(int status) => trouble = _ => Task.FromResult(Results.Json(new { error = "unavailable", message = "Try again later." }, statusCode: status));

    public void Stall(TimeSpan delay) => trouble = async context =>
    {
        await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        return Results.Json(new { id = "late", status = "queued" }, statusCode: 202);
    };

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        if (trouble is { } answer)
        {
            return await answer(context);
        }

        if (context.Request.Headers.Authorization != "Bearer " + Token)
        {
            return Error(401, "unauthorized", "Unknown API token.");
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var body = await context.Request.ReadFromJsonAsync<RequestBody>();
        if (key.Length == 0 || body is not { To: ['+', ..], From: not null, Text.Length: > 0 })
        {
            return Error(400, "invalid_request", "Idempotency-Key, to, from and text are required.");
        }

        if (refusedNumbers.ContainsKey(body.To))
        {
            return Error(400, "invalid_number", $"{body.To} is not a mobile number.");
        }

        var message = new ProviderMessage($"msg_{Interlocked.Increment(ref nextId)}", key, body.To, body.From, body.Text);
        var stored = byKey.GetOrAdd(key, message);
        if (ReferenceEquals(stored, message) || stored with { Id = message.Id } == message)
        {
            // 409 names the message first accepted under this key: the caller's earlier attempt got through.
            return Results.Json(new { id = stored.Id, status = "queued" }, statusCode: ReferenceEquals(stored, message) ? 202 : 409);
        }

        return Error(422, "key_reused", "This Idempotency-Key was used for a different message.");
    }

    private static IResult Error(int status, string error, string message) => Results.Json(new { error, message }, statusCode: status);

    private sealed record RequestBody(string? To, string? From, string? Text);
}
