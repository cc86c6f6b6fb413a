using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManagement.Infrastructure;

/// <summary>
/// Runs the rounds of the service's own background loops so that none of them ever ends the host: a round that fails
/// (PostgreSQL restarting, say) is logged, reported on /health/ready and tried again with growing waits until it succeeds
/// or the host stops (docs/adr/0020-hostile-input.md).
/// </summary>
public sealed class BackgroundLoops(TimeProvider clock, ILogger<BackgroundLoops> logger)
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private readonly ConcurrentDictionary<string, Failing> _failing = new(StringComparer.Ordinal);

    /// <summary>A loop whose last round failed: since when, why, and when it tries again.</summary>
    public sealed record Failing(DateTimeOffset Since, int Attempts, string Reason, DateTimeOffset NextTry);

    public IReadOnlyDictionary<string, Failing> Failures => _failing;

    /// <summary>Runs one round until it succeeds; only the host stopping ends it early (as a cancellation).</summary>
    public async Task RunAsync(string loop, Func<CancellationToken, Task> round, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await round(stopping);
                if (_failing.TryRemove(loop, out var failed))
                {
                    logger.LogInformation("{Loop} works again after {Attempts} failed attempts since {Since:O}", loop, failed.Attempts, failed.Since);
                }

                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                var wait = Waits[Math.Min(attempt, Waits.Length) - 1];
                var now = clock.GetUtcNow();
                var reason = DatabaseOutage.IsOutage(ex) ? "PostgreSQL does not answer" : ex.GetType().Name;
                _failing.AddOrUpdate(loop, _ => new Failing(now, attempt, reason, now + wait), (_, f) => f with { Attempts = attempt, Reason = reason, NextTry = now + wait });
                logger.LogWarning(ex, "{Loop} failed ({Reason}, attempt {Attempt}); trying again in {Wait}", loop, reason, attempt, wait);
                await Task.Delay(wait, clock, stopping);
            }
        }
    }
}

/// <summary>Ready only while every background loop's last round worked; says which failed, since when and why.</summary>
public sealed class BackgroundLoopsReadiness(BackgroundLoops loops, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var failing = loops.Failures;
        if (failing.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("every background loop's last round worked"));
        }

        var now = clock.GetUtcNow();
        return Task.FromResult(HealthCheckResult.Unhealthy(string.Join("; ", failing.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f =>
            $"{f.Key}: failing since {f.Value.Since.UtcDateTime:O} ({f.Value.Reason}, {f.Value.Attempts} attempts), next try in {Math.Max(0, (f.Value.NextTry - now).TotalSeconds):0} s"))));
    }
}
