using CaseManagement.Shops.ShopActions.WordPress;
using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.ShopActions;

/// <summary>
/// Containment on WordPress with WooCommerce, through the database (the read-write user of <paramref name="shop"/>).
/// Tables are read with the site's prefix; on a multisite give the main site's, and the network's sitemeta is edited
/// too when it exists. Every action can be done through the database; file-only steps are in <see cref="ShopManualSteps"/>.
/// </summary>
public sealed class WooCommerceContainment(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) : ShopContainment(shop, statementTimeout)
{
    public override ShopPlatform Platform => ShopPlatform.WooCommerce;

    public override ActionCapability Capability(ContainmentAction action) => CapabilityOf(action);

    internal static ActionCapability CapabilityOf(ContainmentAction action) => action switch
    {
        // Integrations are Magento's; WooCommerce has nothing by that name to revoke.
        RevokeCredentials { LeakedKey: null, UserLogin: null, WebhookDeliveryHost: null, IntegrationName: not null } =>
            new ActionCapability(false, ["IntegrationName names a Magento integration; on WooCommerce revoke by LeakedKey, UserLogin or WebhookDeliveryHost."]),
        _ => new ActionCapability(true, null),
    };

    private protected override Task<SkimmerScan> ScanAsync(ContainmentSession session) => WordPressSkimmerScan.RunAsync(session);

    private protected override IPlaybook Playbook(ContainmentAction action) => action switch
    {
        DeactivatePlugin deactivate => new WordPressPluginDeactivation(deactivate),
        RevokeCredentials revoke => new WooCommerceCredentialRevocation(Selectors.Required(revoke)),
        LockAdmin lockAdmin => new WordPressAdminLock(lockAdmin),
        EndCustomerSessions end => new WordPressSessionEnd(end),
        _ => throw new ShopContainmentException($"The action '{action.Name}' is not one the WooCommerce adapter knows.", transient: false),
    };
}
