using MySqlConnector;

namespace CaseManagement.Shops.Connectivity;

public sealed record ShopDatabaseProbeResult(bool Reachable, string? ServerVersion, string? Database, string? Problem);

/// <summary>
/// Checks that a shop's database answers with the given settings before anyone relies on it, and says
/// in plain words what is wrong when it does not. Never echoes the password.
/// </summary>
public static class ShopDatabaseProbe
{
    public static async Task<ShopDatabaseProbeResult> ProbeAsync(string connectionString, CancellationToken ct = default)
    {
        MySqlConnectionStringBuilder settings;
        try
        {
            settings = new MySqlConnectionStringBuilder(connectionString) { ConnectionTimeout = 5, DefaultCommandTimeout = 10 };
        }
        catch (ArgumentException ex)
        {
            return new ShopDatabaseProbeResult(false, null, null, $"The connection settings are malformed: {ex.Message}");
        }

        try
        {
            await using var connection = new MySqlConnection(settings.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new MySqlCommand("SELECT DATABASE()", connection);
            var database = await command.ExecuteScalarAsync(ct) as string;
            return new ShopDatabaseProbeResult(true, connection.ServerVersion, database, null);
        }
        catch (MySqlException ex)
        {
            return new ShopDatabaseProbeResult(false, null, null, Explain(ex, settings));
        }
    }

    private static string Explain(MySqlException ex, MySqlConnectionStringBuilder s) => ex.ErrorCode switch
    {
        MySqlErrorCode.UnableToConnectToHost => $"Cannot reach a MySQL/MariaDB server at {s.Server}:{s.Port}.",
        MySqlErrorCode.AccessDenied => $"The server at {s.Server}:{s.Port} refused the credentials of user '{s.UserID}'.",
        MySqlErrorCode.UnknownDatabase => $"The server at {s.Server}:{s.Port} has no database '{s.Database}'.",
        MySqlErrorCode.DatabaseAccessDenied => $"User '{s.UserID}' may not use database '{s.Database}'.",
        _ => $"The shop database at {s.Server}:{s.Port} failed: {ex.Message}",
    };
}
