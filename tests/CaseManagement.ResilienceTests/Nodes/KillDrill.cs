using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Nodes;

/// <summary>
/// What the kill drills share: waiting on a node's answers with a deadline, the settings every node of a drill runs with, and
/// the figures each drill prints and keeps (artifacts/kill-drills/&lt;drill&gt;.txt) for docs/reliability.md.
/// </summary>
public sealed class KillDrill(string name, ITestOutputHelper output)
{
    private readonly List<string> _lines = [];

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public static string LogFolder(string drill) => Path.Combine(Tools.RepositoryRoot, "artifacts", "kill-drills", drill);

    /// <summary>Settings of every node in a drill: no escalations or monitoring passes in the way, evidence in a folder of the drill's own.</summary>
    public static Dictionary<string, string> NodeSettings(string drill) => new()
    {
        ["Escalation:Enabled"] = "false",
        ["Monitoring:IntervalMinutes"] = TestHosts.MonitoringIntervalMinutes.ToString(CultureInfo.InvariantCulture),
        ["Evidence:Root"] = Path.Combine(AppFixture.EvidenceRoot, drill),
    };

    /// <summary>An integer setting of the drill from the environment (seed, number of kills), or its default.</summary>
    public static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>GETs <paramref name="url"/> until <paramref name="done"/> holds; fails after <paramref name="limit"/> with the last answer.</summary>
    public Task<JsonNode> UntilAsync(HttpClient client, string url, Func<JsonNode, bool> done, TimeSpan limit, string what) =>
        UntilAsync(() => ClusterOfProcesses.SendAsync(client, HttpMethod.Get, url), done, limit, what, last => $"{url}: {last.ToJsonString()}");

    /// <summary>Reads until <paramref name="done"/> holds; fails after <paramref name="limit"/> with the last reading, as <paramref name="show"/> words it.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit, string what, Func<T, string> show)
    {
        var started = Clock.Elapsed;
        while (true)
        {
            var last = await read();
            if (done(last))
            {
                return last;
            }

            (Clock.Elapsed - started).Should().BeLessThan(limit, "{0} within {1}; the last reading was {2}", what, limit, show(last));
            await Task.Delay(200);
        }
    }

    /// <summary>A line of the drill's figures: printed now, and kept for the file <see cref="Keep"/> writes.</summary>
    public void Say(string line)
    {
        var stamped = $"[{Clock.Elapsed.TotalSeconds,7:F1} s] {line}";
        _lines.Add(stamped);
        output.WriteLine(stamped);
    }

    /// <summary>Writes the figures to artifacts/kill-drills/&lt;drill&gt;.txt, so a run's numbers survive the test runner's quiet output.</summary>
    public void Keep()
    {
        var folder = Path.Combine(Tools.RepositoryRoot, "artifacts", "kill-drills");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, $"{name}.txt"),
            [$"{name} at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}", .. _lines]);
    }

    /// <summary>The machine's 1-minute load average: the drills' times depend on it, so the figures carry it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
