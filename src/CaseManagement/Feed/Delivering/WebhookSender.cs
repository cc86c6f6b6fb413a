using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using CaseManagement.Feed.Subscribing;
using Microsoft.Extensions.Options;

namespace CaseManagement.Feed.Delivering;

/// <summary>
/// POSTs one CloudEvent, signed, to a subscription's URL. Redirects are not followed and no proxy is used; the connection
/// goes only to an address <see cref="WebhookTarget"/> accepts, checked after resolving the name for this very connection.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<FeedOptions> options, TimeProvider clock)
{
    public const string ClientName = "integrator-feed";

    /// <returns>Null when the receiver took it (2xx); otherwise what went wrong, in words for the integrator.</returns>
    public Task<string?> SendAsync(Uri url, string secret, CloudEvent cloudEvent, CancellationToken ct) =>
        SendAsync(url, secret, cloudEvent.Id, JsonSerializer.SerializeToUtf8Bytes(cloudEvent, FeedJson.Options), CloudEvent.MediaType, ct);

    /// <summary>POSTs any body, signed the same way (paging uses it for chat tools, ADR 32).</summary>
    /// <returns>Null when the receiver took it (2xx); otherwise what went wrong, in words for the receiver's owner.</returns>
    public async Task<string?> SendAsync(Uri url, string secret, string id, byte[] body, string mediaType, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, id, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? null
                : $"HTTP {status} ({response.ReasonPhrase}){(status is >= 300 and < 400 ? ": redirects are not followed" : "")}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {options.Value.DeliveryTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException e)
        {
            return e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message}: {inner.Message}" : e.Message;
        }
    }

    /// <summary>The handler behind the client: connects only to accepted addresses of the name, for this connection.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivateTargets) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, ct) =>
        {
            var endpoint = context.DnsEndPoint;
            var scheme = context.InitialRequestMessage.RequestUri!.Scheme;
            var addresses = await WebhookTarget.ResolveAsync(endpoint.Host, ct);
            var accepted = addresses.Where(a => WebhookTarget.AddressProblem(a, scheme, allowPrivateTargets) is null).ToArray();
            if (accepted.Length == 0)
            {
                var refused = addresses.Select(a => WebhookTarget.AddressProblem(a, scheme, allowPrivateTargets)).FirstOrDefault();
                throw new HttpRequestException($"Refused to connect to {endpoint.Host}: {refused ?? "it has no address"}.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(accepted, endpoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
