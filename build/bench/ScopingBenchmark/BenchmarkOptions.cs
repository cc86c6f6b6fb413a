using BenchSupport;
using CaseManagement.Shops;

namespace ScopingBenchmark;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
internal sealed record BenchmarkOptions(
    int Orders,
    int Customers,
    IReadOnlyList<ShopPlatform> Platforms,
    string? Output,
    int Runs,
    bool Regenerate)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/ScopingBenchmark -- [options]
          --orders N            orders per shop (default 1000000)
          --customers N         registered customers per shop (default 500000)
          --platform P          woocommerce | magento | both (default both)
          --runs K              measured runs per side after one warm-up (default 3)
          --output FILE         write the results into FILE's section "Scoping: shop adapters vs raw SQL aggregate"
          --regenerate          drop and regenerate the benchmark shops even if they are complete
        MariaDB: 127.0.0.1:$CM_MARIADB_PORT (default 53306), as build/db-up.sh starts it.
        """;

    public static BenchmarkOptions Parse(OptionReader args)
    {
        var options = new BenchmarkOptions(1_000_000, 500_000, [ShopPlatform.WooCommerce, ShopPlatform.Magento], null, 3, false);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--orders" => options with { Orders = args.Positive() },
                "--customers" => options with { Customers = args.Positive() },
                "--runs" => options with { Runs = args.Positive() },
                "--output" => options with { Output = args.Value() },
                "--regenerate" => options with { Regenerate = true },
                "--platform" => options with
                {
                    Platforms = args.Value().ToLowerInvariant() switch
                    {
                        "woocommerce" => [ShopPlatform.WooCommerce],
                        "magento" => [ShopPlatform.Magento],
                        "both" => [ShopPlatform.WooCommerce, ShopPlatform.Magento],
                        var other => throw new ArgumentException($"Unknown platform '{other}'."),
                    },
                },
                _ => throw args.Unknown(),
            };
        }

        return options;
    }
}
