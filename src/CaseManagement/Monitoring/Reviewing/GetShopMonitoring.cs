using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Monitoring.Reviewing;

/// <summary>A shop's monitoring: its schedule and recent passes, the baseline, the changes raised and not accepted, and the history.</summary>
/// <param name="Schedule">Null when the shop was never scheduled (registered before monitoring and the service has not started since).</param>
/// <param name="Baseline">Null until the first pass that could read the shop.</param>
public sealed record ShopMonitoringView(string Shop, ShopMonitor? Schedule, ShopBaselineView? Baseline);

public sealed record ShopBaselineView(Guid Id, long Version, DateTimeOffset RecordedAt, IReadOnlyList<BaselineEntry> Items, IReadOnlyList<OpenFinding> Open,
    IReadOnlyList<BaselineHistoryEntry> History)
{
    public static ShopBaselineView Of(ShopBaseline b) => new(b.Id, b.Version, b.RecordedAt, [.. b.Items.Values.OrderBy(i => i.Key, StringComparer.Ordinal)],
        [.. b.Open.Values.OrderBy(f => f.RaisedAt).ThenBy(f => f.Key, StringComparer.Ordinal)], b.History);
}

public static class GetShopMonitoringEndpoint
{
    [WolverineGet("/api/shops/{name}/monitoring", OperationId = "GetShopMonitoring",
        Summary = "A shop's monitoring: schedule and recent passes (failed ones with why), the baseline, open changes (each with its alert), history")]
    [Authorize(Policies.ReadShops), Tags("Monitoring")]
    public static async Task<IResult> Get(string name, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<RegisteredShop>(name, ct) is null)
        {
            return Results.Problem(ShopChanges.NotFound(name));
        }

        var baseline = await session.LoadAsync<ShopBaseline>(ShopBaseline.StreamId(session.TenantId, name), ct);
        return Results.Ok(new ShopMonitoringView(name, await session.LoadAsync<ShopMonitor>(name, ct), baseline is null ? null : ShopBaselineView.Of(baseline)));
    }
}
