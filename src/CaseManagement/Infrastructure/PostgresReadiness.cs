using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManagement.Infrastructure;

/// <summary>Ready means the event store answers: without it nothing can be recorded.</summary>
public sealed class PostgresReadiness(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.QueryAsync<int>("select 1", ct);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex)
        {
            // The message only: connection strings and stack traces stay in the logs.
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {ex.GetType().Name}");
        }
    }
}
