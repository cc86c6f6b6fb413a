using JasperFx.Core;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine;
using Wolverine.ErrorHandling;

namespace CaseManagement.Infrastructure;

/// <summary>
/// How the service lives through an outage of what it depends on (docs/adr/0020-hostile-input.md): no background service
/// ends the host by throwing, messages wait for PostgreSQL instead of dead-lettering while it is away, and /health/ready says
/// what is down.
/// </summary>
public static class Availability
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddAvailability(this IServiceCollection services)
    {
        // The default, StopHost, ended the whole service when one loop lost its database connection (issue 15).
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        services.AddSingleton<BackgroundLoops>();
        services.AddHealthChecks()
            .AddCheck<PostgresReadiness>("postgresql", tags: [ReadyTag])
            .AddCheck<BackgroundLoopsReadiness>("background-loops", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// A message whose handler found PostgreSQL away is tried again in place with growing waits (about three minutes in
    /// all: a restart, a fail-over), then rescheduled every minute for as long as it takes; never dead-lettered for it.
    /// </summary>
    public static void WaitForTheDatabase(this WolverineOptions opts) =>
        opts.Policies.OnException(DatabaseOutage.IsOutage)
            .RetryWithCooldown(1.Seconds(), 2.Seconds(), 5.Seconds(), 10.Seconds(), 20.Seconds(), 30.Seconds(), 30.Seconds(), 30.Seconds(), 60.Seconds())
            .Then.ScheduleRetryIndefinitely(1.Minutes());

    public static IEndpointConventionBuilder MapReadiness(this IEndpointRouteBuilder app, string pattern) =>
        app.MapHealthChecks(pattern, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });

    // The status word orchestrators read, and for people each check with what it found.
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
