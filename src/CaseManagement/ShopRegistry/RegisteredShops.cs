using Marten;

namespace CaseManagement.ShopRegistry;

/// <summary>Looking up the organisation's registered shops by name, as incidents name them.</summary>
public static class RegisteredShops
{
    public static async Task<IReadOnlyList<RegisteredShop>> AllAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<RegisteredShop>().OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>A 422 on <paramref name="field"/> that lists the shops that are registered, so the caller can pick the right one.</summary>
    public static ProblemDetails Unknown(string field, string name, IReadOnlyList<RegisteredShop> shops)
    {
        var active = shops.Where(s => s.Active).Select(s => s.Id).ToList();
        var problem = new Validation().Add(field, active.Count == 0
            ? $"shop '{name}' is not registered, and no shop is registered in this organisation yet; an admin registers it with POST /api/shops"
            : $"shop '{name}' is not registered; registered shops: {string.Join(", ", active)}").ToProblem();
        problem.Extensions["registeredShops"] = active;
        return problem;
    }
}
