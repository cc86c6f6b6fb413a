using CaseManagement.Monitoring.Passes;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Monitoring.Scheduling;

/// <summary>How often a shop is monitored; a new chain of passes starts, the first one interval from now.</summary>
public sealed record SetMonitoringSchedule(int? IntervalMinutes);

public static class SetMonitoringScheduleEndpoint
{
    public const int MaxIntervalMinutes = 24 * 60;

    public static ProblemDetails Validate(SetMonitoringSchedule command) => command.IntervalMinutes is >= 1 and <= MaxIntervalMinutes
        ? WolverineContinue.NoProblems
        : new Validation().Add("intervalMinutes", $"is required: minutes between passes, 1 to {MaxIntervalMinutes}").ToProblem();

    public static Task<RegisteredShop?> LoadAsync(string name, IDocumentSession session, CancellationToken ct) => session.LoadAsync<RegisteredShop>(name, ct);

    public static ProblemDetails Validate(RegisteredShop? shop, string name) => shop switch
    {
        null => ShopChanges.NotFound(name),
        _ => shop.RefuseNewRuns(),
    };

    [WolverinePost("/api/shops/{name}/monitoring/schedule", OperationId = nameof(SetMonitoringSchedule),
        Summary = "Set how often the shop is monitored (minutes); the schedule restarts with the first pass one interval from now")]
    [Authorize(Policies.Administer), Tags("Monitoring")]
    public static async Task<(ShopMonitor, OutgoingMessages)> Post(SetMonitoringSchedule command, RegisteredShop shop, IDocumentSession session, DateTimeOffset now,
        CancellationToken ct)
    {
        var interval = command.IntervalMinutes!.Value;
        var monitor = await session.LoadAsync<ShopMonitor>(shop.Id, ct) ?? RunMonitoringPassHandler.Start(shop.Id, interval, now);
        // A new chain: the pass already scheduled on the old one finds another chain id and does nothing.
        monitor.Chain = Guid.CreateVersion7(now);
        monitor.IntervalMinutes = interval;
        monitor.StartedAt = now;
        monitor.StoppedBecause = null;
        monitor.StoppedAt = null;
        monitor.NextPassAt = now.AddMinutes(interval);
        session.Store(monitor);
        return (monitor, [new RunMonitoringPass(shop.Id, ShopBaseline.StreamId(session.TenantId, shop.Id), monitor.Chain).ScheduledAt(monitor.NextPassAt.Value)]);
    }
}
