using BenchSupport;
using CaseManagement.Shops;
using CaseManagement.ShopGeneration;
using MySqlConnector;

namespace ScopingBenchmark;

/// <summary>The goal from the product issue.</summary>
internal static class Goal
{
    // Issue 19 raised the product issue's 0.75× to 0.9×.
    public const double MinimumRatio = 0.9;
    public const long MaximumPeakBytes = 300_000_000;
}

internal sealed record PlatformResult(
    ShopPlatform Platform,
    string Database,
    ShopGenerationResult Generation,
    bool Reused,
    long StoredOrders,
    IReadOnlyList<RawRun> Raw,
    IReadOnlyList<AdapterRun> Adapter)
{
    public string Name => Platform == ShopPlatform.WooCommerce ? "WooCommerce (HPOS)" : "Magento 2";

    public TimeSpan RawMedian => Median(Raw.Select(r => r.Elapsed));

    public TimeSpan AdapterMedian => Median(Adapter.Select(r => r.Elapsed));

    public TimeSpan FirstPersonMedian => Median(Adapter.Select(r => r.FirstPerson));

    public TimeSpan ProcessCpuMedian => Median(Adapter.Select(r => r.ProcessCpu));

    /// <summary>Raw time over adapter time: 1 means as fast as the raw aggregate, 0.75 means 75 % of its speed.</summary>
    public double Ratio => RawMedian / AdapterMedian;

    public long RowsScanned => Adapter[0].RowsScanned;

    public long People => Adapter[0].Counts.People;

    public long Jurisdictions => Adapter[0].Counts.ByJurisdiction.Count;

    public double AdapterRowsPerSecond => RowsScanned / AdapterMedian.TotalSeconds;

    public double AllocatedPerRow => (double)Adapter.Average(r => r.AllocatedBytes) / RowsScanned;

    public MemoryPeak Memory => MemoryPeak.Max(Adapter.Select(r => r.Memory));

    public bool MeetsSpeed => Ratio >= Goal.MinimumRatio;

    public bool MeetsMemory => Memory.PeakRss < Goal.MaximumPeakBytes;

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Where the figures were taken: the host, and the MariaDB server the shops live in.</summary>
internal sealed record MachineInfo(HostMachine Host, string MariaDb, long BufferPoolBytes)
{
    public static async Task<MachineInfo> ReadAsync(BenchShop shop, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(shop.ReadOnlyConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand("SELECT VERSION(), @@innodb_buffer_pool_size", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new MachineInfo(HostMachine.Read(), reader.GetString(0), Convert.ToInt64(reader.GetValue(1)));
    }
}
