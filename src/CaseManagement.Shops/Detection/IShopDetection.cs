namespace CaseManagement.Shops.Detection;

/// <summary>
/// Read-only queries for what an attacker may have left behind in a shop database: privileged accounts,
/// credentials and webhooks, and traces of bulk exports. "Since" bounds are inclusive and compared in UTC.
/// Database failures surface as <see cref="CaseManagement.Shops.Scoping.ShopScopingException"/> with a reason safe to show.
/// </summary>
public interface IShopDetection
{
    /// <summary>Every account with back-office rights now, by user id.</summary>
    Task<IReadOnlyList<AdminAccount>> AdminsAsync(CancellationToken ct);

    /// <summary>Privileged accounts created at or after <paramref name="since"/>. Promotions of older accounts are not dated: diff snapshots with <see cref="ShopDetections.Compare"/>.</summary>
    Task<IReadOnlyList<AdminAccount>> AdminsCreatedSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>API keys, tokens, integrations and webhooks created at or after <paramref name="since"/>, plus any whose creation is not recorded.</summary>
    Task<IReadOnlyList<IntegrationCredential>> CredentialsSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>Exports at or after <paramref name="since"/>, plus any whose time is not recorded.</summary>
    Task<IReadOnlyList<ExportSign>> BulkExportSignsSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>Plugins, themes or modules the shop runs now. Neither platform dates them: compare snapshots.</summary>
    Task<IReadOnlyList<ShopExtension>> ExtensionsAsync(CancellationToken ct);

    /// <summary>The failed-login counters the platform keeps (Magento), or why there are none (WordPress core).</summary>
    Task<FailedLogins> FailedLoginsAsync(CancellationToken ct);
}
