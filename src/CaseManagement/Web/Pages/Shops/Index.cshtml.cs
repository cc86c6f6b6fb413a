using CaseManagement.Monitoring;
using CaseManagement.Security;
using CaseManagement.ShopRegistry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Shops;

/// <summary>The organisation's registered shops as GET /api/shops lists them, each with how its monitoring stands and a link to it.</summary>
[Authorize(Policy = Policies.ReadShops)]
public sealed class ShopsModel(IQuerySession session) : PageModel
{
    public IReadOnlyList<ShopView> Shops { get; private set; } = [];
    public IReadOnlyDictionary<string, ShopMonitor> Monitors { get; private set; } = new Dictionary<string, ShopMonitor>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Shops = await ListShopsEndpoint.Get(session, ct);
        Monitors = (await session.LoadManyAsync<ShopMonitor>(ct, Shops.Select(s => s.Name))).ToDictionary(m => m.Id, StringComparer.Ordinal);
    }
}
