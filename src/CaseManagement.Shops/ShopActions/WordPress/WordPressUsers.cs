namespace CaseManagement.Shops.ShopActions.WordPress;

/// <summary>Finding a WordPress account and reading its meta rows.</summary>
internal static class WordPressUsers
{
    /// <summary>The user whose login, or else whose email address, is <paramref name="loginOrEmail"/>.</summary>
    /// <exception cref="ShopContainmentException">No user, or several, match (permanent).</exception>
    public static async Task<Account> FindAsync(ContainmentSession session, string loginOrEmail) =>
        Accounts.Pick(await session.ListAsync($"SELECT ID, user_login, user_email FROM `{session.P}users` WHERE user_login = @who OR user_email = @who ORDER BY ID",
            r => (r.GetInt64(0), r.GetString(1), (string?)r.GetString(2)), ("@who", loginOrEmail)), loginOrEmail, "WordPress user");

    /// <summary>The user's rows of one meta key, oldest first (WordPress reads the first).</summary>
    public static Task<List<RowImage>> MetaAsync(ContainmentSession session, long userId, string key) =>
        RowImage.ReadAsync(session, "usermeta", "user_id = @user AND meta_key = @key ORDER BY umeta_id", ("@user", userId), ("@key", key));
}
