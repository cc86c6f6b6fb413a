using System.Collections.Concurrent;
using System.Text.Json;
using CaseManagement.Api.Conventions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CaseManagement.Web.Actions;

/// <summary>
/// How a page records a decision (docs/adr/0026-page-actions-call-the-api-slice-in-process.md): the page's form handler
/// (cookie session, antiforgery checked by Razor Pages) sends the slice's own command to the slice's own Wolverine.Http
/// endpoint, in process, as the signed-in person. Everything the API applies is applied because it is the same endpoint:
/// authorization policy, strict JSON, Validate, Load, the lifecycle gate, the expected version, actor stamping,
/// idempotency, the decision and its transaction. The page only turns the answer into HTML.
/// </summary>
public sealed class Slices(
    EndpointDataSource endpoints,
    LinkGenerator links,
    IAuthorizationPolicyProvider policies,
    IAuthorizationService authorization,
    IServiceScopeFactory scopes,
    IOptions<JsonOptions> json,
    IEnumerable<IExceptionHandler> exceptionHandlers)
{
    private readonly ConcurrentDictionary<(string Method, string OperationId), RouteEndpoint> _byOperation = new();

    /// <summary>POSTs <paramref name="command"/> to the API endpoint whose OperationId is <paramref name="operationId"/>.</summary>
    /// <param name="idempotencyKey">The key the form carried from the render that showed it: a double submit records once.</param>
    public async Task<SliceAnswer> PostAsync(HttpContext page, string operationId, object routeValues, object command, string? idempotencyKey,
        CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), json.Value.SerializerOptions);
        var (response, answer) = await InvokeAsync(page, HttpMethods.Post, operationId, routeValues, body, idempotencyKey, ct);
        return response is null ? SliceAnswer.Refused(operationId) : SliceAnswer.Read(response, answer);
    }

    /// <summary>
    /// POSTs like <see cref="PostAsync"/> and reads a successful answer's body as <typeparamref name="T"/>: for slices that answer
    /// with what they wrote and record nothing (a drafted regulator submission), which the page then shows.
    /// </summary>
    public async Task<(SliceAnswer Answer, T? Value)> PostForAsync<T>(HttpContext page, string operationId, object routeValues, object command,
        CancellationToken ct) where T : class
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), json.Value.SerializerOptions);
        var (response, answer) = await InvokeAsync(page, HttpMethods.Post, operationId, routeValues, body, null, ct);
        if (response is null)
        {
            return (SliceAnswer.Refused(operationId), null);
        }

        var read = SliceAnswer.Read(response, answer);
        return (read, read.Succeeded && answer.Length > 0 ? JsonSerializer.Deserialize<T>(answer, json.Value.SerializerOptions) : null);
    }

    /// <summary>
    /// GETs what the API endpoint with <paramref name="operationId"/> serves, as the signed-in person: for reads that are
    /// recorded (an evidence download writes its access into the chain of custody), which only the slice may do. The file
    /// is held in memory, so callers send only files of a bounded size this way.
    /// </summary>
    public async Task<SliceDownload> GetAsync(HttpContext page, string operationId, object routeValues, CancellationToken ct)
    {
        var (response, body) = await InvokeAsync(page, HttpMethods.Get, operationId, routeValues, null, null, ct);
        if (response is null)
        {
            return new SliceDownload(SliceAnswer.Refused(operationId), null, null, []);
        }

        var answer = SliceAnswer.Read(response, body);
        if (!answer.Succeeded)
        {
            return new SliceDownload(answer, null, null, []);
        }

        var name = ContentDispositionHeaderValue.TryParse(response.Headers.ContentDisposition.ToString(), out var disposition)
            ? (disposition.FileNameStar.Value ?? disposition.FileName.Value)?.Trim('"')
            : null;
        return new SliceDownload(answer, response.ContentType, name, body);
    }

    /// <summary>Runs the endpoint; a null response when the person's roles do not pass its policy.</summary>
    private async Task<(HttpResponse? Response, byte[] Body)> InvokeAsync(HttpContext page, string method, string operationId, object routeValues,
        byte[]? body, string? idempotencyKey, CancellationToken ct)
    {
        var endpoint = _byOperation.GetOrAdd((method, operationId), Find);
        var values = new RouteValueDictionary(routeValues);
        var path = links.GetPathByName(operationId, values)
                   ?? throw new InvalidOperationException($"Route values {string.Join(", ", values.Keys)} do not fill the route of {operationId}.");

        // The authorization middleware only runs for the request's own endpoint, so the slice's policy is checked here.
        if (!await PassesPolicyAsync(page.User, endpoint))
        {
            return (null, []);
        }

        await using var scope = scopes.CreateAsyncScope();
        var call = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = page.User,
            // Problems quote the page request's id, and the events it records are caused by it.
            TraceIdentifier = page.TraceIdentifier,
            RequestAborted = ct,
        };
        call.Request.Method = method;
        call.Request.Scheme = page.Request.Scheme;
        call.Request.Host = page.Request.Host;
        call.Request.Path = path;
        if (body is not null)
        {
            call.Request.ContentType = "application/json";
            call.Request.ContentLength = body.Length;
            call.Request.Body = new MemoryStream(body);
        }

        // As routing would give them: text, which the generated handler parses.
        call.Request.RouteValues = new RouteValueDictionary(values.ToDictionary(v => v.Key,
            v => (object?)Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            call.Request.Headers[IdempotencyKeys.Header] = idempotencyKey;
        }

        var answer = new MemoryStream();
        call.Response.Body = answer;
        call.SetEndpoint(endpoint);
        try
        {
            await endpoint.RequestDelegate!(call);
        }
        catch (Exception exception)
        {
            // The same last line of defence as UseExceptionHandler gives the API: a lost race is a 409, never a 500 page.
            call.Response.Clear();
            call.Response.Body = answer;
            answer.SetLength(0);
            var handled = false;
            foreach (var handler in exceptionHandlers)
            {
                if (await handler.TryHandleAsync(call, exception, ct))
                {
                    handled = true;
                    break;
                }
            }

            if (!handled)
            {
                throw;
            }
        }

        return (call.Response, answer.ToArray());
    }

    /// <summary>
    /// Whether the person's roles pass the policy of the endpoint with <paramref name="operationId"/>: what a page asks before
    /// offering a form, so it offers exactly what the endpoint would accept from this person (the endpoint checks again).
    /// </summary>
    public Task<bool> MayAsync(System.Security.Claims.ClaimsPrincipal user, string operationId, string method = "POST") =>
        PassesPolicyAsync(user, _byOperation.GetOrAdd((method, operationId), Find));

    private async Task<bool> PassesPolicyAsync(System.Security.Claims.ClaimsPrincipal user, RouteEndpoint endpoint)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        return policy is null || (await authorization.AuthorizeAsync(user, endpoint, policy)).Succeeded;
    }

    private RouteEndpoint Find((string Method, string OperationId) key) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .SingleOrDefault(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == key.OperationId
                                  && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(key.Method) == true)
        ?? throw new InvalidOperationException($"No {key.Method} endpoint has the OperationId {key.OperationId}.");
}

/// <summary>A file the slice served (<see cref="Slices.GetAsync"/>), or its refusal in <see cref="Answer"/>.</summary>
public sealed record SliceDownload(SliceAnswer Answer, string? ContentType, string? FileName, byte[] Bytes);

/// <summary>What the slice answered: its status, its problem details when it refused, and the version it left the stream at.</summary>
public sealed record SliceAnswer(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, long? Version)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The version the page showed is no longer the incident's: someone else decided in between (checked, or lost at commit).</summary>
    public bool IsVersionConflict => Status == StatusCodes.Status409Conflict && Title == "Version conflict";

    /// <summary>The messages for one field of the form, in the API's own words.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    internal static SliceAnswer Refused(string operationId) => new(StatusCodes.Status403Forbidden, "Not allowed",
        $"Your roles do not allow this action ({operationId}).", new Dictionary<string, string[]>(), null);

    internal static SliceAnswer Read(HttpResponse response, byte[] body)
    {
        long? version = ExpectedVersions.TryParseETag(response.Headers.ETag.ToString(), out var v) ? v : null;
        if (response.StatusCode < 400 || body.Length == 0)
        {
            return new SliceAnswer(response.StatusCode, null, null, new Dictionary<string, string[]>(), version);
        }

        var problem = JsonSerializer.Deserialize<HttpValidationProblemDetails>(body, JsonSerializerOptions.Web);
        return new SliceAnswer(response.StatusCode, problem?.Title, problem?.Detail,
            problem?.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) ?? [], version);
    }
}
