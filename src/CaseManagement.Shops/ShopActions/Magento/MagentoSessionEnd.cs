namespace CaseManagement.Shops.ShopActions.Magento;

/// <summary>
/// Signs every customer out: customer_entity.session_cutoff (Magento 2.4.7; its CutoffValidator ends storefront sessions
/// started before it), persistent ("remember me") sessions deleted, customer OAuth tokens revoked, and, where JSON web
/// tokens exist (2.4.4+), a revocation for every customer, since those tokens are never stored and end no other way before
/// they expire. Admin sessions are left to <see cref="LockAdmin"/>. Nothing of this can be undone meaningfully.
/// </summary>
internal sealed class MagentoSessionEnd(EndCustomerSessions action) : IPlaybook
{
    private sealed record State(bool SessionCutoff, long Customers, long PersistentSessions, long CustomerTokens, bool JsonWebTokens);

    private const int Customer = MagentoTokens.CustomerUserType;

    // Customer tokens of old rows carry no user_type; their customer_id tells.
    private static readonly string CustomerToken = $"revoked = 0 AND (user_type = {Customer} OR (user_type IS NULL AND customer_id IS NOT NULL))";

    public async Task<ActionSnapshot> CaptureAsync(ContainmentSession session)
    {
        var state = new State(await session.ColumnExistsAsync("customer_entity", "session_cutoff"),
            await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}customer_entity`"),
            await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}persistent_session`"),
            await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}oauth_token` WHERE {CustomerToken}"),
            await session.TableExistsAsync("jwt_auth_revoked"));
        return await Snapshots.CreateAsync(session, action, state,
            $"{state.Customers} customer(s); {state.PersistentSessions} persistent session(s); {state.CustomerTokens} active customer OAuth token(s); "
            + (state.SessionCutoff ? "session cutoff available" : "no session_cutoff column (before Magento 2.4.7)"));
    }

    public async Task<ActionOutcome> ApplyAsync(ContainmentSession session, ActionSnapshot before)
    {
        var takenAt = Snapshots.Read<State>(session, action, before).TakenAt;
        var changes = new List<ShopChange>();
        var notes = new List<string>();
        if (await session.ColumnExistsAsync("customer_entity", "session_cutoff"))
        {
            // updated_at is set to itself so the ON UPDATE clock does not mark every customer as changed for syncs that watch it.
            var cut = await session.ExecuteAsync($"""
                UPDATE `{session.P}customer_entity` SET session_cutoff = UTC_TIMESTAMP(), updated_at = updated_at
                WHERE session_cutoff IS NULL OR session_cutoff < FROM_UNIXTIME(@takenAt)
                """, ("@takenAt", takenAt));
            Record(cut, "customer_entity[session_cutoff]", "storefront sessions started before now end", $"{cut} customer(s) without a current cutoff",
                "cutoff now");
        }
        else
        {
            notes.Add("this Magento has no customer_entity.session_cutoff (before 2.4.7): storefront sessions in files, Redis or a session table "
                + "end only when they expire or are cleared there");
        }

        var persistent = await session.ExecuteAsync($"DELETE FROM `{session.P}persistent_session`");
        Record(persistent, "persistent_session", "persistent (remember me) sessions deleted", $"{persistent} session(s)", "none");
        var tokens = await session.ExecuteAsync($"UPDATE `{session.P}oauth_token` SET revoked = 1 WHERE {CustomerToken}");
        Record(tokens, $"oauth_token[user_type={Customer}]", "customer OAuth tokens revoked", $"{tokens} active", "revoked");
        if (await session.TableExistsAsync("jwt_auth_revoked"))
        {
            var unrevoked = $"""
                NOT EXISTS (SELECT 1 FROM `{session.P}jwt_auth_revoked` j WHERE j.user_type_id = {Customer} AND j.user_id = c.entity_id AND j.revoke_before >= @takenAt)
                """;
            var customers = await session.CountAsync($"SELECT COUNT(*) FROM `{session.P}customer_entity` c WHERE {unrevoked}", ("@takenAt", takenAt));
            await session.ExecuteAsync($"""
                INSERT INTO `{session.P}jwt_auth_revoked` (user_type_id, user_id, revoke_before)
                SELECT {Customer}, c.entity_id, UNIX_TIMESTAMP() FROM `{session.P}customer_entity` c WHERE {unrevoked}
                ON DUPLICATE KEY UPDATE revoke_before = UNIX_TIMESTAMP()
                """, ("@takenAt", takenAt));
            Record(customers, $"jwt_auth_revoked[user_type_id={Customer}]", "customer JSON web tokens issued until now revoked", $"{customers} customer(s)",
                "revoked");
        }

        var summary = changes.Count > 0
            ? "Signed customers out."
            : "Customers are signed out already; nothing changed.";
        return Outcomes.With(changes, summary, notes);

        void Record(long rows, string target, string what, string beforeText, string after)
        {
            if (rows > 0)
            {
                changes.Add(new ShopChange(session.P + target, what, beforeText, after));
            }
        }
    }

    public Task<ActionOutcome> CompensateAsync(ContainmentSession session, ActionSnapshot before, CompensationOptions options)
    {
        Snapshots.Read<State>(session, action, before);
        return Task.FromResult(new ActionOutcome([],
            "Sessions are not restorable: customers sign in again. The session cutoff, deleted persistent sessions and revoked customer tokens stay as they are."));
    }
}
