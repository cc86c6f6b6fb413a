using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace HeadlineBenchmark;

/// <summary>One person's (or machine's) client of the service's HTTP API: every answer must be a success, or the run stops saying which.</summary>
internal sealed class Api(HttpClient client) : IDisposable
{
    public Task<JsonNode> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<JsonNode> PostAsync(string url, object body) => SendAsync(HttpMethod.Post, url, JsonContent.Create(body));

    /// <summary>A body sent exactly as given (a signed alert: the signature covers these bytes).</summary>
    public Task<JsonNode> PostRawAsync(string url, string json, IReadOnlyDictionary<string, string> headers) =>
        SendAsync(HttpMethod.Post, url, new StringContent(json, Encoding.UTF8, "application/json"), headers);

    /// <summary>GETs <paramref name="url"/> every <paramref name="every"/> until <paramref name="done"/> holds; fails after <paramref name="limit"/> with the last answer.</summary>
    public async Task<JsonNode> UntilAsync(string url, Func<JsonNode, bool> done, TimeSpan every, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await GetAsync(url);
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed > limit)
            {
                throw new HeadlineFailure($"{what} did not happen within {limit}; the last answer of GET {url} was {last.ToJsonString()}");
            }

            await Task.Delay(every);
        }
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string url, HttpContent? content = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text.Length == 0 ? "{}" : text)!
            : throw new HeadlineFailure($"{method} {url} answered {(int)response.StatusCode}: {text}");
    }

    public void Dispose() => client.Dispose();
}

/// <summary>The service refused or did not finish a step: the benchmark stops without a report.</summary>
internal sealed class HeadlineFailure(string message) : Exception(message);
