using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Monitoring.Passes;

public static class RunPassNowEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(string name, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RegisteredShop>(name, ct) switch
        {
            null => ShopChanges.NotFound(name),
            { } shop => shop.RefuseNewRuns(),
        };

    /// <summary>Runs inline and answers what the pass did; the schedule's next pass is not moved.</summary>
    [WolverinePost("/api/shops/{name}/monitoring/passes", OperationId = "RunMonitoringPass",
        Summary = "Run a monitoring pass over the shop now (the first records the baseline); answers what it raised as alerts and what cleared")]
    [Authorize(Policies.RecordFacts), Tags("Monitoring")]
    public static Task<MonitoringPassResult> Post(string name, IQuerySession session, IMessageBus bus, CancellationToken ct) =>
        bus.InvokeForTenantAsync<MonitoringPassResult>(session.TenantId, new RunMonitoringPass(name, ShopBaseline.StreamId(session.TenantId, name), null), ct);
}
