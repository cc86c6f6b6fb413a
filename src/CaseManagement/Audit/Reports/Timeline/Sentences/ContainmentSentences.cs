using CaseManagement.Containment;
using CaseManagement.Containment.Evidence;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Evidence;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>Containment runs (people's decisions and the service's changes to the shop) and the evidence they collected.</summary>
internal static class ContainmentSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<ContainmentRunStarted>((e, n) => new Told(
            $"{n.Subject} decided to contain the incident with playbook {e.Playbook} v{e.PlaybookVersion} (containment run {Short(e.RunId)}).",
            Why: e.Reason))
        .On<ContainmentRequested>((e, n) => new Told(
            $"{n.Subject} started containment playbook {e.Playbook} v{e.PlaybookVersion} on {e.Shop} ({e.Platform}): {Count(e.Steps.Count, "step", "steps")}" +
            $"{(e.Parameters.Count == 0 ? "" : $"; parameters: {List(e.Parameters.Select(p => $"{p.Key} = {p.Value}"))}")}.",
            Why: e.Reason,
            Details: string.Join("; ", e.Steps.Select((s, i) => $"{i + 1}. {s.Title}{(s.Automated ? "" : " (by hand)")}{(s.RequiresApproval ? " (needs approval)" : "")}")),
            Evidence: [new EvidenceReference($"playbook {e.Playbook} v{e.PlaybookVersion}", e.RunId.ToString(), e.PlaybookSha256)]))
        .On<ContainmentStepAwaitingApproval>((e, n) => new Told(
            $"{n.Subject} held step {n.Step(e.RunId, e.StepId)} for a compliance lead's or approver's yes.", Why: e.Why))
        .On<ContainmentStepApproved>((e, n) => new Told($"{n.Subject} approved step {n.Step(e.RunId, e.StepId)}.", Why: e.Comment))
        .On<ManualContainmentStepAwaiting>((e, n) => new Told(
            $"{n.Subject} handed step {n.Step(e.RunId, e.StepId)} to a person on the shop's server.", Details: string.Join("; ", e.Checklist)))
        .On<ManualContainmentStepCompleted>((e, n) => new Told($"{n.Subject} marked step {n.Step(e.RunId, e.StepId)} as done by hand.", Why: e.Note))
        .On<ContainmentStepStarted>((e, n) => new Told(
            $"{n.Subject} started step {n.Step(e.RunId, e.StepId)} on {n.Shop} (attempt {e.Attempt}) and kept the state before it, encrypted" +
            $"{(e.BeforeSummary is null ? "" : $": {e.BeforeSummary}")}."))
        .On<ContainmentStepAttemptFailed>((e, n) => new Told(
            $"{n.Subject}: attempt {e.Attempt} of step {n.Step(e.RunId, e.StepId)} failed; the next attempt is due at {Instant(e.RetryAt)}.", Why: e.Reason))
        .On<ContainmentStepSucceeded>(Succeeded)
        .On<ContainmentStepFailed>((e, n) => new Told(
            $"{n.Subject}: step {n.Step(e.RunId, e.StepId)} failed after {Count(e.Attempts, "attempt", "attempts")}.", Why: e.Reason))
        .On<ContainmentBlocked>((e, n) => new Told(
            $"{n.Subject} stopped at step {n.Step(e.RunId, e.StepId)} until a person chooses: {string.Join(", ", e.Options)}.", Why: e.Reason))
        .On<ContainmentStepRetryRequested>((e, n) => new Told($"{n.Subject} asked to retry step {n.Step(e.RunId, e.StepId)}.", Why: e.Reason))
        .On<ContainmentStepSkipped>((e, n) => new Told($"{n.Subject} skipped step {n.Step(e.RunId, e.StepId)}.", Why: e.Justification))
        .On<ContainmentStepRollbackRequested>((e, n) => new Told(
            $"{n.Subject} asked to roll back step {n.Step(e.RunId, e.StepId)}, " +
            $"{(e.RestoreCredentials ? "restoring revoked credentials too" : "leaving revoked credentials revoked")}.", Why: e.Reason))
        .On<ContainmentStepCompensated>((e, n) => new Told(
            $"{n.Subject} rolled back step {n.Step(e.RunId, e.StepId)} on {n.Shop}: {Changes(e.Changes)}.", Details: e.Summary))
        .On<ContainmentStepCompensationFailed>((e, n) => new Told($"{n.Subject} could not roll back step {n.Step(e.RunId, e.StepId)}.", Why: e.Reason))
        .On<ContainmentCompleted>((e, n) => new Told(
            $"{n.Subject} completed containment run {Short(e.RunId)}{(n.Run(e.RunId) is { } run ? $" ({run.Playbook})" : "")}: " +
            "every required step is done, done by hand or skipped with a justification.", Why: e.Summary))
        .On<ContainmentRunReopened>((e, n) => new Told(
            $"{n.Subject} reopened containment run {Short(e.RunId)}: it no longer stands completed, as step {n.Step(e.RunId, e.StepId)} is being rolled back.",
            Why: e.Reason))
        .On<ContainmentRunSuperseded>((e, n) => new Told(
            $"{n.Subject} superseded containment run {Short(e.RunId)}{(n.Run(e.RunId) is { } run ? $" ({run.Playbook})" : "")}: nothing more runs in it, " +
            "and a new run may start.", Why: e.Reason))
        .On<EvidencePreserved>((e, n) => new Told(
            $"{n.Subject} preserved evidence item {Short(e.EvidenceId)} from {e.Shop}: {Count(e.Files.Count, "file", "files")} " +
            $"({(e.Tables is null ? "the whole shop database" : List(e.Tables))}), one consistent snapshot of {e.ServerVersion}" +
            $"{(e.CollectedFor is null ? "" : $", collected for {e.CollectedFor}")}.",
            // Older events hold the absolute server path: never shown.
            Details: Path.IsPathRooted(e.Location) ? "kept in the evidence store" : $"kept in the evidence store at {e.Location}",
            At: new BusinessTime(e.SnapshotAt, "snapshot taken"),
            Evidence: [.. e.Files.Select(f => new EvidenceReference(f.Name, e.EvidenceId.ToString(), f.Sha256))]))
        .On<EvidenceAccessed>((e, n) => new Told(
            $"{n.Subject} downloaded {e.File} of evidence item {Short(e.EvidenceId)}" +
            $"{(e.HashVerified ? " after its hash was checked against the recorded one" : " without its hash being checked")}.",
            Evidence: [new EvidenceReference(e.File, e.EvidenceId.ToString(), e.Sha256)]))
        .On<EvidenceEncryptedAtRest>((e, n) => new Told(
            $"{n.Subject} encrypted evidence item {Short(e.EvidenceId)} at rest ({e.Encryption}); each of its {e.Files.Count} files decrypted to its recorded " +
            "hash before its plaintext copy was removed.", Why: e.Reason,
            Evidence: [.. e.Files.Select(f => new EvidenceReference($"{f.Name} (stored bytes before {f.StoredSha256Before[..12]}…, after {f.StoredSha256After[..12]}…)",
                e.EvidenceId.ToString(), f.Sha256))]))
        .On<EvidenceVerified>((e, n) => new Told(
            $"{n.Subject} hashed evidence item {Short(e.EvidenceId)} again: " +
            (e.Intact
                ? "every file matches the hash recorded when it was collected."
                : $"NOT intact: {List(e.Files.Where(f => f.State != EvidenceFileState.Ok).Select(f => $"{f.Name} {Word(f.State)}"))}."),
            Evidence: [.. e.Files.Select(f => new EvidenceReference(f.Name, e.EvidenceId.ToString(), null))]))
        .On<EvidenceDestroyed>((e, n) => new Told(
            $"{n.Subject} destroyed evidence item {Short(e.EvidenceId)}: its key was shredded and its {Count(e.Files.Count, "file", "files")} deleted; " +
            "the hashes below record what it held.",
            Why: e.Reason,
            Evidence: [.. e.Files.Select(f => new EvidenceReference(f.Name, e.EvidenceId.ToString(), f.Sha256))]))
        .On<EvidenceDestructionRefused>((e, n) => new Told(
            $"{n.Subject} asked to destroy evidence item {Short(e.EvidenceId)} and was refused: {e.Refusal}", Why: e.Reason))
        .On<EvidenceHoldPlaced>((e, n) => new Told($"{n.Subject} placed the incident's evidence under legal hold.", Why: e.Reason))
        .On<EvidenceHoldLifted>((e, n) => new Told($"{n.Subject} lifted the legal hold on the incident's evidence.", Why: e.Reason));

    // What the service did to the shop, in the words of the action the step ran.
    private static Told Succeeded(ContainmentStepSucceeded e, Narration n)
    {
        var plan = n.Plan(e.RunId, e.StepId);
        var argument = (string name) => plan?.Arguments.GetValueOrDefault(name) ?? "?";
        var did = plan?.Action switch
        {
            ContainmentActions.LockAdmin => $"locked the back-office account {argument("login")} on {n.Shop}",
            ContainmentActions.DeactivatePlugin => $"deactivated the plugin {argument("plugin")} on {n.Shop}",
            ContainmentActions.RevokeCredentials => $"revoked credentials on {n.Shop} ({List(plan.Arguments.Select(a => $"{a.Key} {a.Value}"))})",
            ContainmentActions.EndCustomerSessions => $"ended the shoppers' sessions on {n.Shop}",
            ContainmentActions.ScanForSkimmers => $"scanned {n.Shop} for injected scripts: {Count(e.Findings?.Count ?? 0, "finding", "findings")}",
            ContainmentActions.PreserveEvidence => $"copied evidence from {n.Shop}{(e.EvidenceId is { } id ? $" as item {Short(id)}" : "")}",
            _ => $"carried out step {n.Step(e.RunId, e.StepId)} on {n.Shop}",
        };
        var changed = plan is not null && ContainmentActions.ChangesShop(plan.Action) ? $": {Changes(e.Changes)}" : "";
        var findings = e.Findings is { Count: > 0 } found
            ? $" Found: {string.Join("; ", found.Select(f => $"{f.Location} ({f.Why}{(f.ExternalHosts.Count > 0 ? $", sends to {List(f.ExternalHosts)}" : "")})"))}."
            : "";
        return new Told($"{n.Subject} {did}{changed}.", Why: plan?.Why, Details: e.Summary + findings,
            Evidence: e.EvidenceId is { } evidence ? [new EvidenceReference("evidence item", evidence.ToString(), null)] : null);
    }

    private static string Changes(IReadOnlyList<ShopChange> changes) =>
        changes.Count == 0 ? "nothing needed changing" : string.Join(", ", changes.Select(c => c.What).Distinct());
}
