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
