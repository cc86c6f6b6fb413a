using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Connectivity;

/// <summary>What the generator wrote into a sandbox shop about itself: when, from which seed, with which tool.</summary>
public sealed record SandboxMark(DateTimeOffset GeneratedAt, int Seed, string Generator);

/// <summary>
/// A sandbox shop is a generated copy, never a real shop (ADR 24): the generator writes one row into a table of its own,
/// <c>{prefix}casemanagement_sandbox</c>, which no WooCommerce or Magento installation has. The service reads it before it
/// registers a database as a sandbox.
/// </summary>
public static class SandboxMarker
{
    public static string Table(string prefix) => $"{prefix}casemanagement_sandbox";

    /// <summary>The mark, or null when the database carries none (a real shop, or a copy not made by the generator).</summary>
    public static async Task<SandboxMark?> ReadAsync(ShopConnectionSettings shop, CancellationToken ct)
    {
        var table = Table(shop.TablePrefix);
        await foreach (var _ in ShopQuery.StreamAsync(shop, TimeSpan.FromSeconds(30), (connection, _, _) =>
                       {
                           var command = new MySqlCommand("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @table", connection);
                           command.Parameters.AddWithValue("@table", table);
                           return Task.FromResult(command);
                       }, r => r.GetInt32(0), ct))
        {
            await foreach (var mark in ShopQuery.StreamAsync(shop, TimeSpan.FromSeconds(30), (connection, _, _) =>
                               Task.FromResult(new MySqlCommand($"SELECT generated_at, seed, generator FROM `{table}` ORDER BY generated_at DESC LIMIT 1", connection)),
                               r => new SandboxMark(new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc)), r.GetInt32(1), r.GetString(2)), ct))
            {
                return mark;
            }
        }

        return null;
    }
}
