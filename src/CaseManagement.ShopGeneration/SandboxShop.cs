using CaseManagement.Shops.Connectivity;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <summary>Marks a generated shop as a sandbox the service may register for exercises (<see cref="SandboxMarker"/>).</summary>
public static class SandboxShop
{
    public static async Task MarkAsync(ShopConnectionSettings shop, int seed, string generator, DateTimeOffset generatedAt, CancellationToken ct)
    {
        var table = SandboxMarker.Table(shop.TablePrefix);
        await using var connection = new MySqlConnection(shop.ConnectionString);
        await connection.OpenAsync(ct);
        await using var create = new MySqlCommand(
            $"CREATE TABLE IF NOT EXISTS `{table}` (generated_at DATETIME NOT NULL, seed INT NOT NULL, generator VARCHAR(200) NOT NULL)", connection);
        await create.ExecuteNonQueryAsync(ct);
        await using var insert = new MySqlCommand($"INSERT INTO `{table}` (generated_at, seed, generator) VALUES (@at, @seed, @generator)", connection);
        insert.Parameters.AddWithValue("@at", generatedAt.UtcDateTime);
        insert.Parameters.AddWithValue("@seed", seed);
        insert.Parameters.AddWithValue("@generator", generator);
        await insert.ExecuteNonQueryAsync(ct);
    }
}
