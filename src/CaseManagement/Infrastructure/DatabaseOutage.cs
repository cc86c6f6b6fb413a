using Npgsql;

namespace CaseManagement.Infrastructure;

/// <summary>
/// Tells a failure because PostgreSQL cannot be reached (stopped, restarting, refusing connections, out of connections)
/// from any other failure, wherever Marten or Wolverine wrapped it: requests answer it 503 with Retry-After, background
/// work waits and tries again (docs/adr/0020-hostile-input.md).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What a client is told to wait: about how long a restarting PostgreSQL takes to accept connections again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // 08: connection exceptions; 57P01-57P03: the server shuts down or is starting; 53300: no connection slot left.
    private static readonly string[] OutageStates = ["57P01", "57P02", "57P03", "53300"];

    public static bool IsOutage(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || OutageStates.Contains(pg.SqlState);
                case NpgsqlException npgsql:
                    // Not an error the server reported, so the connection itself failed: refused, reset, timed out.
                    return npgsql.IsTransient;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }

        return false;
    }
}
