namespace CaseManagement.ShopGeneration;

/// <summary>Where WooCommerce keeps its orders; the options the writer sets tell WooCommerce (and adapters) which store is authoritative.</summary>
public enum WooCommerceOrderStorage
{
    /// <summary>Orders are posts (shop_order / shop_order_refund) with postmeta; no HPOS tables in use.</summary>
    Legacy,

    /// <summary>Orders live in wc_orders and friends; posts holds only shop_order_placehold stubs with the same ids.</summary>
    Hpos,

    /// <summary>HPOS is authoritative and compatibility mode keeps full copies in posts/postmeta.</summary>
    HposWithSync,
}

/// <param name="TablePrefix">WordPress <c>$table_prefix</c>.</param>
/// <param name="TimeZone">IANA id of the site time zone; post_date and similar columns are site-local.</param>
public sealed record WooCommerceWriterOptions(
    string TablePrefix = "wp_",
    string TimeZone = "UTC",
    WooCommerceOrderStorage OrderStorage = WooCommerceOrderStorage.Hpos)
{
    public string SiteUrl { get; init; } = "https://shop.example";

    /// <summary>The shop currency (option woocommerce_currency), used on every order.</summary>
    public string Currency { get; init; } = "USD";

    public string WooCommerceVersion { get; init; } = "9.9.5";

    /// <summary>Orders or customers per transaction.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>Batches written at once, each on its own connection (clones of the caller's); one core each on the server.</summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
}
