using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using CaseManagement.Rules.Playbooks;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using Marten;
using Wolverine;

namespace CaseManagement.Containment.Starting;

/// <summary>
/// Run a containment playbook against the incident's shop. The incident records the person's decision; the run gets a
/// stream of its own, begun with every step as it will run, so what was meant is on the record before anything is
/// touched, and its saga is told to begin in the same transaction.
/// </summary>
public sealed record StartContainment(string? Playbook, int? PlaybookVersion, Dictionary<string, string>? Parameters, string? Reason, long? ExpectedVersion)
    : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.StartContainment;
}

public static class StartContainmentEndpoint
{
    public const string SecretPlaceholder = "[secret]";

    /// <summary>The shop the playbook will act on, and the incident's latest run (one runs at a time).</summary>
    public static async Task<(RegisteredShop?, ContainmentRun?)> LoadAsync(Incident incident, IDocumentSession session, CancellationToken ct) =>
        (await session.LoadAsync<RegisteredShop>(incident.Shop, ct),
            incident.ContainmentRunIds is [.., var latest] ? await session.LoadAsync<ContainmentRun>(latest, ct) : null);

    public static ProblemDetails Validate(StartContainment command, Incident incident, RegisteredShop? shop, ContainmentRun? latest)
    {
        var validation = new Validation().Required("playbook", command.Playbook, 64).Optional("reason", command.Reason);
        foreach (var (name, value) in command.Parameters ?? [])
        {
            validation.Required($"parameters.{name}", value, 500);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (PlaybookOf(command) is not { } playbook)
        {
            var known = string.Join(", ", PlaybookCatalogue.Embedded.Latest.Select(p => $"{p.Id} (v{p.Version})"));
            return validation.Add("playbook", $"no playbook '{command.Playbook}'{(command.PlaybookVersion is { } v ? $" version {v}" : "")}; known: {known}").ToProblem();
        }

        if (shop is null)
        {
            return validation.Add("shop", $"shop '{incident.Shop}' is not registered; an admin registers it with POST /api/shops").ToProblem();
        }

        if (shop.RefuseNewRuns() is { Status: StatusCodes.Status409Conflict } deactivated)
        {
            return deactivated;
        }

        foreach (var (name, problem) in Plan(command, playbook, shop).Problems)
        {
            validation.Add($"parameters.{name}", problem);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return ContainmentDecisions.RefuseNewRun(latest) is { } busy
            ? Problems.InvalidTransitionDetails(new LifecycleRejection(incident.Status, IncidentAction.StartContainment, busy, incident.AllowedActions))
            : WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/incidents/{id}/containment", OperationId = nameof(StartContainment),
        Summary = "Run a containment playbook on the incident's shop; follow it at GET …/containment")]
    [Authorize(Policies.RecordFacts)]
    public static async Task<(UpdatedAggregate, ContainmentRunStarted, IStartStream, OutgoingMessages)> Post(StartContainment command,
        [WriteAggregate] Incident incident, RegisteredShop shop, IDocumentSession session, PiiVault vault, DateTimeOffset now, CancellationToken ct)
    {
        var playbook = PlaybookOf(command)!;
        var parameters = command.Parameters ?? [];
        var secretNames = SecretNames(playbook);
        var runId = Guid.CreateVersion7(now);
        // Secret values stay placeholders in the recorded steps; the executor fills them in from the encrypted copy.
        var secrets = new Dictionary<string, ProtectedValue>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters.Where(p => secretNames.Contains(p.Key)))
        {
            secrets[name] = await vault.ProtectAsync(session, ContainmentSecrets.Subject(runId), value.Trim(), ct);
        }

        var requested = new ContainmentRequested(incident.Id, runId, playbook.Id, playbook.Version, playbook.Sha256, shop.Id, RegisteredShop.PlatformName(shop.Platform),
            parameters.ToDictionary(p => p.Key, p => secretNames.Contains(p.Key) ? SecretPlaceholder : p.Value.Trim(), StringComparer.Ordinal),
            secrets, [.. Plan(command, playbook, shop).Steps.Select(s => ContainmentPlanning.ToStepPlan(s, shop.Platform))], command.Reason?.Trim());
        return (new UpdatedAggregate(), new ContainmentRunStarted(incident.Id, runId, playbook.Id, playbook.Version, command.Reason?.Trim()),
            MartenOps.StartStream<ContainmentRun>(runId, requested), [new AdvanceContainmentRun(runId, incident.Id)]);
    }

    private static Playbook? PlaybookOf(StartContainment command) => PlaybookCatalogue.Embedded.Find(command.Playbook!, command.PlaybookVersion);

    private static HashSet<string> SecretNames(Playbook playbook) => playbook.Parameters.Where(p => p.Secret).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private static (IReadOnlyList<PlannedStep> Steps, IReadOnlyDictionary<string, string> Problems) Plan(StartContainment command, Playbook playbook, RegisteredShop shop)
    {
        var secretNames = SecretNames(playbook);
        var planned = (command.Parameters ?? []).ToDictionary(p => p.Key, p => secretNames.Contains(p.Key) ? $"{{{p.Key}}}" : p.Value, StringComparer.Ordinal);
        return PlaybookCatalogue.Plan(playbook, planned, RegisteredShop.PlatformName(shop.Platform));
    }
}
