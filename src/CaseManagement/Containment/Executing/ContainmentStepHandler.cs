using System.Text.Json;
using CaseManagement.Containment.Coordinating;
using CaseManagement.Containment.Evidence;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Evidence;
using CaseManagement.Shops.Scoping;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Containment.Executing;

/// <summary>
/// Carries out containment steps on the shop and records each result on the run's stream. A change is made in two
/// commits: first the state before (encrypted) as <see cref="ContainmentStepStarted"/>, then the change and its
/// outcome. Redelivered after a crash, the step reuses the recorded state and the adapter's idempotent apply, so a
/// change is never made twice and a rollback always restores what was there before the first attempt.
/// </summary>
public static class ContainmentStepHandler
{
    // An evidence copy of a big shop takes minutes; Wolverine would cancel a handler after 60 s. The run's own
    // per-step timeout decides when a person is told.
    public static void Configure(HandlerChain chain) => chain.ExecutionTimeoutInSeconds = (int)TimeSpan.FromHours(3).TotalSeconds;

    public static async Task<AdvanceContainmentRun> Handle(ExecuteContainmentStep message, IDocumentSession session, IMessageContext context, Envelope envelope,
        PiiVault vault, EvidenceLocker locker, IOptions<ContainmentOptions> options, TimeProvider clock, ILogger<ExecuteContainmentStep> logger,
        CancellationToken ct)
    {
        var work = await StepWorkContext.LoadAsync(session, message.RunId, message.StepId, ct);
        if (work is not { Step.Status: ContainmentStepStatus.Pending or ContainmentStepStatus.Approved or ContainmentStepStatus.Running or ContainmentStepStatus.Retrying })
        {
            return new AdvanceContainmentRun(message.RunId, message.IncidentId);
        }

        var attempt = work.Step.Status == ContainmentStepStatus.Running ? Math.Max(work.Step.Attempts, 1) : work.Step.Attempts + 1;
        try
        {
            var outcome = work.Step.Plan.Action switch
            {
                ContainmentActions.PreserveEvidence => await PreserveEvidenceAsync(work, attempt, vault, locker, context.TenantId!, ct),
                ContainmentActions.ScanForSkimmers => await ScanAsync(work, attempt, vault, ct),
                _ => await ChangeShopAsync(work, attempt, vault, ct),
            };
            await work.AppendAsync(outcome, ct);
            logger.LogInformation("Containment run {RunId}, step {StepId}: {Summary}", message.RunId, message.StepId,
                outcome.OfType<ContainmentStepSucceeded>().Single().Summary);
        }
        catch (Exception ex) when (IsTransient(ex) && envelope.Attempts < options.Value.MaximumAttempts)
        {
            var retryAt = clock.GetUtcNow() + options.Value.RetryBackoff[Math.Max(envelope.Attempts, 1) - 1];
            logger.LogWarning("Containment run {RunId}, step {StepId}, attempt {Attempt} failed, retrying at {RetryAt:O}: {Reason}",
                message.RunId, message.StepId, attempt, retryAt, ex.Message);
            await work.RecordBeforeActingAsync([new ContainmentStepAttemptFailed(message.IncidentId, message.RunId, message.StepId, attempt, ex.Message, retryAt)], ct);
            // Wolverine's scheduled retry (ContainmentMessaging) waits the same backoff, durably.
            throw;
        }
        catch (Exception ex) when (ex is ShopContainmentException or ShopScopingException or StepCannotRunException)
        {
            logger.LogWarning("Containment run {RunId}, step {StepId} failed: {Reason}", message.RunId, message.StepId, ex.Message);
            await work.AppendAsync(ContainmentDecisions.Failure(message.IncidentId, message.RunId, work.Step with { Attempts = attempt }, ex.Message), ct);
        }

        return new AdvanceContainmentRun(message.RunId, message.IncidentId);
    }

    public static async Task<AdvanceContainmentRun> Handle(CompensateContainmentStep message, IDocumentSession session,
        Envelope envelope, PiiVault vault, IOptions<ContainmentOptions> options, ILogger<CompensateContainmentStep> logger, CancellationToken ct)
    {
        var work = await StepWorkContext.LoadAsync(session, message.RunId, message.StepId, ct);
        if (work is not { Step.Status: ContainmentStepStatus.RollingBack })
        {
            return new AdvanceContainmentRun(message.RunId, message.IncidentId);
        }

        try
        {
            var (containment, action) = await work.ShopActionAsync(vault, ct);
            var snapshot = await work.SnapshotAsync(vault, ct)
                           ?? throw new StepCannotRunException($"step '{message.StepId}' has no recorded state to restore");
            var outcome = await containment.CompensateAsync(action, snapshot, new CompensationOptions(work.Step.RestoreCredentials), ct);
            await work.AppendAsync([new ContainmentStepCompensated(message.IncidentId, message.RunId, message.StepId, outcome.Summary, outcome.Changes)], ct);
            logger.LogInformation("Containment run {RunId}, step {StepId} rolled back: {Summary}", message.RunId, message.StepId, outcome.Summary);
        }
        catch (Exception ex) when (IsTransient(ex) && envelope.Attempts < options.Value.MaximumAttempts)
        {
            logger.LogWarning("Rollback of containment run {RunId}, step {StepId} failed, retrying: {Reason}", message.RunId, message.StepId, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is ShopContainmentException or StepCannotRunException)
        {
            await work.AppendAsync([new ContainmentStepCompensationFailed(message.IncidentId, message.RunId, message.StepId, ex.Message)], ct);
        }

        return new AdvanceContainmentRun(message.RunId, message.IncidentId);
    }

    /// <summary>The shop was unreachable, busy or slow: worth another attempt after a wait (see <see cref="ContainmentMessaging"/>).</summary>
    public static bool IsTransient(Exception ex) => ex is ShopContainmentException { Transient: true } or ShopScopingException { Transient: true };

    private static async Task<IReadOnlyList<object>> PreserveEvidenceAsync(StepWorkContext work, int attempt, PiiVault vault, EvidenceLocker locker,
        string organisation, CancellationToken ct)
    {
        var tables = work.Step.Plan.EvidenceTables;
        var what = tables is null ? "the whole shop database" : $"tables {string.Join(", ", tables)}";
        await work.RecordBeforeActingAsync([new ContainmentStepStarted(work.IncidentId, work.Run.RunId, work.Step.Plan.Id, attempt, null, $"copying {what}")], ct);
        var shop = await work.ShopAsync(ct);
        var settings = await shop.ReadSettingsAsync(vault, work.Session, ct);
        var evidenceId = EvidenceLocker.EvidenceIdFor(work.Run.RunId, work.Step.Plan.Id);
        var location = locker.For(locker.NewStore, organisation, work.IncidentId, evidenceId);
        // The item's key is committed before a file is written under it, so a redelivered step finds the same key with its bundle.
        var key = await vault.DataKeyAsync(work.Session, EvidenceKeys.Subject(evidenceId), ct);
        EvidenceBundle bundle;
        try
        {
            // A redelivered step finds the bundle it wrote before the service stopped; evidence is never overwritten.
            bundle = await EvidenceDump.ReadAsync(location, key, ct) ?? await EvidenceDump.WriteAsync(settings, new EvidenceScope(tables), location, key: key, ct: ct);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }

        var bytes = bundle.Files.Sum(f => f.Bytes);
        // The item's chain of custody is its own stream, begun with the same commit as the step's success.
        work.Session.Events.StartStream<EvidenceItem>(evidenceId, new EvidencePreserved(work.IncidentId, evidenceId, work.Run.RunId, work.Step.Plan.Id,
            shop.Id, work.Run.RequestedBy, EvidenceLocker.RelativeName(organisation, work.IncidentId, evidenceId), tables, bundle.SnapshotAt, bundle.ServerVersion,
            bundle.Files, EvidenceCipher.Format, locker.NewStore));
        return
        [
            new ContainmentStepSucceeded(work.IncidentId, work.Run.RunId, work.Step.Plan.Id,
                $"preserved {what}: {bundle.Files.Count} files, {bytes:N0} bytes, snapshot at {bundle.SnapshotAt:O}", [], evidenceId),
        ];
    }

    private static async Task<IReadOnlyList<object>> ScanAsync(StepWorkContext work, int attempt, PiiVault vault, CancellationToken ct)
    {
        await work.RecordBeforeActingAsync(
            [new ContainmentStepStarted(work.IncidentId, work.Run.RunId, work.Step.Plan.Id, attempt, null, "reading the known skimmer locations")], ct);
        var shop = await work.ShopAsync(ct);
        var scan = await ShopContainments.For(await shop.ReadSettingsAsync(vault, work.Session, ct)).ScanForSkimmersAsync(ct);
        var hosts = scan.Findings.SelectMany(f => f.ExternalHosts).Distinct(StringComparer.Ordinal).ToList();
        var summary = scan.Findings.Count == 0
            ? $"nothing found in {scan.Checked.Count} locations"
            : $"{scan.Findings.Count} suspicious entries in {scan.Checked.Count} locations" + (hosts.Count > 0 ? $"; external hosts: {string.Join(", ", hosts)}" : "");
        return [new ContainmentStepSucceeded(work.IncidentId, work.Run.RunId, work.Step.Plan.Id, summary, [], Findings: scan.Findings)];
    }

    private static async Task<IReadOnlyList<object>> ChangeShopAsync(StepWorkContext work, int attempt, PiiVault vault, CancellationToken ct)
    {
        var (containment, action) = await work.ShopActionAsync(vault, ct);
        if (await work.SnapshotAsync(vault, ct) is not { } snapshot)
        {
            snapshot = await containment.CaptureAsync(action, ct);
            // The state before is on the record, encrypted (its data key commits with it), before the shop is touched.
            var captured = snapshot;
            await work.RecordBeforeActingAsync(async (session, c) =>
            [
                new ContainmentStepStarted(work.IncidentId, work.Run.RunId, work.Step.Plan.Id, attempt,
                    await vault.ProtectAsync(session, ContainmentSecrets.Subject(work.Run.RunId), JsonSerializer.Serialize(captured), c), captured.Summary),
            ], ct);
        }
        else if (work.Step.Status != ContainmentStepStatus.Running)
        {
            await work.RecordBeforeActingAsync([new ContainmentStepStarted(work.IncidentId, work.Run.RunId, work.Step.Plan.Id, attempt, null, null)], ct);
        }

        var outcome = await containment.ApplyAsync(action, snapshot, ct);
        return [new ContainmentStepSucceeded(work.IncidentId, work.Run.RunId, work.Step.Plan.Id, outcome.Summary, outcome.Changes)];
    }
}

/// <summary>The step cannot run as recorded (its shop was removed, its secret shredded); a person must decide.</summary>
public sealed class StepCannotRunException(string message) : Exception(message);
