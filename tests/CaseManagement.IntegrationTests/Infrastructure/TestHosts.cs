using Alba;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CaseManagement.IntegrationTests.Infrastructure;

/// <summary>Starts the service in Development on a given PostgreSQL database, and empties such a database.</summary>
public static class TestHosts
{
    public static async Task<IAlbaHost> StartAsync(string martenConnection, CapturedLogs logs, IReadOnlyDictionary<string, string> settings)
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", martenConnection);
            builder.UseSetting("CaseManagement:SeedDemoIncident", "false");
            // Scenarios register shops by the hundred; a scheduled monitoring pass would raise alerts into scenarios about
            // something else. Monitoring scenarios run their passes themselves.
            builder.UseSetting("Monitoring:IntervalMinutes", MonitoringIntervalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        });
    }

    /// <summary>A day between scheduled monitoring passes: longer than any test run.</summary>
    public const int MonitoringIntervalMinutes = 1440;

    /// <summary>Settings as in production: its own keys, HTTPS, a tight failure limit, no escalations. The schema must exist (AutoCreate.None).</summary>
    public static void ProductionLike(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Marten", TestDatabases.Marten);
        builder.UseSetting("https_port", "443");
        builder.UseSetting("Authentication:Jwt:SigningKey", "production-like-key-for-this-test-only-0123456789");
        builder.UseSetting("Security:AuthenticationFailures:PermitLimit", "3");
        builder.UseSetting("Escalation:Enabled", "false");
        builder.UseSetting("Security:Pii:ActiveMasterKeyId", "k1");
        builder.UseSetting("Security:Pii:MasterKeys:k1", Convert.ToBase64String(new byte[32]));
        builder.UseSetting("Security:Pii:SubjectIdKey", Convert.ToBase64String(new byte[32]));
        builder.UseSetting("Audit:CheckpointKey", Convert.ToBase64String(new byte[32]));
    }

    // Each run starts from an empty database: a schema left by an older build (for example one without
    // tenancy) cannot always be migrated in place, and tests must not depend on leftovers.
    public static async Task DropSchemasAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("drop schema if exists casemanagement cascade; drop schema if exists wolverine cascade;", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A second test database beside the main one, created on first use (the test role may create databases).</summary>
    public static async Task<string> EnsureDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.Marten);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(TestDatabases.Marten) { Database = name }.ConnectionString;
    }
}
