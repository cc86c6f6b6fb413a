using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

// Issue 13's start-up benchmark: the published service (build/publish.sh) from process start to /health/ready answering
// 200, in production mode with its pre-generated handler code (Static) and, same binary and same run, compiling that
// code at start (Dynamic). See docs/benchmarks.md and ADR 17.
const string Title = "## Start-up: pre-generated vs runtime-compiled handler code";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var (service, runs, port, output) = (Path.GetFullPath(options.Service), options.Runs, options.Port, options.Output);
var binary = Path.Combine(service, "CaseManagement");
if (!File.Exists(binary))
{
    Console.Error.WriteLine($"No published service at {binary}; run build/publish.sh first (build/bench/run.sh startup does).");
    return 2;
}

var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = await BenchDatabase.EnsureAsync("casemanagement_startup");
var evidence = Directory.CreateTempSubdirectory("casemanagement-startup-evidence").FullName;
var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
var ready = new Uri($"http://127.0.0.1:{port}/health/ready");
var api = new Uri($"http://127.0.0.1:{port}/api/incidents");

// Production applies no schema on start (AutoCreate.None): `resources setup` does, once, before any timed start.
await SetUpSchemaAsync();
var token = await MintTokenAsync();
Console.WriteLine($"{binary}: {runs} runs per side after one warm-up each, interleaved; ready = GET {ready} answers 200");
await StartAsync(Side.Static);
await StartAsync(Side.Dynamic);
var measured = new List<Run>();
for (var run = 1; run <= runs; run++)
{
    foreach (var side in run % 2 == 1 ? new[] { Side.Static, Side.Dynamic } : [Side.Dynamic, Side.Static])
    {
        var result = await StartAsync(side) with { Number = run };
        measured.Add(result);
        Console.WriteLine($"  run {run}: {side,-7} ready {Figures.Seconds(result.Ready)}, first API answer {Figures.Seconds(result.FirstAnswer)}, " +
                          $"listening {Figures.Seconds(result.Listening)}, process CPU {Figures.Seconds(result.Cpu)}");
    }
}

var (staticReady, dynamicReady) = (Ready(Side.Static), Ready(Side.Dynamic));
var ratio = dynamicReady.TotalSeconds / staticReady.TotalSeconds;
var answerRatio = Median.Of(Of(Side.Dynamic).Select(r => r.FirstAnswer)).TotalSeconds / Median.Of(Of(Side.Static).Select(r => r.FirstAnswer)).TotalSeconds;
var met = staticReady < TimeSpan.FromSeconds(1.5);
Console.WriteLine($"\nstatic {Figures.Seconds(staticReady)}, dynamic {Figures.Seconds(dynamicReady)}: static is ready {ratio:0.00}x sooner, answers the API {answerRatio:0.00}x sooner " +
                  $"(goal: static ready < 1.50 s, {(met ? "met" : "missed")})");
if (output is not null)
{
    var inv = CultureInfo.InvariantCulture;
    var loadAfter = HostMachine.LoadAverageNow();
    var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
    var md = string.Join('\n',
        Title, "",
        "Goal (issue 13): the built service answers `/health/ready` in under 1.5 s from process start with pre-generated code (`TypeLoadMode.Static`, " +
        "ADR 17); ratio against the same build compiling its handler code when first needed (`Dynamic`), in the same run (ratio = dynamic time / static time).", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: medians of {runs} starts per side after one warm-up start each, interleaved, the order swapped every run.") + busy, "",
        "| Handler code | Ready (median) | First API answer (median) | Listening (median) | Process CPU until the first API answer (median) |", "|---|--:|--:|--:|--:|",
        SummaryRow("Pre-generated, loaded from the assembly (Static; what production runs)", Side.Static),
        SummaryRow("Compiled with Roslyn when first needed (Dynamic; `CaseManagement:GeneratedCode=Dynamic`)", Side.Dynamic),
        string.Create(inv, $"| **Ratio dynamic/static** | **{ratio:0.00}×** | **{answerRatio:0.00}×** | | |"), "",
        string.Create(inv, $"**Static start: {Figures.Seconds(staticReady)} at the median** (goal < 1.50 s): {(met ? "met" : "**missed**")}."), "",
        "All measured starts, in the order they ran (warm-ups excluded):", "",
        "| Run | Handler code | Ready | First API answer | Listening | Process CPU until the first API answer |", "|--:|---|--:|--:|--:|--:|",
        string.Join('\n', measured.Select(r => string.Create(inv,
            $"| {r.Number} | {r.Side} | {Figures.Seconds(r.Ready)} | {Figures.Seconds(r.FirstAnswer)} | {Figures.Seconds(r.Listening)} | {Figures.Seconds(r.Cpu)} |"))), "",
        "What is measured:", "",
        "- **One binary**: `artifacts/service/CaseManagement` as `build/publish.sh` publishes it (Release, generated code compiled in). Both sides start it in " +
        "the Production environment with the same settings; the Dynamic side adds only `CaseManagement__GeneratedCode=Dynamic`, so Wolverine " +
        "generates and compiles a handler's or endpoint's type with Roslyn when it is first needed instead of loading it. Every start's log must name the mode " +
        "its side asked for, or the benchmark exits non-zero without a report.",
        "- **Ready**: from just before the process starts to the first 200 from `GET /health/ready` (PostgreSQL answers through the event store), " +
        "polled every 10 ms (a plain ASP.NET health check: no Wolverine endpoint runs). **First API answer**: then one `GET /api/incidents` with a " +
        "bearer token (minted once by the same binary's `dev-token` with this run's key), from process start to its 200: the first Wolverine " +
        "endpoint served, so a Dynamic start pays for compiling it here. **Listening**: when the child's log says Kestrel listens. " +
        "**Process CPU**: the child's user and system time after the first API answer; on a busy machine this is the steadier figure.",
        "- **Stopping**: SIGTERM after the first API answer, then the next start; Wolverine's durability agents, the projection daemon and the hash-chain " +
        "schedule start as in production (escalations on), against an empty database of their own (`casemanagement_startup`, schema applied " +
        "once by `resources setup` before the first start).", "",
        "Reproduce: `bash build/bench/run.sh startup` (starts the local PostgreSQL, publishes the service with build/publish.sh, then starts it; " +
        "options after the name, e.g. `--runs K`).", "",
        "Machine:", "",
        machine.MarkdownLines()[0],
        $"- {machine.Dotnet}; the service as build/publish.sh publishes it (Release, the Web SDK's server GC); the benchmark only starts it.",
        $"- PostgreSQL on 127.0.0.1 on the same machine, sharing its {machine.Cores} cores; load average (1, 5, 15 min) " +
        $"{loadBefore} before and {loadAfter} after.");
    MarkdownSection.Write(output, Title, md);
}

Directory.Delete(evidence, recursive: true);
return 0;

TimeSpan Ready(Side side) => Median.Of(Of(side).Select(r => r.Ready));

string SummaryRow(string label, Side side) => string.Create(CultureInfo.InvariantCulture,
    $"| {label} | {Figures.Seconds(Ready(side))} | {Figures.Seconds(Median.Of(Of(side).Select(r => r.FirstAnswer)))} | " +
    $"{Figures.Seconds(Median.Of(Of(side).Select(r => r.Listening)))} | {Figures.Seconds(Median.Of(Of(side).Select(r => r.Cpu)))} |");

IEnumerable<Run> Of(Side side) => measured.Where(r => r.Side == side);

ProcessStartInfo Child(Side side, params string[] arguments)
{
    var start = new ProcessStartInfo(binary, arguments)
    {
        WorkingDirectory = service,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    var env = start.Environment;
    env["ASPNETCORE_ENVIRONMENT"] = "Production";
    env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
    env["ConnectionStrings__Marten"] = connection;
    // Production refuses to start without its keys; these are this run's own, thrown away with it.
    env["Authentication__Jwt__SigningKey"] = key;
    env["Security__Pii__ActiveMasterKeyId"] = "bench";
    env["Security__Pii__MasterKeys__bench"] = key;
    env["Security__Pii__SubjectIdKey"] = key;
    env["Audit__CheckpointKey"] = key;
    env["Evidence__Root"] = evidence;
    env.Remove("CaseManagement__GeneratedCode");
    if (side == Side.Dynamic)
    {
        env["CaseManagement__GeneratedCode"] = "Dynamic";
    }

    return start;
}

async Task SetUpSchemaAsync()
{
    using var setup = Process.Start(Child(Side.Static, "resources", "setup"))!;
    var log = Task.WhenAll(setup.StandardOutput.ReadToEndAsync(), setup.StandardError.ReadToEndAsync());
    await setup.WaitForExitAsync();
    if (setup.ExitCode != 0)
    {
        Console.Error.WriteLine(string.Concat(await log));
        throw new InvalidOperationException($"'resources setup' failed with exit code {setup.ExitCode}.");
    }
}

// A bearer token the service accepts: the same binary's dev-token, signed with this run's key (Development only by design).
async Task<string> MintTokenAsync()
{
    var start = Child(Side.Static, "dev-token", "--sub", "bench@startup.invalid", "--org", "bench", "--role", "auditor", "--hours", "4");
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    using var mint = Process.Start(start)!;
    var (output, errors) = (mint.StandardOutput.ReadToEndAsync(), mint.StandardError.ReadToEndAsync());
    await mint.WaitForExitAsync();
    return mint.ExitCode == 0
        ? (await output).Trim()
        : throw new InvalidOperationException($"'dev-token' failed with exit code {mint.ExitCode}: {await errors}");
}

async Task<Run> StartAsync(Side side)
{
    var watch = new Stopwatch();
    var listening = TimeSpan.Zero;
    string? mode = null;
    var log = new List<string>();
    using var process = new Process { StartInfo = Child(side) };
    process.OutputDataReceived += (_, e) =>
    {
        if (e.Data is not { } line)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
            if (listening == TimeSpan.Zero && line.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening = watch.Elapsed;
            }

            if (line.Contains("code generation mode is ", StringComparison.Ordinal))
            {
                mode = line.Contains("mode is Static", StringComparison.Ordinal) ? nameof(Side.Static) : nameof(Side.Dynamic);
            }
        }
    };
    process.ErrorDataReceived += (_, e) =>
    {
        lock (log)
        {
            log.Add(e.Data ?? "");
        }
    };

    watch.Start();
    process.Start();
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    var readyAt = await WaitUntilReadyAsync(process, watch);
    System.Net.HttpStatusCode? answer = readyAt is null ? null : await FirstAnswerAsync();
    var answeredAt = watch.Elapsed;
    var cpu = process.TotalProcessorTime;
    await StopAsync(process);
    lock (log)
    {
        var failure = readyAt is null ? $"The {side} start never answered {ready} with 200"
            : answer != System.Net.HttpStatusCode.OK ? $"The {side} start answered GET {api} with {answer}, not 200"
            : mode != side.ToString() ? $"The {side} start ran its handler code as {mode ?? "an unnamed mode"}"
            : null;
        if (failure is not null)
        {
            Console.Error.WriteLine(string.Join('\n', log.TakeLast(60)));
            Console.Error.WriteLine($"{failure}; no report written.");
            Environment.Exit(1);
        }
    }

    return new Run(0, side, readyAt!.Value, answeredAt, listening, cpu);
}

async Task<System.Net.HttpStatusCode> FirstAnswerAsync()
{
    using var request = new HttpRequestMessage(HttpMethod.Get, api);
    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    using var patient = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    using var response = await patient.SendAsync(request);
    return response.StatusCode;
}

async Task<TimeSpan?> WaitUntilReadyAsync(Process process, Stopwatch watch)
{
    while (watch.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
    {
        try
        {
            using var answer = await http.GetAsync(ready);
            if (answer.IsSuccessStatusCode)
            {
                return watch.Elapsed;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet.
        }

        await Task.Delay(10);
    }

    return null;
}

// SIGTERM, as an orchestrator stops a container: the service shuts down cleanly and releases its node and locks.
static async Task StopAsync(Process process)
{
    if (!process.HasExited)
    {
        _ = Signals.kill(process.Id, Signals.Term);
    }

    using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    try
    {
        await process.WaitForExitAsync(patience.Token);
    }
    catch (OperationCanceledException)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

internal enum Side
{
    Static,
    Dynamic,
}

internal sealed record Run(int Number, Side Side, TimeSpan Ready, TimeSpan FirstAnswer, TimeSpan Listening, TimeSpan Cpu);

internal static class Signals
{
    public const int Term = 15;

    [DllImport("libc", SetLastError = true)]
    internal static extern int kill(int pid, int sig);
}

internal sealed record Options(string Service, int Runs, int Port, string? Output)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/StartupBenchmark -- [options]
          --service DIR    the published service (default artifacts/service, as build/publish.sh writes it)
          --runs K         measured starts per side after one warm-up each (default 7)
          --port P         the port the service listens on while measured (default $CM_HTTP_PORT, else 5080)
          --output FILE    write the results into FILE's section "Start-up: pre-generated vs runtime-compiled handler code"
        PostgreSQL: ConnectionStrings__MartenTests names the server (its database casemanagement_startup is used), else the local one build/db-up.sh starts.
        """;

    public static Options Parse(OptionReader args)
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("CM_HTTP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 5080;
        var options = new Options("artifacts/service", 7, port, null);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--service" => options with { Service = args.Value() },
                "--runs" => options with { Runs = args.Positive() },
                "--port" => options with { Port = args.Positive() },
                "--output" => options with { Output = args.Value() },
                _ => throw args.Unknown(),
            };
        }

        return options;
    }
}
