using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// Opens a shop connection for reading evidence: a read-only transaction (the shop's read-only user is
/// preferred; this guards the rest), UTC session time zone, and a server-side statement time limit. The
/// transaction starts WITH CONSISTENT SNAPSHOT, so every read through it sees the shop as it was when it opened.
/// </summary>
public static class ShopConnections
{
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromMinutes(20);

    public static async Task<(MySqlConnection Connection, MySqlTransaction Transaction)> OpenReadOnlyAsync(ShopConnectionSettings shop, TimeSpan? statementTimeout,
        CancellationToken ct)
    {
        var timeout = statementTimeout ?? DefaultStatementTimeout;
        var builder = new MySqlConnectionStringBuilder(shop.ConnectionString)
        {
            ConnectionTimeout = 10,
            DefaultCommandTimeout = (uint)Math.Ceiling(timeout.TotalSeconds) + 30,
            AllowUserVariables = false,
        };
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            var isMariaDb = connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
            var limit = isMariaDb
                ? $"SET SESSION max_statement_time = {timeout.TotalSeconds:0}"
                : $"SET SESSION max_execution_time = {timeout.TotalMilliseconds:0}";
            await using (var setup = new MySqlCommand($"SET SESSION time_zone = '+00:00'; {limit}", connection))
            {
                await setup.ExecuteNonQueryAsync(ct);
            }

            await using (var readOnly = new MySqlCommand("SET SESSION TRANSACTION READ ONLY", connection))
            {
                await readOnly.ExecuteNonQueryAsync(ct);
            }

            // Snapshot is REPEATABLE READ started WITH CONSISTENT SNAPSHOT in MySqlConnector.
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Snapshot, ct);
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A safe, specific reason for a failure talking to the shop; never includes the password.</summary>
    public static ShopScopingException Explain(MySqlException ex, ShopConnectionSettings shop)
    {
        var settings = new MySqlConnectionStringBuilder(shop.ConnectionString);
        var where = $"{settings.Server}:{settings.Port}/{settings.Database}";
        var message = ex.ErrorCode switch
        {
            MySqlErrorCode.UnableToConnectToHost => $"The shop database at {where} is unreachable: {ex.Message}",
            MySqlErrorCode.AccessDenied => $"The shop database at {where} refused user '{settings.UserID}': wrong user name or password.",
            MySqlErrorCode.DatabaseAccessDenied => $"User '{settings.UserID}' may not read database '{settings.Database}'.",
            MySqlErrorCode.UnknownDatabase => $"The database '{settings.Database}' does not exist at {settings.Server}:{settings.Port}.",
            MySqlErrorCode.NoSuchTable => $"The shop schema is not what a {shop.Platform} shop with table prefix '{shop.TablePrefix}' has: {ex.Message}",
            MySqlErrorCode.BadFieldError => $"The shop schema differs from the {shop.Platform} layout this adapter reads: {ex.Message}",
            MySqlErrorCode.TableAccessDenied or MySqlErrorCode.ColumnAccessDenied => $"User '{settings.UserID}' may not read a table this task needs: {ex.Message}",
            MySqlErrorCode.QueryInterrupted or MySqlErrorCode.QueryTimeout => "A query on the shop ran past its statement time limit; retry, or ask for less (a narrower window, fewer tables).",
            _ => $"The shop database at {where} answered with error {(int)ex.ErrorCode}: {ex.Message}",
        };
        return new ShopScopingException(message, ex);
    }
}
