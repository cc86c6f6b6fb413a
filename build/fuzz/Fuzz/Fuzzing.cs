using System.Text.Json.Nodes;
using Npgsql;

namespace Fuzz;

/// <param name="Requests">How many hostile requests to send (CI sends a seeded sample of 2,000; build/fuzz.sh 10,000).</param>
/// <param name="Seed">The same seed sends the same requests in the same order.</param>
/// <param name="ServiceDll">The built service to start.</param>
/// <param name="EventStore">A PostgreSQL connection string; the run uses database casemanagement_fuzz on that server, emptied first.</param>
/// <param name="ShopServer">A MariaDB connection string for a generated shop to register, or null to run without one.</param>
/// <param name="Output">Where the service's log and the report go.</param>
public sealed record FuzzOptions(int Requests, int Seed, string ServiceDll, string EventStore, string? ShopServer, string Output);

/// <summary>A whole run: a fresh database, the service started on it, fixtures, the hostile requests, the report.</summary>
public static class Fuzzing
{
    public const string Database = "casemanagement_fuzz";

    public static async Task<FuzzReport> RunAsync(FuzzOptions options, TextWriter log)
    {
        var eventStore = await FreshDatabaseAsync(options.EventStore);
        Directory.CreateDirectory(options.Output);
        await using var service = await ServiceProcess.StartAsync(options.ServiceDll, new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = eventStore,
            ["Evidence:Root"] = Path.Combine(Path.GetFullPath(options.Output), "evidence"),
        }, Path.Combine(options.Output, $"service-{options.Seed}.log"));
        var token = await service.TokenAsync("fuzz.lead@example.test", Fixtures.Organisation, "responder", "compliance-lead", "approver", "auditor", "admin", "integrator");
        using var http = new HttpClient { BaseAddress = service.BaseUri };
        var api = ApiDescription.Read(JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!);
        var fixtures = await Fixtures.CreateAsync(service.BaseUri, token, options.ShopServer, options.Seed, log);
        if (!fixtures.Ids.TryGetValue("incident", out var incidents) || incidents.Count == 0)
        {
            throw new InvalidOperationException($"the fixtures made no incident, so the hostile requests would aim at nothing; see the fixture lines of the log and {service.LogFile}");
        }

        log.WriteLine($"service pid {service.Pid} on {service.BaseUri}; {api.Operations.Count} operations; {options.Requests:N0} requests, seed {options.Seed}");

        var report = await new FuzzRun(service.BaseUri, eventStore, log)
            .RunAsync(new HostileRequests(api, fixtures, token, service.BaseUri, options.Seed), options.Requests, service.ResidentBytes);
        if (service.HasExited)
        {
            throw new InvalidOperationException($"the service ended during the run; see {service.LogFile}");
        }

        await File.WriteAllTextAsync(Path.Combine(options.Output, $"fuzz-{options.Seed}-{options.Requests}.json"), report.ToJson());
        return report;
    }

    private static async Task<string> FreshDatabaseAsync(string server)
    {
        // A test before this one may have restarted PostgreSQL: pooled connections from then are dead.
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
            exists.Parameters.AddWithValue("name", Database);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"create database \"{Database}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var fuzz = new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
        await using var database = new NpgsqlConnection(fuzz);
        await database.OpenAsync();
        await using var drop = new NpgsqlCommand("drop schema if exists casemanagement cascade; drop schema if exists wolverine cascade;", database);
        await drop.ExecuteNonQueryAsync();
        return fuzz;
    }
}
