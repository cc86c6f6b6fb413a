using CaseManagement.Feed.Subscribing;
using CaseManagement.Security;
using CaseManagement.Security.ApiKeys;
using CaseManagement.ShopRegistry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Admin;

/// <summary>
/// The admin's page: the organisation's registered shops, API keys and feed subscriptions, each listed by the code the API
/// lists them with. Admins see no case data.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AdminModel(IDocumentStore store, IQuerySession organisation, TimeProvider clock) : PageModel
{
    public string Organisation { get; private set; } = "";
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];
    public IReadOnlyList<ShopView> Shops { get; private set; } = [];
    public IReadOnlyList<FeedSubscriptionView> Subscriptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellation)
    {
        Organisation = CaseManagementClaims.OrganisationOf(User)!;
        await using var session = store.QuerySession();
        Keys = await ApiKeyView.ListAsync(session, Organisation, cancellation);
        Shops = await ListShopsEndpoint.Get(organisation, cancellation);
        Subscriptions = await FeedSubscriptionQueries.List(organisation, cancellation);
    }

    public string StateOf(ApiKeyView key) =>
        ApiKey.IsUsable(key.RevokedAt, key.ExpiresAt, clock.GetUtcNow()) ? "usable"
        : key.RevokedAt is not null ? $"revoked by {key.RevokedBy}" + (key.RevocationReason is { } why ? $": {why}" : "")
        : "expired";

    /// <summary>The registered zone, and what the shop's own settings say when that differs (scoping trusts the GMT columns either way).</summary>
    public static string ZoneOf(ShopView shop) => (shop.TimeZone, shop.DetectedTimeZone) switch
    {
        (null, null) => "not set; the shop's settings name none",
        (null, { } detected) => $"{detected} (from the shop's settings)",
        ({ } registered, null) => $"{registered} (registered; the shop's settings name none)",
        ({ } registered, { } detected) when registered == detected => registered,
        ({ } registered, { } detected) => $"{registered} registered, but the shop's settings say {detected}",
    };
}
