namespace CaseManagement.Shops.Model;

/// <summary>Where and how to read one shop's database.</summary>
/// <param name="TablePrefix">WordPress <c>$table_prefix</c> (usually "wp_") or Magento's optional <c>db/table_prefix</c> ("" when none).</param>
/// <param name="TimeZone">IANA id of the shop's site time zone, for WordPress's site-local columns; null reads the shop's own options.</param>
public sealed record ShopConnectionSettings(
    ShopPlatform Platform,
    string ConnectionString,
    string TablePrefix,
    string? TimeZone = null);
