using System.Globalization;

namespace BenchSupport;

/// <summary>
/// The kernel's peak resident set size of this process (VmHWM). Writing 5 to /proc/self/clear_refs resets it, so each
/// run's peak is its own rather than the process's lifetime peak. Linux only, like the machines this runs on.
/// </summary>
public static class PeakRss
{
    private const string Status = "/proc/self/status";

    public static bool Available => File.Exists(Status) && File.Exists("/proc/self/clear_refs");

    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static long Read()
    {
        var line = File.ReadLines(Status).First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
