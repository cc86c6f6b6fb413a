namespace CaseManagement.Shops.Detection;

public enum CredentialKind
{
    WordPressApplicationPassword,
    WooCommerceApiKey,
    WooCommerceWebhook,
    MagentoIntegration,
    MagentoOAuthConsumer,
    MagentoOAuthToken,
}

public enum CredentialOwnerKind
{
    WordPressUser,
    MagentoAdmin,
    MagentoCustomer,
    MagentoIntegration,
}

/// <param name="Login">The user's login or email, or the integration's name; null when the row it points at is gone.</param>
public sealed record CredentialOwner(CredentialOwnerKind Kind, long Id, string? Login);

/// <summary>A way into the shop that does not need a password: what a responder revokes, and where data may be flowing.</summary>
/// <param name="Id">The row's key (key_id, webhook_id, entity_id, …) or, for an application password, its uuid.</param>
/// <param name="Name">Application password or integration name, API key description, webhook name.</param>
/// <param name="CreatedAt">UTC; null where the platform records none (WooCommerce API keys).</param>
/// <param name="LastUsedAt">UTC; WooCommerce's site-local last_access is converted with the shop's time zone.</param>
/// <param name="Status">Webhook status, integration status (active, inactive, recreated), token "active" or "revoked".</param>
/// <param name="Scope">What it may do or send: API key permissions, webhook topic, OAuth token type, or whether an integration has all resources.</param>
/// <param name="Endpoint">Where data goes: webhook delivery URL, integration endpoint, OAuth callback URL.</param>
/// <param name="KeyHint">The last 7 characters of a WooCommerce consumer key (truncated_key), to match a leaked key.</param>
/// <param name="ConsumerId">Magento oauth_consumer id, which ties an integration to its consumer and tokens.</param>
public sealed record IntegrationCredential(
    CredentialKind Kind,
    string Id,
    string? Name,
    CredentialOwner? Owner,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastUsedAt,
    string? LastIp,
    string? Status,
    string? Scope,
    string? Endpoint,
    string? KeyHint,
    long? ConsumerId,
    string Why,
    string? Note = null);
