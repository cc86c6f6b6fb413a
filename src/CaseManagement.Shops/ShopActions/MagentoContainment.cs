using CaseManagement.Shops.ShopActions.Magento;
using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.ShopActions;

/// <summary>
/// Containment on Magento 2, through the database (the read-write user of <paramref name="shop"/>). Disabling a module is
/// a file change (app/etc/config.php), so <see cref="DeactivatePlugin"/> is a manual checklist here; every other action is
/// automated. Timestamps are read and written in the UTC session, as Magento keeps them.
/// </summary>
public sealed class MagentoContainment(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) : ShopContainment(shop, statementTimeout)
{
    public override ShopPlatform Platform => ShopPlatform.Magento;

    public override ActionCapability Capability(ContainmentAction action) => CapabilityOf(action);

    internal static ActionCapability CapabilityOf(ContainmentAction action) => action switch
    {
        DeactivatePlugin deactivate => new ActionCapability(false, ShopManualSteps.DisableMagentoModule(deactivate.Plugin)),
        RevokeCredentials { LeakedKey: null, UserLogin: null, IntegrationName: null, WebhookDeliveryHost: not null } =>
            new ActionCapability(false, ["Magento Open Source has no webhooks; on Adobe Commerce, disable the webhook under System > Webhooks or in its configuration."]),
        _ => new ActionCapability(true, null),
    };

    private protected override Task<SkimmerScan> ScanAsync(ContainmentSession session) => MagentoSkimmerScan.RunAsync(session);

    private protected override IPlaybook Playbook(ContainmentAction action) => action switch
    {
        DeactivatePlugin deactivate => throw new ShopContainmentException(
            $"Disabling the Magento module '{deactivate.Plugin}' cannot be done through the database; follow the manual steps of Capability().", transient: false),
        RevokeCredentials revoke => new MagentoCredentialRevocation(Selectors.Required(revoke)),
        LockAdmin lockAdmin => new MagentoAdminLock(lockAdmin),
        EndCustomerSessions end => new MagentoSessionEnd(end),
        _ => throw new ShopContainmentException($"The action '{action.Name}' is not one the Magento adapter knows.", transient: false),
    };
}
