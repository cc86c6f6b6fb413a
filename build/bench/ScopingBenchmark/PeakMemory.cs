using System.Diagnostics;

namespace ScopingBenchmark;

/// <summary>What the process held at most while a measured span ran.</summary>
/// <param name="PeakRss">Peak resident set size of the whole process (runtime, JIT, GC heaps, MySqlConnector buffers).</param>
/// <param name="RssSource">How <paramref name="PeakRss"/> was obtained.</param>
/// <param name="PeakManagedHeap">Largest GC heap size seen by sampling (live objects plus garbage not yet collected).</param>
internal sealed record MemoryPeak(long PeakRss, string RssSource, long PeakManagedHeap)
{
    public static MemoryPeak Max(IEnumerable<MemoryPeak> peaks) =>
        peaks.Aggregate((a, b) => new MemoryPeak(Math.Max(a.PeakRss, b.PeakRss), a.RssSource, Math.Max(a.PeakManagedHeap, b.PeakManagedHeap)));
}

/// <summary>
/// Watches memory over one measured span. On Linux the process resets the kernel's own high-water mark
/// (VmHWM) by writing 5 to /proc/self/clear_refs, so the peak RSS is exact for the span rather than the
/// process's lifetime (which includes data generation). Elsewhere the peak RSS is the largest sampled working
/// set. The managed heap is sampled every 50 ms either way.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly bool kernelPeak;
    private readonly Thread sampler;
    private readonly ManualResetEventSlim stop = new();
    private long sampledRss;
    private long sampledHeap;

    private PeakMemory()
    {
        kernelPeak = TryResetKernelPeak();
        // A dedicated thread keeps sampling even when the thread pool is saturated by the measured work.
        sampler = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        sampler.Start();
    }

    public static PeakMemory Start() => new();

    public MemoryPeak Stop()
    {
        stop.Set();
        sampler.Join();
        TakeSample();
        using var process = Process.GetCurrentProcess();
        return kernelPeak
            ? new MemoryPeak(process.PeakWorkingSet64, "kernel peak RSS (VmHWM, reset before each run)", sampledHeap)
            : new MemoryPeak(sampledRss, "largest working set sampled every 50 ms", sampledHeap);
    }

    public void Dispose() => stop.Dispose();

    private static bool TryResetKernelPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Sample()
    {
        do
        {
            TakeSample();
        }
        while (!stop.Wait(Interval));
    }

    private void TakeSample()
    {
        sampledRss = Math.Max(sampledRss, Environment.WorkingSet);
        sampledHeap = Math.Max(sampledHeap, GC.GetTotalMemory(forceFullCollection: false));
    }
}
