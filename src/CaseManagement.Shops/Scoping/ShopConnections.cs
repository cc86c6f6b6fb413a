using System.Net.Sockets;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// Opens shop connections: UTC session time zone and a server-side statement time limit, either for reading evidence
/// (a read-only transaction started WITH CONSISTENT SNAPSHOT, so every read sees one moment; the shop's read-only user is
/// preferred, this guards the rest) or for containment writes.
/// </summary>
public static class ShopConnections
{
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromMinutes(20);

    // MariaDB's max_statement_time error (ER_STATEMENT_TIMEOUT), which MySqlConnector has no name for.
    private const MySqlErrorCode MariaDbStatementTimeout = (MySqlErrorCode)1969;

    /// <summary>The words a failure message uses for the work that failed.</summary>
    /// <param name="Access">What the work does to tables: "read", "read or change".</param>
    internal sealed record ShopWork(string Name, string Access, string TimeLimitAdvice);

    internal static readonly ShopWork Scoping = new("scoping", "read", "retry, or narrow the window.");

    internal static readonly ShopWork Evidence = new("evidence copy", "read", "retry, or preserve fewer tables.");

    public static async Task<(MySqlConnection Connection, MySqlTransaction Transaction)> OpenReadOnlyAsync(ShopConnectionSettings shop, TimeSpan? statementTimeout,
        CancellationToken ct)
    {
        var connection = await OpenAsync(shop, statementTimeout ?? DefaultStatementTimeout, ct);
        try
        {
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

    /// <summary>An open connection with the UTC session time zone and <paramref name="timeout"/> as the server's statement limit; no transaction yet.</summary>
    internal static async Task<MySqlConnection> OpenAsync(ShopConnectionSettings shop, TimeSpan timeout, CancellationToken ct)
    {
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
            await using var setup = new MySqlCommand($"SET SESSION time_zone = '+00:00'; {limit}", connection);
            await setup.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A safe, specific reason for a failure talking to the shop; never includes the password.</summary>
    public static ShopScopingException Explain(MySqlException ex, ShopConnectionSettings shop) => Explain(ex, shop, Scoping);

    internal static ShopScopingException Explain(MySqlException ex, ShopConnectionSettings shop, ShopWork work) => new(Describe(ex, shop, work), ex);

    /// <summary>The reason for a failure in words safe to show and record: names the server, database and user, never the password.</summary>
    internal static string Describe(MySqlException ex, ShopConnectionSettings shop, ShopWork work)
    {
        var settings = new MySqlConnectionStringBuilder(shop.ConnectionString);
        var where = $"{settings.Server}:{settings.Port}/{settings.Database}";
        return ex.ErrorCode switch
        {
            MySqlErrorCode.UnableToConnectToHost => $"The shop database at {where} is unreachable: {ex.Message}",
            MySqlErrorCode.AccessDenied => $"The shop database at {where} refused user '{settings.UserID}': wrong user name or password.",
            MySqlErrorCode.DatabaseAccessDenied => $"User '{settings.UserID}' may not {work.Access} database '{settings.Database}'.",
            MySqlErrorCode.UnknownDatabase => $"The database '{settings.Database}' does not exist at {settings.Server}:{settings.Port}.",
            MySqlErrorCode.NoSuchTable => $"The shop schema is not what a {shop.Platform} shop with table prefix '{shop.TablePrefix}' has: {ex.Message}",
            MySqlErrorCode.BadFieldError => $"The shop schema differs from the {shop.Platform} layout this adapter reads: {ex.Message}",
            MySqlErrorCode.TableAccessDenied or MySqlErrorCode.ColumnAccessDenied =>
                $"User '{settings.UserID}' may not {work.Access} a table {work.Name} needs: {ex.Message}",
            MySqlErrorCode.QueryInterrupted or MySqlErrorCode.QueryTimeout or MariaDbStatementTimeout or MySqlErrorCode.CommandTimeoutExpired =>
                $"The {work.Name} query ran past its statement time limit; {work.TimeLimitAdvice}",
            MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout =>
                $"The shop database at {where} was busy ({ex.Message}); nothing was changed, and the {work.Name} step can be retried.",
            MySqlErrorCode.OptionPreventsStatement or MySqlErrorCode.ReadOnlyTransaction or MySqlErrorCode.CannotExecuteInReadOnlyTransaction =>
                $"The shop database at {where} refuses changes (a read-only server or replica?): {ex.Message}",
            _ when IsTransient(ex) => $"The connection to the shop database at {where} failed: {ex.Message}",
            _ => $"The shop database at {where} answered with error {(int)ex.ErrorCode}: {ex.Message}",
        };
    }

    /// <summary>Whether the same work may succeed if simply retried: the server was unreachable, busy, too slow or went away.</summary>
    internal static bool IsTransient(MySqlException ex) =>
        ex.IsTransient
        || ex.ErrorCode is MySqlErrorCode.QueryInterrupted or MySqlErrorCode.QueryTimeout or MariaDbStatementTimeout or MySqlErrorCode.CommandTimeoutExpired
            or MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout or MySqlErrorCode.XARBDeadlock
            or MySqlErrorCode.ServerShutdown or MySqlErrorCode.ConnectionCountError or MySqlErrorCode.TooManyUserConnections
            or MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ClientInteractionTimeout
        // A connection lost mid-statement surfaces with the socket or stream failure inside.
        || ex.InnerException is IOException or SocketException;
}
