using System.Text.Json;
using CaseManagement.Containment.Coordinating;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops.ShopActions;
using Marten;

namespace CaseManagement.Containment.Executing;

/// <summary>One step of one run as the executor works on it: the recorded state, the shop, and how results are recorded.</summary>
internal sealed class StepWorkContext
{
    private StepWorkContext(IDocumentSession session, ContainmentRun run, ContainmentStep step)
    {
        Session = session;
        Run = run;
        Step = step;
    }

    public IDocumentSession Session { get; }

    public ContainmentRun Run { get; }

    public ContainmentStep Step { get; }

    public Guid IncidentId => Run.IncidentId;

    /// <summary>Null when the run or step is not on record (nothing to do).</summary>
    public static async Task<StepWorkContext?> LoadAsync(IDocumentSession session, Guid runId, string stepId, CancellationToken ct)
    {
        session.LastModifiedBy = ContainmentRunSaga.Actor;
        return await session.LoadAsync<ContainmentRun>(runId, ct) is { } run && run.Step(stepId) is { } step ? new StepWorkContext(session, run, step) : null;
    }

    public async Task<RegisteredShop> ShopAsync(CancellationToken ct) =>
        await Session.LoadAsync<RegisteredShop>(Run.Shop, ct)
        ?? throw new StepCannotRunException($"shop '{Run.Shop}' is no longer registered; register it again, then retry the step");

    /// <summary>The adapter on the shop's read-write user, and the step's action with its secret parameters filled in.</summary>
    public async Task<(IShopContainment Containment, ContainmentAction Action)> ShopActionAsync(PiiVault vault, CancellationToken ct)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Run.Secrets)
        {
            secrets[name] = await vault.RevealAsync(Session, value, ct)
                            ?? throw new StepCannotRunException($"the run's secret parameter '{name}' was erased; start a new run with it");
        }

        var action = ContainmentShopActions.For(Step.Plan, name => secrets.TryGetValue(name, out var secret)
                         ? secret
                         : throw new StepCannotRunException($"the run has no value for secret parameter '{name}'"))
                     ?? throw new StepCannotRunException($"step '{Step.Plan.Id}' ({Step.Plan.Action}) is not a change to the shop");
        var shop = await ShopAsync(ct);
        return (ShopContainments.For(await shop.WriteSettingsAsync(vault, Session, ct)), action);
    }

    /// <summary>The shop's state before the step first ran, if it was captured.</summary>
    public async Task<ActionSnapshot?> SnapshotAsync(PiiVault vault, CancellationToken ct)
    {
        if (Step.BeforeState is not { } stored)
        {
            return null;
        }

        var json = await vault.RevealAsync(Session, stored, ct)
                   ?? throw new StepCannotRunException("the state captured before the step ran was erased, so it can no longer be restored");
        return JsonSerializer.Deserialize<ActionSnapshot>(json);
    }

    /// <summary>
    /// Commits now, before the shop is touched: what is about to be done, and the state it is done to. In a transaction
    /// of its own, because the message's transaction (which also marks the message handled) commits only the outcome.
    /// </summary>
    public Task RecordBeforeActingAsync(IReadOnlyList<object> events, CancellationToken ct) =>
        RecordBeforeActingAsync((_, _) => Task.FromResult(events), ct);

    /// <param name="decide">The events, given the session they commit in (an encrypted value's data key commits with it).</param>
    public async Task RecordBeforeActingAsync(Func<IDocumentSession, CancellationToken, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
    {
        await using var before = Session.DocumentStore.LightweightSession(Session.TenantId);
        before.LastModifiedBy = Session.LastModifiedBy;
        before.CorrelationId = Session.CorrelationId;
        before.CausationId = Session.CausationId;
        var stream = await before.Events.FetchForWriting<ContainmentRun>(Run.RunId, ct);
        stream.AppendMany(await decide(before, ct));
        await before.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Appended on the run's stream as it is now, and committed by Wolverine with the message that advances the run. A
    /// person deciding on the run in between fails the commit; the retried message finds the change already made on the
    /// shop (the actions are idempotent from the captured state) and records it again.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<object> events, CancellationToken ct)
    {
        var stream = await Session.Events.FetchForWriting<ContainmentRun>(Run.RunId, ct);
        stream.AppendMany(events);
    }
}
