using System.Globalization;

namespace BenchSupport;

/// <summary>How benchmark reports write times and memory, so every table in docs/benchmarks.md reads alike.</summary>
public static class Figures
{
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("N0", CultureInfo.InvariantCulture) + " MB";
}
