using CaseManagement.Security;
using CaseManagement.Security.ApiKeys;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Admin;

/// <summary>The admin's page: the organisation's API keys, listed as the API lists them. Admins see no case data.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AdminModel(IDocumentStore store, TimeProvider clock) : PageModel
{
    public string Organisation { get; private set; } = "";
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellation)
    {
        Organisation = CaseManagementClaims.OrganisationOf(User)!;
        await using var session = store.QuerySession();
        Keys = await ApiKeyView.ListAsync(session, Organisation, cancellation);
    }

    public string StateOf(ApiKeyView key) =>
        ApiKey.IsUsable(key.RevokedAt, key.ExpiresAt, clock.GetUtcNow()) ? "usable"
        : key.RevokedAt is not null ? $"revoked by {key.RevokedBy}" + (key.RevocationReason is { } why ? $": {why}" : "")
        : "expired";
}
