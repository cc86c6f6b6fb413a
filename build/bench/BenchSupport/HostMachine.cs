using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace BenchSupport;

/// <summary>What the figures were measured on, stated the same way in every benchmark report.</summary>
public sealed record HostMachine(string Cpu, int Cores, long MemoryBytes, string Os, string Dotnet, string Gc)
{
    public static HostMachine Read() => new(
        CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "server GC" : "workstation GC");

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was.</summary>
    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// A warning for the report when other work shared the cores (a 1-minute load average above the core count before
    /// or after), so busy-machine figures are never read as the machine's own; null on a quiet machine.
    /// </summary>
    public string? BusyWarning(string loadBefore, string loadAfter) =>
        Math.Max(OneMinute(loadBefore), OneMinute(loadAfter)) > Cores
            ? $"**Measured on a busy machine**: the 1-minute load average was {loadBefore.Split(' ')[0]} before and {loadAfter.Split(' ')[0]} after on " +
              $"{Cores} cores, so other work took turns on them; the figures are noisy and only show that the benchmark runs. Re-run on a quiet machine."
            : null;

    /// <summary>
    /// As <see cref="BusyWarning"/>, judged only before the run, for a benchmark whose own servers (the service, PostgreSQL,
    /// MariaDB) keep the cores busy while it runs, so the load it leaves behind is its own.
    /// </summary>
    public string? BusyBeforeWarning(string loadBefore) =>
        OneMinute(loadBefore) > Cores
            ? $"**Measured on a busy machine**: the 1-minute load average was {loadBefore.Split(' ')[0]} before the run on {Cores} cores, so other " +
              "work took turns on them; the figures are noisy and only show that the benchmark runs. Re-run on a quiet machine."
            : null;

    private static double OneMinute(string load) =>
        double.TryParse(load.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The report's machine lines: processor, memory and OS; runtime and garbage collector.</summary>
    public IReadOnlyList<string> MarkdownLines() =>
    [
        string.Create(CultureInfo.InvariantCulture, $"- {Cpu}, {Cores} logical cores, {MemoryBytes / 1e9:N1} GB RAM; {Os}."),
        $"- {Dotnet}, {Gc} (as the service, which runs on the Web SDK), Release build.",
    ];

    private static string? CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").Where(l => l.StartsWith("model name", StringComparison.Ordinal)).Select(l => l.Split(':', 2)[1].Trim()).FirstOrDefault()
            : null;
}
