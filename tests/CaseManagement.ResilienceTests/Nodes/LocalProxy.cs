using System.Diagnostics;
using CaseManagement.IntegrationTests.Infrastructure;
using Fuzz;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// Debian's HAProxy in front of the nodes on loopback, with build/run-nodes.sh's configuration (build/lib/haproxy-nodes.cfg:
/// round robin, health checks on /health/ready every 2 s, a node dropped after two failed checks, a refused connection sent to
/// another node).
/// </summary>
public sealed class LocalProxy : IAsyncDisposable
{
    private readonly Process _process;

    private LocalProxy(Process process, Uri baseUri) => (_process, BaseUri) = (process, baseUri);

    public Uri BaseUri { get; }

    public static async Task<LocalProxy> StartAsync(IEnumerable<Uri> nodes, string folder)
    {
        Directory.CreateDirectory(folder);
        var port = ServiceProcess.FreePort();
        var servers = string.Join('\n', nodes.Select((node, i) => $"  server node{i + 1} {node.Host}:{node.Port} check inter 2s fall 2 rise 1"));
        var config = Path.Combine(folder, "haproxy.cfg");
        var template = await File.ReadAllTextAsync(Path.Combine(Tools.RepositoryRoot, "build", "lib", "haproxy-nodes.cfg"));
        await File.WriteAllTextAsync(config, template.Replace("@PORT@", $"{port}", StringComparison.Ordinal).Replace("@SERVERS@", servers, StringComparison.Ordinal));
        var log = Path.Combine(folder, "haproxy.log");
        var proxy = new LocalProxy(ServiceProcess.StartLogged(new ProcessStartInfo("/usr/sbin/haproxy", ["-f", config, "-db"]), log), new Uri($"http://127.0.0.1:{port}"));
        if (await ServiceProcess.WaitUntilReadyAsync(proxy._process, new Uri(proxy.BaseUri, "/health/ready"), TimeSpan.FromSeconds(30)))
        {
            return proxy;
        }

        await proxy.DisposeAsync();
        throw new TimeoutException($"HAProxy did not pass a request to a node within 30 s; see {log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
