namespace CaseManagement.Shops.Detection;

/// <summary>One account with back-office rights, as a responder needs it to decide whether to lock it.</summary>
/// <param name="UserId">WordPress users.ID or Magento admin_user.user_id; what <see cref="ShopDetections.Compare"/> matches on.</param>
/// <param name="Roles">
/// WordPress: the keys of <c>{prefix}capabilities</c> that grant something (role names in stored order, then capabilities given to
/// the user directly), plus <c>super_admin</c> for a network super admin; <c>&lt;unreadable&gt;</c> when the value cannot be parsed.
/// Magento: the name of the user's admin role (none when the user has no role and so cannot sign in).
/// </param>
/// <param name="FullAccess">Can change anything: WordPress <c>manage_options</c> or super admin; Magento <c>Magento_Backend::all</c>.</param>
/// <param name="IsActive">Magento's is_active; always true on WordPress, which has no such flag.</param>
/// <param name="LockedUntil">Magento's lock_expires while it lies in the future; never set on WordPress.</param>
/// <param name="LastLoginAt">WordPress: the newest login among the user's live sessions; Magento: admin_user.logdate.</param>
/// <param name="LastLoginIp">WordPress: that session's IP; Magento: the IP of the newest admin_user_session row (IPv6 is cut to 15 characters there).</param>
/// <param name="Why">Why the account is listed, in one line.</param>
/// <param name="Note">Anything that makes the entry less certain than it looks.</param>
public sealed record AdminAccount(
    long UserId,
    string Login,
    string? Email,
    string? Name,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<string> Roles,
    bool FullAccess,
    bool IsActive,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastLoginAt,
    string? LastLoginIp,
    string Why,
    string? Note = null);

/// <summary>One difference between two snapshots of the admin set; <paramref name="Before"/> or <paramref name="Now"/> is null when the account was added or removed.</summary>
public sealed record AdminChange(long UserId, string Login, AdminAccount? Before, AdminAccount? Now, string Why);

/// <summary>
/// How the admin set moved between two snapshots. Promotions leave no timestamp on either platform, so this
/// diff is the only way to see a customer who was made administrator.
/// </summary>
/// <param name="Added">Privileged now, absent from the earlier snapshot: created or promoted since.</param>
/// <param name="Removed">In the earlier snapshot, gone now: deleted or demoted.</param>
/// <param name="Changed">In both, with different roles, full access or active state.</param>
public sealed record AdminChanges(IReadOnlyList<AdminChange> Added, IReadOnlyList<AdminChange> Removed, IReadOnlyList<AdminChange> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}
