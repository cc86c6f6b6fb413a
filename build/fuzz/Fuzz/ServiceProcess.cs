using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fuzz;

/// <summary>
/// The built service (CaseManagement.dll) started as its own process on a free loopback port in Development, on a database
/// of its own that is emptied first, so hostile requests meet Kestrel and the whole pipeline as a client would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Dictionary<string, string> _environment;
    private readonly string _dll;
    private int _disposed;

    private ServiceProcess(Process process, Uri baseUri, string dll, Dictionary<string, string> environment, string log)
    {
        _process = process;
        BaseUri = baseUri;
        _dll = dll;
        _environment = environment;
        LogFile = log;
    }

    public Uri BaseUri { get; }

    public string LogFile { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The service's resident memory now (VmRSS), in bytes.</summary>
    public long ResidentBytes() =>
        File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024
            : 0;

    /// <param name="dll">The built service, e.g. src/CaseManagement/bin/Release/net10.0/CaseManagement.dll.</param>
    /// <param name="settings">Configuration keys ("Section:Key") and values; connection strings included.</param>
    public static async Task<ServiceProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        var environment = EnvironmentOf(settings);
        environment["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var process = Start(dll, [], environment, logFile);
        var service = new ServiceProcess(process, baseUri, dll, environment, logFile);
        bool ready;
        try
        {
            ready = await WaitUntilReadyAsync(process, new Uri(baseUri, "/health/ready"), TimeSpan.FromMinutes(3));
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"the service did not start ({ex.Message}); see {logFile}", ex);
        }

        if (ready)
        {
            return service;
        }

        await service.DisposeAsync();
        throw new TimeoutException($"the service did not become ready within 3 minutes; see {logFile}");
    }

    /// <summary>
    /// The service's own <c>resources setup</c> with these settings: the database schema applied before any node starts, as
    /// build/run-nodes.sh and a production deployment do. Nodes started together on an empty database would otherwise each
    /// create a table on its first use, and the loser of such a race answers that request with an error.
    /// </summary>
    public static async Task SetUpResourcesAsync(string dll, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        using var setup = Start(dll, ["resources", "setup"], EnvironmentOf(settings), logFile);
        await setup.WaitForExitAsync();
        if (setup.ExitCode != 0)
        {
            throw new InvalidOperationException($"resources setup failed (exit {setup.ExitCode}); see {logFile}");
        }
    }

    private static Dictionary<string, string> EnvironmentOf(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_NOLOGO"] = "1",
            ["CaseManagement__SeedDemoIncident"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200 (true) or <paramref name="within"/> has passed (false).</summary>
    /// <exception cref="InvalidOperationException">The process exited meanwhile.</exception>
    public static async Task<bool> WaitUntilReadyAsync(Process process, Uri url, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} while starting");
            }

            try
            {
                if ((await http.GetAsync(url)).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>A bearer token from the service's own dev-token command, with the same configuration.</summary>
    public async Task<string> TokenAsync(string subject, string organisation, params string[] roles)
    {
        string[] arguments = ["dev-token", "--sub", subject, "--org", organisation, .. roles.SelectMany(r => new[] { "--role", r })];
        var output = Path.GetTempFileName();
        try
        {
            using var command = Start(_dll, arguments, _environment, output);
            await command.WaitForExitAsync();
            var text = (await File.ReadAllTextAsync(output)).Trim();
            // An empty token would be sent as "Bearer " and refused 401 far from here: say so where it happens.
            return command.ExitCode == 0 && text.Split('\n')[^1].Trim() is { Length: > 0 } token
                ? token
                : throw new InvalidOperationException($"dev-token printed no token (exit {command.ExitCode}): '{text}'");
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static Process Start(string dll, string[] arguments, Dictionary<string, string> environment, string outputFile)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return StartLogged(start, outputFile);
    }

    /// <summary>Starts <paramref name="start"/> with its standard output and error appended to <paramref name="outputFile"/>.</summary>
    public static Process StartLogged(ProcessStartInfo start, string outputFile)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var log = new StreamWriter(outputFile, append: true) { AutoFlush = true };
        var gate = new object();
        var open = 2;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        // The file is closed when both streams have ended (a null line), not when the process exits: the Exited event can
        // come before the last lines are read, and closing then lost them (a dev-token's only line, its token, among them).
        void Write(string? line)
        {
            lock (gate)
            {
                if (line is not null)
                {
                    log.WriteLine(line);
                }
                else if (--open == 0)
                {
                    log.Dispose();
                }
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the service; again is nothing (a benchmark stops it before its own scope ends).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
