using System.Collections.Concurrent;

namespace CaseManagement.Security.Hardening;

public sealed class AuthenticationFailureLimits
{
    public const string Section = "Security:AuthenticationFailures";

    public int PermitLimit { get; set; } = 20;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Holds back a client (by remote address) that failed authentication more than PermitLimit times in a window: its
/// further failures are answered 429 until the window ends. Only failures: credentials that prove who sent them, and routes
/// anyone may call (health, the API description), always pass, so one stale script behind a proxy or NAT cannot lock
/// out everyone else at that address (docs/adr/0020-hostile-input.md).
/// </summary>
public sealed class AuthenticationFailureThrottle(AuthenticationFailureLimits limits, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public TimeSpan? RetryAfter(string client)
    {
        var now = clock.GetUtcNow();
        if (!_windows.TryGetValue(client, out var window) || now >= window.Ends)
        {
            return null;
        }

        return window.Failures >= limits.PermitLimit ? window.Ends - now : null;
    }

    public void RecordFailure(string client)
    {
        var now = clock.GetUtcNow();
        _windows.AddOrUpdate(client,
            _ => new Window(now + limits.Window, 1),
            (_, w) => now >= w.Ends ? new Window(now + limits.Window, 1) : w with { Failures = w.Failures + 1 });
        if (_windows.Count > 10_000)
        {
            foreach (var stale in _windows.Where(w => now >= w.Value.Ends).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }
    }

    private sealed record Window(DateTimeOffset Ends, int Failures);
}

public static class AuthenticationFailureThrottleMiddleware
{
    /// <summary>After authentication, which tells valid credentials from failing ones, and before authorization.</summary>
    public static IApplicationBuilder UseAuthenticationFailureThrottle(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var throttle = http.RequestServices.GetRequiredService<AuthenticationFailureThrottle>();
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var mayFail = http.User.Identity?.IsAuthenticated != true
                          && http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null;
            if (mayFail && throttle.RetryAfter(client) is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(title: "Too many failed authentications",
                    detail: $"Authentication failed too often from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s. Valid credentials are not held back.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
                return;
            }

            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                throttle.RecordFailure(client);
            }
        });
}
