using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Fuzz;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// Several nodes of the built service, each its own process on one PostgreSQL database (ADR 25), so one can be killed with
/// SIGKILL (kill -9) as an operator or the kernel would, and started again in its place.
/// </summary>
/// <param name="perNode">Settings of one node (by index) over the shared ones: what would differ between machines, such as a local folder.</param>
public sealed partial class ClusterOfProcesses(string database, IReadOnlyDictionary<string, string> settings, string logFolder,
    Func<int, IReadOnlyDictionary<string, string>>? perNode = null) : IAsyncDisposable
{
    private readonly List<ServiceProcess?> _nodes = [];

    public IReadOnlyList<ServiceProcess?> Nodes => _nodes;

    public async Task StartAsync(int count)
    {
        Directory.CreateDirectory(logFolder);
        await ServiceProcess.SetUpResourcesAsync(ServiceDll(), Settings(0), Path.Combine(logFolder, "resources-setup.log"));
        // One at a time: on two cores, three nodes compiling their handlers at once take longer than one after another.
        for (var i = 0; i < count; i++)
        {
            _nodes.Add(await StartNodeAsync(i));
        }
    }

    /// <summary>SIGKILL: no shutdown hooks run, the node's Wolverine registration and envelopes stay behind as after a crash.</summary>
    public async Task KillAsync(int index)
    {
        var node = _nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");
        using var process = Process.GetProcessById(node.Pid);
        process.Kill();
        await process.WaitForExitAsync();
        await node.DisposeAsync();
        _nodes[index] = null;
    }

    public async Task RestartAsync(int index) => _nodes[index] = await StartNodeAsync(index);

    /// <summary>The node holding an established TCP connection to <paramref name="port"/> on loopback (for example the mail server), if any.</summary>
    public int? NodeConnectedTo(int port)
    {
        var pids = Ss(port);
        return _nodes.FindIndex(n => n is not null && pids.Contains(n.Pid)) is var index and >= 0 ? index : null;
    }

    /// <summary>Wolverine's assignment of its agents (projections, subscriptions, the leader) to nodes, by node number.</summary>
    public Task<IReadOnlyList<(string Agent, int Node)>> AgentsAsync() => QueryAsync("""
        select a.id, n.node_number from wolverine.wolverine_node_assignments a join wolverine.wolverine_nodes n on n.id = a.node_id order by a.id
        """, r => (r.GetString(0), r.GetInt32(1)));

    /// <summary>
    /// The index of the node Wolverine numbered <paramref name="number"/>: <see cref="StartAsync"/> starts the nodes one after
    /// another, so while all of them live, they are registered in the order of their indexes.
    /// </summary>
    public async Task<int> IndexOfNodeAsync(int number)
    {
        var numbers = await QueryAsync("select node_number from wolverine.wolverine_nodes order by node_number", r => r.GetInt32(0));
        numbers.Should().HaveCount(_nodes.Count, "every node of the cluster is alive and registered");
        return numbers.ToList().IndexOf(number);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<Npgsql.NpgsqlDataReader, T> row)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>An HTTP client to a live node, as <paramref name="subject"/> of organisation acme with the roles given.</summary>
    public Task<HttpClient> ClientAsync(string subject, params string[] roles) => ClientAsync(_nodes.FindIndex(n => n is not null), subject, roles);

    /// <summary>An HTTP client to <paramref name="baseUri"/> (a proxy in front of the nodes), as <paramref name="subject"/> of organisation acme.</summary>
    public async Task<HttpClient> ClientAsync(Uri baseUri, string subject, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _nodes.First(n => n is not null)!.TokenAsync(subject, "acme", roles));
        return client;
    }

    /// <summary>An HTTP client to node <paramref name="index"/> only, as <paramref name="subject"/> of organisation acme with the roles given.</summary>
    public async Task<HttpClient> ClientAsync(int index, string subject, params string[] roles)
    {
        var node = _nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");
        // Generous: a fresh node compiles each endpoint's code on its first request, slowly on two busy cores.
        var client = new HttpClient { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await node.TokenAsync(subject, "acme", roles));
        return client;
    }

    public static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue("{0} {1} should succeed: {2} {3}", method, url, (int)response.StatusCode, text);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private Task<ServiceProcess> StartNodeAsync(int index) => ServiceProcess.StartAsync(ServiceDll(), Settings(index), Path.Combine(logFolder, $"node-{index + 1}.log"));

    private Dictionary<string, string> Settings(int index)
    {
        var node = new Dictionary<string, string>(settings) { ["ConnectionStrings:Marten"] = database };
        foreach (var (key, value) in perNode?.Invoke(index) ?? new Dictionary<string, string>())
        {
            node[key] = value;
        }

        return node;
    }

    private static HashSet<int> Ss(int port)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-Htnp", "state", "established", "dst", $"127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
        })!;
        var text = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        return [.. PidPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidPattern();

    /// <summary>The service as build/test.sh built it, in the same configuration as these tests.</summary>
    public static string ServiceDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(Tools.RepositoryRoot, "src", "CaseManagement", "bin", configuration, "net10.0", "CaseManagement.dll");
        File.Exists(dll).Should().BeTrue("the service is built before its tests run ({0})", dll);
        return dll;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.OfType<ServiceProcess>())
        {
            await node.DisposeAsync();
        }
    }
}
