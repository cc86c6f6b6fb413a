using System.Runtime;
using System.Runtime.InteropServices;

namespace NotificationBenchmark;

/// <summary>What the figures were measured on; the load average shows how busy the shared machine was.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, long MemoryBytes, string Os, string Dotnet, string Gc, string LoadAverage)
{
    public static MachineInfo Read() => new(
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "server GC" : "workstation GC",
        LoadAverageNow());

    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ProcLine(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l.Split(':', 2)[1].Trim()).FirstOrDefault()
            : null;
}
