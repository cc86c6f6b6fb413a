using System.Security.Cryptography;
using CaseManagement.Shops.Php;

namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>
/// Locks a WordPress account, which core has no flag for: no role (<c>{prefix}capabilities</c> = <c>a:0:{}</c>, user level 0,
/// off the network's site_admins), a scrambled password hash, no sessions, no API keys or application passwords. Auth
/// cookies embed four characters of the hash (wp_validate_auth_cookie), so scrambling it also ends cookies that outlive a
/// deleted session. Unlocking gives the roles back; the hash, keys and passwords only on request; sessions never.
/// </summary>
internal sealed class WordPressAdminLock(LockAdmin action) : IPlaybook
{
    private const string NoRoles = "a:0:{}";
    private const string NoLevel = "0";

    /// <summary>
    /// Starts every scrambled hash, so a repeat sees the lock. wp_check_password() hands a hash that is longer than an MD5 and
    /// not phpass ($P$) or WordPress bcrypt ($wp) to password_verify(), which matches no password against an unknown format.
    /// </summary>
    internal const string ScrambledPrefix = "$containment-locked$";

    private sealed record State(Account User, string PasswordHash, IReadOnlyList<RowImage> Capabilities, IReadOnlyList<RowImage> UserLevel,
        int Sessions, WordPressCredentials Credentials, IReadOnlyList<StoredArray> SiteAdmins);

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var user = await WordPressUsers.FindAsync(session, action.Login);
        var state = new State(user, await PasswordHashAsync(session, user) ?? "",
            await WordPressUsers.MetaAsync(session, user.Id, session.P + "capabilities"),
            await WordPressUsers.MetaAsync(session, user.Id, session.P + "user_level"),
            Sessions(await WordPressUsers.MetaAsync(session, user.Id, "session_tokens")),
            await CredentialsAsync(session, user),
            await SerializedPlace.SiteAdmins.CaptureAsync(session, entry => IsLogin(entry, user)));
        var roles = string.Join(", ", state.Capabilities.Select(row => Roles(row["meta_value"])));
        var superAdmin = state.SiteAdmins.Any(s => s.Matched.Count > 0) ? "; network super admin" : "";
        return await Snapshots.CreateAsync(session, action, state,
            $"{user}: roles {(roles.Length > 0 ? roles : "none")}{superAdmin}; {state.Sessions} session(s); "
            + $"{state.Credentials.ApiKeys.Count} API key(s); {state.Credentials.ApplicationPasswords.Count} application password row(s)");
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        // The snapshot's account id, not the login: an attacker may rename the account between capture and apply.
        var user = Snapshots.Read<State>(session, action, before).State.User;
        if (await PasswordHashAsync(session, user) is not { } hash)
        {
            return new ActionOutcome([], $"Account {user} no longer exists; nothing to lock.");
        }

        var changes = new List<ShopChange>();
        changes.AddRange(await SetMetaAsync(session, user, session.P + "capabilities", NoRoles, Roles, "roles removed"));
        changes.AddRange(await SetMetaAsync(session, user, session.P + "user_level", NoLevel, value => value ?? "", "user level set to 0"));
        changes.AddRange(await SerializedPlace.SiteAdmins.RemoveAsync(session, entry => IsLogin(entry, user)));
        if (!hash.StartsWith(ScrambledPrefix, StringComparison.Ordinal))
        {
            await session.ExecuteAsync($"UPDATE `{session.P}users` SET user_pass = @scrambled WHERE ID = @id", ("@scrambled", Scrambled()), ("@id", user.Id));
            changes.Add(new ShopChange(UserTarget(session, user), "password hash scrambled: the password and existing auth cookies no longer work", null, null));
        }

        var sessions = await WordPressUsers.MetaAsync(session, user.Id, "session_tokens");
        if (sessions.Count > 0)
        {
            await session.DeleteByIdAsync("usermeta", "umeta_id", sessions.Select(row => row.Long("umeta_id")));
            changes.Add(new ShopChange(MetaTarget(session, user, "session_tokens"), "sessions ended", $"{Sessions(sessions)} session(s)", "none"));
        }

        changes.AddRange(await (await CredentialsAsync(session, user)).DeleteAsync(session));
        return new ActionOutcome(changes, changes.Count == 0
            ? $"{user} is locked already; nothing changed."
            : $"Locked {user}. Password resets still go to the account's email address: check that it was not changed. {ShopManualSteps.WordPressCacheReminder}");
    }

    public async Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        var state = Snapshots.Read<State>(session, action, before).State;
        var changes = new List<ShopChange>();
        var notes = new List<string>();
        await RestoreMetaAsync(session, state.Capabilities, NoRoles, Roles, changes, notes);
        await RestoreMetaAsync(session, state.UserLevel, NoLevel, value => value ?? "", changes, notes);
        var (admins, adminNotes) = await SerializedPlace.SiteAdmins.RestoreAsync(session, state.SiteAdmins);
        changes.AddRange(admins);
        notes.AddRange(adminNotes);
        if (options.RestoreCredentials)
        {
            await RestorePasswordHashAsync(session, state, changes, notes);
            var (restored, skipped) = await state.Credentials.RestoreAsync(session);
            changes.AddRange(restored);
            notes.AddRange(skipped);
        }
        else
        {
            notes.Add("deliberately not restored (RestoreCredentials is off): the password hash stays scrambled, so the user sets a new password "
                + "through 'Lost your password?'" + (state.Credentials.Describe() is { } revoked ? $", and {revoked}" : ""));
        }

        notes.Add($"sessions are never restored ({state.Sessions} ended): the user signs in again");
        return Outcomes.With(changes, $"Unlocked {state.User}: {changes.Count} change(s).", notes);
    }

    private static Task<WordPressCredentials> CredentialsAsync(ContainmentSession session, Account user) =>
        WordPressCredentials.ReadAsync(session, "user_id = @user", [("@user", user.Id)], user.Id);

    private static async Task<string?> PasswordHashAsync(ContainmentSession session, Account user) =>
        (await session.ListAsync($"SELECT user_pass FROM `{session.P}users` WHERE ID = @id{session.ForUpdate}", r => r.GetString(0), ("@id", user.Id)))
        .SingleOrDefault();

    /// <summary>Sets every row of the meta key to the locked value; a user without the key has nothing to remove.</summary>
    private static async Task<List<ShopChange>> SetMetaAsync(ContainmentSession session, Account user, string key, string locked,
        Func<string?, string> describe, string what)
    {
        var changes = new List<ShopChange>();
        foreach (var row in (await WordPressUsers.MetaAsync(session, user.Id, key)).Where(row => row["meta_value"] != locked))
        {
            await session.ExecuteAsync($"UPDATE `{session.P}usermeta` SET meta_value = @value WHERE umeta_id = @id", ("@value", locked), ("@id", row.Long("umeta_id")));
            changes.Add(new ShopChange(MetaTarget(session, user, key), what, describe(row["meta_value"]), describe(locked)));
        }

        return changes;
    }

    /// <summary>Gives each captured meta row its value back while it still holds the locked value (or is gone); a value set since stays.</summary>
    private static async Task RestoreMetaAsync(ContainmentSession session, IReadOnlyList<RowImage> captured, string locked, Func<string?, string> describe,
        List<ShopChange> changes, List<string> notes)
    {
        foreach (var row in captured.Where(row => row["meta_value"] != locked))
        {
            var id = row.Long("umeta_id");
            var current = await session.ListAsync($"SELECT meta_value FROM `{session.P}usermeta` WHERE umeta_id = @id{session.ForUpdate}",
                r => r.IsDBNull(0) ? null : r.GetString(0), ("@id", id));
            var target = $"{session.P}usermeta[umeta_id={id}, {row["meta_key"]}]";
            if (current.Count == 0)
            {
                await row.InsertAsync(session);
            }
            else if (current[0] == locked)
            {
                await session.ExecuteAsync($"UPDATE `{session.P}usermeta` SET meta_value = @value WHERE umeta_id = @id", ("@value", row["meta_value"]), ("@id", id));
            }
            else
            {
                notes.Add($"{target} was changed since containment to {describe(current[0])} and was left so");
                continue;
            }

            changes.Add(new ShopChange(target, "restored as before containment", current.Count == 0 ? null : describe(locked), describe(row["meta_value"])));
        }
    }

    private static async Task RestorePasswordHashAsync(ContainmentSession session, State state, List<ShopChange> changes, List<string> notes)
    {
        var current = await PasswordHashAsync(session, state.User);
        if (current is null || !current.StartsWith(ScrambledPrefix, StringComparison.Ordinal) || state.PasswordHash.StartsWith(ScrambledPrefix, StringComparison.Ordinal))
        {
            notes.Add(current is null ? $"account {state.User} no longer exists" : "the password hash was not scrambled by containment (or was changed since) and was left so");
            return;
        }

        await session.ExecuteAsync($"UPDATE `{session.P}users` SET user_pass = @hash WHERE ID = @id", ("@hash", state.PasswordHash), ("@id", state.User.Id));
        changes.Add(new ShopChange(UserTarget(session, state.User), "password hash restored from the snapshot", null, null));
    }

    private static string Scrambled() => ScrambledPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static bool IsLogin(PhpArrayEntry entry, Account user) =>
        entry.Value is PhpString login && string.Equals(login.Text, user.Login, StringComparison.OrdinalIgnoreCase);

    /// <summary>The role names in a capabilities value; they are not secret and say what the lock took away.</summary>
    private static string Roles(string? capabilities) => PhpSerializer.TryDeserialize(capabilities) switch
    {
        PhpArray { Count: 0 } => "no role",
        PhpArray roles => string.Join(", ", roles.Keys.Select(k => k is PhpString s ? s.Text : k.ToString())),
        _ => "unreadable capabilities",
    };

    private static int Sessions(IEnumerable<RowImage> rows) => rows.Sum(row => PhpSerializer.TryDeserialize(row["meta_value"]) is PhpArray tokens ? tokens.Count : 0);

    private static string UserTarget(ContainmentSession session, Account user) => $"{session.P}users[ID={user.Id}]";

    private static string MetaTarget(ContainmentSession session, Account user, string key) => $"{session.P}usermeta[user_id={user.Id}, {key}]";
}
