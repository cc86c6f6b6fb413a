using Npgsql;

namespace BenchSupport;

/// <summary>
/// A benchmark's own PostgreSQL database beside the tests' one (the server ConnectionStrings__MartenTests names, else
/// the local one build/db-up.sh starts), created on first use, so a benchmark and a test run never empty each other's.
/// </summary>
public static class BenchDatabase
{
    public static async Task<string> EnsureAsync(string name)
    {
        var tests = Environment.GetEnvironmentVariable("ConnectionStrings__MartenTests")
                    ?? "Host=127.0.0.1;Port=55432;Database=casemanagement_tests;Username=casemanagement;Password=casemanagement";
        await using var connection = new NpgsqlConnection(tests);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(tests) { Database = name }.ConnectionString;
    }
}
