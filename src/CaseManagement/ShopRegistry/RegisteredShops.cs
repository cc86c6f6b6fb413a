using Marten;

namespace CaseManagement.ShopRegistry;

/// <summary>Looking up the organisation's registered shops by name, as incidents name them.</summary>
public static class RegisteredShops
{
    public static async Task<IReadOnlyList<RegisteredShop>> AllAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<RegisteredShop>().OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>A 422 on <paramref name="field"/> that lists the shops that are registered and active, so the caller can pick the right one.</summary>
    public static ProblemDetails Unknown(string field, string name, IReadOnlyList<RegisteredShop> shops)
    {
        var active = shops.Where(s => s.Active).Select(s => s.Id).ToList();
        var problem = new Validation().Add(field, active.Count > 0
            ? $"shop '{name}' is not registered; registered shops: {string.Join(", ", active)}"
            : shops.Count == 0
                ? $"shop '{name}' is not registered, and no shop is registered in this organisation yet; an admin registers it with POST /api/shops"
                : $"shop '{name}' is not registered, and every shop of this organisation is deactivated; an admin registers it with POST /api/shops " +
                  "or reactivates one with POST /api/shops/{name}/reactivate").ToProblem();
        problem.Extensions["registeredShops"] = active;
        return problem;
    }

    /// <summary>
    /// Refuses an incident at a shop that is not registered (422 on <paramref name="field"/> listing the active shops) or is
    /// deactivated (409 naming its state): an incident names a shop the service can scope and contain. Nothing when it is active.
    /// </summary>
    public static async Task<ProblemDetails> RefuseNewIncidentAsync(IQuerySession session, string field, string name, CancellationToken ct) =>
        await session.LoadAsync<RegisteredShop>(name, ct) is { } shop
            ? shop.Refuse("no incident may be opened at it", $"An admin reactivates it with POST /api/shops/{shop.Id}/reactivate if it is in use again.")
            : Unknown(field, name, await AllAsync(session, ct));
}
