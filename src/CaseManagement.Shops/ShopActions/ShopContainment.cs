using CaseManagement.Shops.Model;
using CaseManagement.Shops.Schema;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.ShopActions;

/// <summary>
/// Runs containment steps against one shop: each step of an action's playbook in one transaction that commits only when
/// the whole step succeeded, so a failure leaves the shop as it was. Capture and scans read in a read-only transaction.
/// Database errors become <see cref="ShopContainmentException"/>s with a safe message. The platforms supply the playbooks.
/// </summary>
public abstract class ShopContainment : IShopContainment
{
    /// <summary>Containment statements touch a few rows, or one column of every customer: minutes would mean a lock, not work.</summary>
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromMinutes(5);

    private static readonly ShopConnections.ShopWork Containment = new("containment", "read or change", "the step was rolled back and can be retried.");

    private readonly ShopConnectionSettings shop;
    private readonly TimeSpan timeout;

    private protected ShopContainment(ShopConnectionSettings shop, TimeSpan? statementTimeout)
    {
        // The prefix is spliced into table names.
        ShopSchema.ValidatePrefix(shop.TablePrefix);
        this.shop = shop;
        timeout = statementTimeout ?? DefaultStatementTimeout;
    }

    public abstract ShopPlatform Platform { get; }

    public abstract ActionCapability Capability(ContainmentAction action);

    public Task<ActionSnapshot> CaptureAsync(ContainmentAction action, CancellationToken ct) => RunAsync(writing: false, Playbook(action).CaptureAsync, ct);

    public Task<ActionOutcome> ApplyAsync(ContainmentAction action, ActionSnapshot before, CancellationToken ct)
    {
        var playbook = Playbook(action);
        return RunAsync(writing: true, session => playbook.ApplyAsync(session, before), ct);
    }

    public Task<ActionOutcome> CompensateAsync(ContainmentAction action, ActionSnapshot before, CompensationOptions options, CancellationToken ct)
    {
        var playbook = Playbook(action);
        return RunAsync(writing: true, session => playbook.CompensateAsync(session, before, options), ct);
    }

    public Task<SkimmerScan> ScanForSkimmersAsync(CancellationToken ct) => RunAsync(writing: false, ScanAsync, ct);

    /// <exception cref="ShopContainmentException">The platform cannot do the action through its database (permanent).</exception>
    private protected abstract IPlaybook Playbook(ContainmentAction action);

    private protected abstract Task<SkimmerScan> ScanAsync(ContainmentSession session);

    private async Task<T> RunAsync<T>(bool writing, Func<ContainmentSession, Task<T>> work, CancellationToken ct)
    {
        try
        {
            var (connection, transaction) = writing ? await OpenWritingAsync(ct) : await ShopConnections.OpenReadOnlyAsync(shop, timeout, ct);
            await using var _ = connection;
            await using var __ = transaction;
            var result = await work(new ContainmentSession(connection, transaction, shop.TablePrefix, writing, ct));
            await transaction.CommitAsync(ct);
            return result;
        }
        catch (MySqlException ex)
        {
            throw new ShopContainmentException(ShopConnections.Describe(ex, shop, Containment), ShopConnections.IsTransient(ex), ex);
        }
    }

    private async Task<(MySqlConnection, MySqlTransaction)> OpenWritingAsync(CancellationToken ct)
    {
        var connection = await ShopConnections.OpenAsync(shop, timeout, ct);
        try
        {
            return (connection, await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
