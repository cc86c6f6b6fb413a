using CaseManagement.Shops.Detection;
using CaseManagement.Shops.Scoping;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>
/// Signs every shopper out by deleting the <c>session_tokens</c> of every user without back-office rights (as
/// <see cref="WordPressAdmins"/> judges them, which is who detection lists as admins). Privileged accounts keep their
/// sessions: responders may be signed in, and ending an admin's access is <see cref="LockAdmin"/>'s job, account by account.
/// WooCommerce carts (woocommerce_sessions) stay: a cart session signs nobody in, and deleting it loses carts and checkouts
/// in progress. This assumes WordPress's default session manager, which a plugin can replace.
/// </summary>
internal sealed class WordPressSessionEnd(EndCustomerSessions action) : IPlaybook
{
    /// <param name="Kept">Logins of the privileged accounts whose sessions stay.</param>
    private sealed record State(long Rows, IReadOnlyList<string> Kept);

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var privileged = await PrivilegedAsync(session);
        var (condition, parameters) = Shoppers(privileged);
        var rows = await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}usermeta` WHERE {condition}", parameters);
        var state = new State(rows, privileged.Select(p => p.Login).ToList());
        return await Snapshots.CreateAsync(session, action, state, $"{rows} shopper session row(s) to end; {Kept(state)}");
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        Snapshots.Read<State>(session, action, before);
        var privileged = await PrivilegedAsync(session);
        var (condition, parameters) = Shoppers(privileged);
        var deleted = await session.ExecuteAsync($"DELETE FROM `{session.P}usermeta` WHERE {condition}", parameters);
        var kept = Kept(new State(deleted, privileged.Select(p => p.Login).ToList()));
        return deleted == 0
            ? new ActionOutcome([], $"No shopper is signed in; nothing changed ({kept}).")
            : new ActionOutcome(
                [new ShopChange($"{session.P}usermeta[session_tokens]", "sessions of users without back-office rights deleted", $"{deleted} user(s) signed in", "none")],
                $"Signed out {deleted} shopper account(s); carts were kept. {kept}. {ShopManualSteps.WordPressCacheReminder}");
    }

    public Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        Snapshots.Read<State>(session, action, before);
        return Task.FromResult(new ActionOutcome([], "Sessions are not restorable: shoppers sign in again. Nothing changed."));
    }

    private static Task<IReadOnlyList<WordPressAdmins.Privileged>> PrivilegedAsync(ContainmentSession session) =>
        WordPressAdmins.ReadAsync(session, session.P, since: null, session.Ct);

    private static (string Condition, (string Name, object? Value)[] Parameters) Shoppers(IReadOnlyList<WordPressAdmins.Privileged> privileged)
    {
        var (list, parameters) = ShopSql.In("kept", privileged.Select(p => p.Id));
        return (list.Length == 0 ? "meta_key = 'session_tokens'" : $"meta_key = 'session_tokens' AND user_id NOT IN ({list})", parameters);
    }

    private static string Kept(State state) => state.Kept.Count == 0
        ? "no account has back-office rights"
        : $"accounts with back-office rights keep their sessions ({string.Join(", ", state.Kept)}); lock any that should not";
}
