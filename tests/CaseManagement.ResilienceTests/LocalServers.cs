using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace CaseManagement.ResilienceTests;

/// <summary>
/// Stops and starts the PostgreSQL and MariaDB that build/test.sh started for this checkout, by their data folders and PIDs,
/// with the scripts' own functions (build/lib/common.sh), as an operator's restart would.
/// </summary>
public static class LocalServers
{
    /// <summary>Why an outage scenario cannot run here, or null: it needs servers this checkout's scripts started.</summary>
    public static string? Unavailable =>
        Environment.GetEnvironmentVariable("CM_SKIP_LOCAL_DATABASES") == "1"
            ? "CM_SKIP_LOCAL_DATABASES=1: the databases belong to someone else, and outage scenarios stop and start them"
            : null;

    public static Task StopPostgresAsync() => RunAsync("pg_is_ours && stop_postgres");

    /// <summary>
    /// Connections pooled before a stop are dead, and Npgsql finds out only when one is used: the pools are cleared so the
    /// next scenario (the node kill's set-up, say) does not meet "terminating connection due to administrator command".
    /// </summary>
    public static async Task StartPostgresAsync()
    {
        await RunAsync("ensure_postgres");
        NpgsqlConnection.ClearAllPools();
    }

    public static Task StopMariaDbAsync() => RunAsync("mariadb_socket_answers && stop_mariadb");

    /// <summary>As for PostgreSQL: MySqlConnector's pooled connections died with the server, so the pools are cleared.</summary>
    public static async Task StartMariaDbAsync()
    {
        await RunAsync("ensure_mariadb");
        MySqlConnector.MySqlConnection.ClearAllPools();
    }

    public static Task StartRabbitMqAsync() => RunAsync("ensure_rabbitmq");

    public static Task StopRabbitMqAsync() => RunAsync("stop_rabbitmq");

    /// <summary>Whether this checkout's broker listens now (so a scenario stops it afterwards only if it started it).</summary>
    public static async Task<bool> RabbitMqRunsAsync() =>
        (await Tools.RunAsync("bash", "-c", "source build/lib/common.sh && tcp_port_open \"$CM_RABBITMQ_PORT\"")).ExitCode == 0;

    /// <summary>The AMQP address of this checkout's broker (build/lib/common.sh, rabbitmq_url).</summary>
    public static async Task<string> RabbitMqUrlAsync()
    {
        var (exit, output) = await Tools.RunAsync("bash", "-c", "source build/lib/common.sh && rabbitmq_url");
        exit.Should().Be(0, output);
        return output.Trim().Split('\n')[^1];
    }

    private static async Task RunAsync(string functions)
    {
        var (exit, output) = await Tools.RunAsync("bash", "-c", $"source build/lib/common.sh && {functions}");
        exit.Should().Be(0, "'{0}' should have worked on this checkout's own server: {1}", functions, output);
    }
}

/// <summary>A scenario that stops and starts this checkout's local servers; skipped where they are someone else's.</summary>
public sealed class OutageFactAttribute : FactAttribute
{
    public OutageFactAttribute() => Skip = LocalServers.Unavailable;
}

/// <summary>A theory of <see cref="OutageFactAttribute"/>'s kind: skipped where the local servers are someone else's.</summary>
public sealed class OutageTheoryAttribute : TheoryAttribute
{
    public OutageTheoryAttribute() => Skip = LocalServers.Unavailable;
}
