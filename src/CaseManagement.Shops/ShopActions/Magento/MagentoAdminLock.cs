namespace CaseManagement.Shops.ShopActions.Magento;

/// <summary>
/// Locks a Magento admin account: is_active = 0 and a far-future lock_expires (either alone stops sign-in; both survive one
/// being undone), its signed-in admin sessions ended (status 1 → 0, which the Security module checks on every request),
/// its OAuth tokens revoked and its JSON web tokens rejected. Unlocking restores is_active and lock_expires; tokens only on
/// request; sessions never.
/// </summary>
internal sealed class MagentoAdminLock(LockAdmin action) : IPlaybook
{
    /// <summary>Far in the future, yet inside the TIMESTAMP range (which ends 2038-01-19) of every MySQL and MariaDB.</summary>
    internal const string LockedUntil = "2038-01-01 00:00:00";

    private sealed record State(Account Admin, int IsActive, string? LockExpires, long Sessions, IReadOnlyList<OAuthToken> Tokens, JwtRevocation? Jwt);

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var admin = await FindAsync(session, action.Login);
        var (isActive, lockExpires) = (await AccountAsync(session, admin))!.Value;
        var state = new State(admin, isActive, lockExpires, await SignedInAsync(session, admin),
            await MagentoTokens.ReadAsync(session, "admin_id = @admin", ("@admin", admin.Id)),
            await MagentoTokens.ReadJwtAsync(session, MagentoTokens.AdminUserType, admin.Id));
        return await Snapshots.CreateAsync(session, action, state,
            $"{admin}: {(isActive != 0 ? "active" : "inactive")}, locked until {lockExpires ?? "never"}; {state.Sessions} signed-in session(s); "
            + $"{state.Tokens.Count(t => !t.Revoked)} active OAuth token(s)");
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        var (state, takenAt) = Snapshots.Read<State>(session, action, before);
        var admin = state.Admin;
        if (await AccountAsync(session, admin) is not (var isActive, var lockExpires))
        {
            return new ActionOutcome([], $"Admin {admin} no longer exists; nothing to lock.");
        }

        var changes = new List<ShopChange>();
        if (isActive != 0)
        {
            await session.ExecuteAsync($"UPDATE `{session.P}admin_user` SET is_active = 0 WHERE user_id = @id", ("@id", admin.Id));
            changes.Add(new ShopChange(Target(session, admin), "deactivated", $"is_active {isActive}", "is_active 0"));
        }

        if (lockExpires is null || string.CompareOrdinal(lockExpires, LockedUntil) < 0)
        {
            await session.ExecuteAsync($"UPDATE `{session.P}admin_user` SET lock_expires = @locked WHERE user_id = @id", ("@locked", LockedUntil), ("@id", admin.Id));
            changes.Add(new ShopChange(Target(session, admin), "locked", $"lock_expires {lockExpires ?? "none"}", $"lock_expires {LockedUntil}"));
        }

        var ended = await session.ExecuteAsync($"UPDATE `{session.P}admin_user_session` SET status = 0 WHERE user_id = @id AND status = 1", ("@id", admin.Id));
        if (ended > 0)
        {
            changes.Add(new ShopChange($"{session.P}admin_user_session[user_id={admin.Id}]", "admin sessions ended", $"{ended} signed in (status 1)",
                "signed out (status 0)"));
        }

        changes.AddRange(await MagentoTokens.RevokeAsync(session, await MagentoTokens.ReadAsync(session, "admin_id = @admin", ("@admin", admin.Id))));
        if (await MagentoTokens.RevokeJwtAsync(session, MagentoTokens.AdminUserType, admin.Id, takenAt) is { } jwt)
        {
            changes.Add(jwt);
        }

        return new ActionOutcome(changes, changes.Count == 0
            ? $"Admin {admin} is locked already; nothing changed."
            : $"Locked admin {admin}. Password resets still go to the account's email address: check that it was not changed.");
    }

    public async Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        var (state, takenAt) = Snapshots.Read<State>(session, action, before);
        var admin = state.Admin;
        var changes = new List<ShopChange>();
        var notes = new List<string>();
        if (await AccountAsync(session, admin) is not (var isActive, var lockExpires))
        {
            return new ActionOutcome([], $"Admin {admin} no longer exists; nothing to unlock.");
        }

        // Only what containment set is undone: a value someone changed since stays.
        if (state.IsActive != 0 && isActive == 0)
        {
            await session.ExecuteAsync($"UPDATE `{session.P}admin_user` SET is_active = @active WHERE user_id = @id", ("@active", state.IsActive), ("@id", admin.Id));
            changes.Add(new ShopChange(Target(session, admin), "reactivated", "is_active 0", $"is_active {state.IsActive}"));
        }

        if (state.LockExpires != LockedUntil && lockExpires == LockedUntil)
        {
            await session.ExecuteAsync($"UPDATE `{session.P}admin_user` SET lock_expires = @lock WHERE user_id = @id", ("@lock", state.LockExpires), ("@id", admin.Id));
            changes.Add(new ShopChange(Target(session, admin), "unlocked", $"lock_expires {LockedUntil}", $"lock_expires {state.LockExpires ?? "none"}"));
        }

        if (options.RestoreCredentials)
        {
            changes.AddRange(await MagentoTokens.RestoreAsync(session, state.Tokens));
            if (await MagentoTokens.RestoreJwtAsync(session, state.Jwt, takenAt) is { } jwt)
            {
                changes.Add(jwt);
            }
        }
        else
        {
            notes.Add("deliberately not restored (RestoreCredentials is off): OAuth tokens stay revoked and JSON web tokens issued before the lock stay rejected");
        }

        notes.Add($"admin sessions are never restored ({state.Sessions} ended): the admin signs in again");
        return Outcomes.With(changes, $"Unlocked admin {admin}: {changes.Count} change(s).", notes);
    }

    /// <summary>The admin user whose username, or else email address, is <paramref name="login"/>.</summary>
    internal static async Task<Account> FindAsync(ContainmentSession session, string login) =>
        Accounts.Pick(await session.ListAsync($"SELECT user_id, username, email FROM `{session.P}admin_user` WHERE username = @who OR email = @who ORDER BY user_id",
            r => (r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), ("@who", login)), login, "Magento admin user");

    private static async Task<(int IsActive, string? LockExpires)?> AccountAsync(ContainmentSession session, Account admin) =>
        (await session.ListAsync($"SELECT is_active, CAST(lock_expires AS CHAR) FROM `{session.P}admin_user` WHERE user_id = @id{session.ForUpdate}",
            r => ((int IsActive, string? LockExpires)?)(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1)), ("@id", admin.Id))).SingleOrDefault();

    private static Task<long> SignedInAsync(ContainmentSession session, Account admin) =>
        session.CountAsync($"SELECT COUNT(*) FROM `{session.P}admin_user_session` WHERE user_id = @id AND status = 1", ("@id", admin.Id));

    private static string Target(ContainmentSession session, Account admin) => $"{session.P}admin_user[user_id={admin.Id}]";
}
