using CaseManagement.Shops.Scoping;

namespace CaseManagement.Shops.ShopActions.Magento;

/// <summary>An oauth_token row as captured: revoked or not, and whose it is (no token or secret is kept).</summary>
internal sealed record OAuthToken(long Id, bool Revoked, string Type, string Owner);

/// <summary>A jwt_auth_revoked row as captured; <paramref name="RevokeBefore"/> is null when the user had none.</summary>
internal sealed record JwtRevocation(int UserType, long UserId, long? RevokeBefore);

/// <summary>
/// Magento's token revocation: OAuth tokens (integrations, and admins and customers before 2.4.4) by their revoked flag,
/// JSON web tokens (2.4.4+, never stored) by a per-user "revoke before" time in jwt_auth_revoked. User types are
/// UserContextInterface's: 1 integration, 2 admin, 3 customer.
/// </summary>
internal static class MagentoTokens
{
    public const int AdminUserType = 2;
    public const int CustomerUserType = 3;

    private const string JwtTable = "jwt_auth_revoked";

    public static Task<List<OAuthToken>> ReadAsync(ContainmentSession session, string condition, params (string Name, object? Value)[] parameters) =>
        session.ListAsync($"""
            SELECT entity_id, revoked, type,
                   CASE WHEN admin_id IS NOT NULL THEN CONCAT('admin #', admin_id)
                        WHEN customer_id IS NOT NULL THEN CONCAT('customer #', customer_id)
                        ELSE CONCAT('consumer #', COALESCE(consumer_id, '?')) END
            FROM `{session.P}oauth_token` WHERE {condition} ORDER BY entity_id{session.ForUpdate}
            """, r => new OAuthToken(r.GetInt64(0), r.GetInt32(1) != 0, r.GetString(2), r.GetString(3)), parameters);

    public static async Task<List<ShopChange>> RevokeAsync(ContainmentSession session, IEnumerable<OAuthToken> tokens)
    {
        var active = tokens.Where(t => !t.Revoked).ToList();
        await SetRevokedAsync(session, active, revoked: true);
        return active.Select(t => new ShopChange(Target(session, t), $"OAuth {t.Type} token of {t.Owner} revoked", "active", "revoked")).ToList();
    }

    /// <summary>Un-revokes the tokens that were active at capture and are still revoked.</summary>
    public static async Task<List<ShopChange>> RestoreAsync(ContainmentSession session, IEnumerable<OAuthToken> captured)
    {
        var wereActive = captured.Where(t => !t.Revoked).ToList();
        if (wereActive.Count == 0)
        {
            return [];
        }

        var (list, parameters) = ShopSql.In("token", wereActive.Select(t => t.Id));
        var stillRevoked = await ReadAsync(session, $"entity_id IN ({list}) AND revoked = 1", parameters);
        await SetRevokedAsync(session, stillRevoked, revoked: false);
        return stillRevoked.Select(t => new ShopChange(Target(session, t), $"OAuth {t.Type} token of {t.Owner} restored", "revoked", "active")).ToList();
    }

    /// <summary>The user's revocation row; null when the shop predates JSON web tokens (no jwt_auth_revoked table).</summary>
    public static async Task<JwtRevocation?> ReadJwtAsync(ContainmentSession session, int userType, long userId) =>
        await session.TableExistsAsync(JwtTable)
            ? new JwtRevocation(userType, userId, (await session.ListAsync(
                $"SELECT revoke_before FROM `{session.P}{JwtTable}` WHERE user_type_id = @type AND user_id = @user{session.ForUpdate}",
                r => (long?)r.GetInt64(0), ("@type", userType), ("@user", userId))).SingleOrDefault())
            : null;

    /// <summary>Rejects every JSON web token the user holds now; a revocation at or after <paramref name="takenAt"/> already did.</summary>
    public static async Task<ShopChange?> RevokeJwtAsync(ContainmentSession session, int userType, long userId, long takenAt)
    {
        if (await ReadJwtAsync(session, userType, userId) is not { } current || current.RevokeBefore >= takenAt)
        {
            return null;
        }

        await session.ExecuteAsync($"""
            INSERT INTO `{session.P}{JwtTable}` (user_type_id, user_id, revoke_before) VALUES (@type, @user, UNIX_TIMESTAMP())
            ON DUPLICATE KEY UPDATE revoke_before = UNIX_TIMESTAMP()
            """, ("@type", userType), ("@user", userId));
        return new ShopChange(JwtTarget(session, current), "JSON web tokens issued until now revoked", Describe(current.RevokeBefore), "now");
    }

    /// <summary>Puts the captured revocation back (deletes the row when there was none) while the one containment wrote is in place.</summary>
    public static async Task<ShopChange?> RestoreJwtAsync(ContainmentSession session, JwtRevocation? captured, long takenAt)
    {
        if (captured is null || await ReadJwtAsync(session, captured.UserType, captured.UserId) is not { RevokeBefore: { } now } || now < takenAt)
        {
            return null;
        }

        (string, object?)[] key = [("@type", captured.UserType), ("@user", captured.UserId), ("@before", captured.RevokeBefore)];
        await session.ExecuteAsync(captured.RevokeBefore is null
            ? $"DELETE FROM `{session.P}{JwtTable}` WHERE user_type_id = @type AND user_id = @user"
            : $"UPDATE `{session.P}{JwtTable}` SET revoke_before = @before WHERE user_type_id = @type AND user_id = @user", key);
        return new ShopChange(JwtTarget(session, captured), "JSON web token revocation restored as before containment", Describe(now),
            Describe(captured.RevokeBefore));
    }

    private static Task<int> SetRevokedAsync(ContainmentSession session, IReadOnlyList<OAuthToken> tokens, bool revoked)
    {
        var (list, parameters) = ShopSql.In("token", tokens.Select(t => t.Id));
        return list.Length == 0
            ? Task.FromResult(0)
            : session.ExecuteAsync($"UPDATE `{session.P}oauth_token` SET revoked = {(revoked ? 1 : 0)} WHERE entity_id IN ({list})", parameters);
    }

    private static string Describe(long? revokeBefore) =>
        revokeBefore is { } seconds ? $"tokens issued before {DateTimeOffset.FromUnixTimeSeconds(seconds):yyyy-MM-dd'T'HH:mm:ss'Z'} rejected" : "none";

    private static string Target(ContainmentSession session, OAuthToken token) => $"{session.P}oauth_token[entity_id={token.Id}]";

    private static string JwtTarget(ContainmentSession session, JwtRevocation jwt) =>
        $"{session.P}{JwtTable}[user_type_id={jwt.UserType}, user_id={jwt.UserId}]";
}
