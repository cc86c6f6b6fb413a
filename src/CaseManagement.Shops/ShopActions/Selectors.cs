namespace CaseManagement.Shops.ShopActions;

internal static class Selectors
{
    /// <exception cref="ShopContainmentException">No selector is given (permanent).</exception>
    public static RevokeCredentials Required(RevokeCredentials action) =>
        new[] { action.LeakedKey, action.UserLogin, action.WebhookDeliveryHost, action.IntegrationName }.All(string.IsNullOrWhiteSpace)
            ? throw new ShopContainmentException("RevokeCredentials needs at least one of LeakedKey, UserLogin, WebhookDeliveryHost or IntegrationName.",
                transient: false)
            : action;
}
