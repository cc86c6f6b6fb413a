using System.Text.Json;
using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops.Containment;
using Marten;
using Wolverine;

namespace CaseManagement.Containment.Executing;

/// <summary>One step of one run as the executor works on it: the recorded state, the shop, and how results are recorded.</summary>
internal sealed class StepWorkContext : IAsyncDisposable
{
    private readonly IDocumentStore _store;

    private StepWorkContext(IDocumentStore store, IQuerySession query, string organisation, Guid incidentId, ContainmentRun run, ContainmentStep step)
    {
        _store = store;
        Query = query;
        Organisation = organisation;
        IncidentId = incidentId;
        Run = run;
        Step = step;
    }

    public IQuerySession Query { get; }

    public string Organisation { get; }

    public Guid IncidentId { get; }

    public ContainmentRun Run { get; }

    public ContainmentStep Step { get; }

    /// <summary>Null when the incident, run or step is not on record (nothing to do).</summary>
    public static async Task<StepWorkContext?> LoadAsync(IDocumentStore store, IMessageContext context, Guid incidentId, Guid runId, string stepId,
        CancellationToken ct)
    {
        var organisation = context.TenantId ?? throw new InvalidOperationException("A containment message must carry its organisation.");
        var query = store.QuerySession(organisation);
        if ((await query.LoadAsync<Incident>(incidentId, ct))?.FindContainmentRun(runId) is { } run && run.Step(stepId) is { } step)
        {
            return new StepWorkContext(store, query, organisation, incidentId, run, step);
        }

        await query.DisposeAsync();
        return null;
    }

    public async Task<RegisteredShop> ShopAsync(CancellationToken ct) =>
        await Query.LoadAsync<RegisteredShop>(Run.Shop, ct)
        ?? throw new StepCannotRunException($"shop '{Run.Shop}' is no longer registered; register it again, then retry the step");

    /// <summary>The adapter on the shop's read-write user, and the step's action with its secret parameters filled in.</summary>
    public async Task<(IShopContainment Containment, ContainmentAction Action)> ShopActionAsync(PiiVault vault, CancellationToken ct)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Run.Secrets)
        {
            secrets[name] = await vault.RevealAsync(Query, value, ct)
                            ?? throw new StepCannotRunException($"the run's secret parameter '{name}' was erased; start a new run with it");
        }

        var action = ContainmentShopActions.For(Step.Plan, name => secrets.TryGetValue(name, out var secret)
                         ? secret
                         : throw new StepCannotRunException($"the run has no value for secret parameter '{name}'"))
                     ?? throw new StepCannotRunException($"step '{Step.Plan.Id}' ({Step.Plan.Action}) is not a change to the shop");
        var shop = await ShopAsync(ct);
        return (ShopContainments.For(await shop.WriteSettingsAsync(vault, Query, ct)), action);
    }

    /// <summary>The shop's state before the step first ran, if it was captured.</summary>
    public async Task<ActionSnapshot?> SnapshotAsync(PiiVault vault, CancellationToken ct)
    {
        if (Step.BeforeState is not { } stored)
        {
            return null;
        }

        var json = await vault.RevealAsync(Query, stored, ct)
                   ?? throw new StepCannotRunException("the state captured before the step ran was erased, so it can no longer be restored");
        return JsonSerializer.Deserialize<ActionSnapshot>(json);
    }

    public Task RecordAsync(IReadOnlyList<object> events, CancellationToken ct) =>
        StreamRecorder.AppendAsync<Incident>(_store, Organisation, IncidentId, ContainmentRunSaga.Actor, _ => events, ct);

    public Task RecordAsync(Func<IDocumentSession, Incident, Task<IReadOnlyList<object>>> events, CancellationToken ct) =>
        StreamRecorder.AppendAsync<Incident>(_store, Organisation, IncidentId, ContainmentRunSaga.Actor, events, ct);

    public ValueTask DisposeAsync() => Query.DisposeAsync();
}
