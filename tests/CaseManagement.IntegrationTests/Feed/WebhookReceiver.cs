using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseManagement.IntegrationTests.Feed;

/// <summary>One POST the receiver took: the Standard Webhooks headers and the body exactly as it arrived.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string ContentType, byte[] Body)
{
    public JsonNode Event => JsonNode.Parse(Body)!;

    /// <summary>What an integrator does with the secret it was given: recompute the signature over id, timestamp and body.</summary>
    public bool SignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.").Concat(Body).ToArray();
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
        return Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}

/// <summary>
/// An integrator's webhook endpoint: a real Kestrel server on 127.0.0.1 that records what it accepts, and can answer 503
/// or stop listening altogether (and listen again on the same port).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _accepted = new();
    private WebApplication? _app;
    private volatile bool _unavailable;
    private int _refused;

    private WebhookReceiver()
    {
    }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/casemanagement?source=feed-test";

    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _accepted];

    /// <summary>Deliveries answered 503.</summary>
    public int Refused => _refused;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.ListenAsync(0);
        return receiver;
    }

    public void AnswerUnavailable() => _unavailable = true;

    public void AnswerOk() => _unavailable = false;

    public async Task StopListeningAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public Task ListenAgainAsync() => ListenAsync(Port);

    /// <summary>The accepted deliveries once <paramref name="done"/> holds for them; fails with what arrived after 60 s.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, string because)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var accepted = Accepted;
            if (done(accepted))
            {
                return accepted;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException(
            $"The receiver did not get {because} within 60 s; it accepted {Accepted.Count} and refused {Refused}: " +
            string.Join(", ", Accepted.Select(a => $"{a.Event["sequence"]} {a.Event["type"]}")));
    }

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks/casemanagement", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            if (_unavailable)
            {
                Interlocked.Increment(ref _refused);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            _accepted.Enqueue(new ReceivedWebhook(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), http.Request.ContentType ?? "", body.ToArray()));
            return Results.NoContent();
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync() => await StopListeningAsync();
}
