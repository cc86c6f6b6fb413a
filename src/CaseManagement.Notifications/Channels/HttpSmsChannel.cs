using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaseManagement.Notifications.Channels;

/// <summary>
/// Sends notices as SMS through an HTTP provider speaking the contract in docs/sms-provider-contract.md. A typed client:
/// the <see cref="HttpClient"/> is injected and may be shared. Safe for concurrent use.
/// </summary>
public sealed partial class HttpSmsChannel : INotificationChannel
{
    private readonly HttpClient http;
    private readonly SmsProviderOptions options;
    private readonly Uri messages;

    public HttpSmsChannel(HttpClient http, SmsProviderOptions options)
    {
        if (!options.BaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The SMS provider's base URL must be absolute.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        this.http = http;
        this.options = options;
        messages = new Uri(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/messages");
    }

    public string Name => "sms";

    public async Task<DeliveryResult> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        if (!E164().IsMatch(notice.To))
        {
            return Delivery.Permanent($"Not sent: '{notice.To}' is not an E.164 phone number (+ and up to 15 digits).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, messages)
        {
            Content = JsonContent.Create(new SmsRequest(notice.To, options.SenderId, notice.Body), options: JsonSerializerOptions.Web),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
        request.Headers.Add("Idempotency-Key", notice.IdempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return Outcome(response, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Delivery.Unreachable($"No answer from {messages.Authority} within {options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            return Delivery.Unreachable($"Could not reach {messages.Authority}: {ex.Message}");
        }
    }

    private static DeliveryResult Outcome(HttpResponseMessage response, string body)
    {
        var status = response.StatusCode;
        var line = $"{(int)status} {response.ReasonPhrase}";
        // 409: this idempotency key was accepted before (an earlier attempt whose answer we lost), so the notice is out.
        if (response.IsSuccessStatusCode || status == HttpStatusCode.Conflict)
        {
            return Delivery.Accepted(Delivery.Excerpt($"{line}: {body}"), Field(body, "id"));
        }

        // 401/403 are our token, not the person: every notice would fail alike, so they must not end anyone's notice.
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (int)status >= 500)
        {
            return Delivery.Transient(Delivery.Excerpt(line + RetryAfter(response) + (body.Length > 0 ? ": " + body : "")));
        }

        var message = Field(body, "message") ?? Field(body, "error") ?? body;
        return Delivery.Permanent(Delivery.Excerpt($"{line}: {message}"));
    }

    /// <summary>The provider's wish when to try again, kept in the response text for whoever schedules the retry.</summary>
    private static string RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => $"; Retry-After: {delta.TotalSeconds:0} s",
        { Date: { } date } => $"; Retry-After: {date:R}",
        _ => "",
    };

    /// <summary>A string property of a JSON object body; null when the body is no such object.</summary>
    private static string? Field(string body, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty(name, out var value)
                   && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    private sealed record SmsRequest(string To, string From, string Text);
}
