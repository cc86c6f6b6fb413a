using System.Text.Json.Serialization;
using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Containment;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Containment.Starting;

/// <summary>
/// Run a containment playbook against the incident's shop. The run itself is a Wolverine saga; this records the
/// request with every step as it will run, so what was meant is on the record before anything is touched.
/// </summary>
public sealed record StartContainment(string? Playbook, int? PlaybookVersion, Dictionary<string, string>? Parameters, string? Reason, long? ExpectedVersion)
    : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.StartContainment;

    public static string? Route => "containment";

    /// <summary>The request the endpoint prepared from the playbook, the shop and the encrypted secrets (never read from the body).</summary>
    [JsonIgnore]
    public ContainmentRequested? Prepared { get; init; }

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Required("playbook", Playbook, 64).Optional("reason", Reason);
        foreach (var (name, value) in Parameters ?? [])
        {
            validation.Required($"parameters.{name}", value, 500);
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [Prepared ?? throw new InvalidOperationException("The endpoint prepares the request before the pipeline decides.")];
}

public static class StartContainmentEndpoint
{
    public const string SecretPlaceholder = "[secret]";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/incidents/{id:guid}/containment", async (Guid id, StartContainment command, HttpContext http, IncidentCommandPipeline pipeline,
                IDocumentSession session, PiiVault vault, TimeProvider clock, CancellationToken ct) =>
            {
                // The pipeline answers 404, validation and lifecycle problems itself; only what it cannot know is checked here.
                if (command.Playbook is null || await session.LoadAsync<Incident>(id, ct) is not { } incident)
                {
                    return await pipeline.ExecuteAsync(http, id, command, ct);
                }

                if (PlaybookCatalogue.Embedded.Find(command.Playbook, command.PlaybookVersion) is not { } playbook)
                {
                    var known = string.Join(", ", PlaybookCatalogue.Embedded.Latest.Select(p => $"{p.Id} (v{p.Version})"));
                    return Invalid("playbook", $"no playbook '{command.Playbook}'{(command.PlaybookVersion is { } v ? $" version {v}" : "")}; known: {known}");
                }

                if (await session.LoadAsync<RegisteredShop>(incident.Shop, ct) is not { } shop)
                {
                    return Invalid("shop", $"shop '{incident.Shop}' is not registered; an admin registers it with POST /api/shops");
                }

                var parameters = command.Parameters ?? [];
                var platform = RegisteredShop.PlatformName(shop.Platform);
                var secretNames = playbook.Parameters.Where(p => p.Secret).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                // Secret values stay placeholders in the recorded steps; the executor fills them in from the encrypted copy.
                var planned = parameters.ToDictionary(p => p.Key, p => secretNames.Contains(p.Key) ? $"{{{p.Key}}}" : p.Value, StringComparer.Ordinal);
                var (steps, problems) = PlaybookCatalogue.Plan(playbook, planned, platform);
                if (problems.Count > 0)
                {
                    return Problems.Invalid(problems.ToDictionary(p => $"parameters.{p.Key}", p => new[] { p.Value }));
                }

                var runId = Guid.CreateVersion7(clock.GetUtcNow());
                var secrets = new Dictionary<string, ProtectedValue>(StringComparer.Ordinal);
                foreach (var (name, value) in parameters.Where(p => secretNames.Contains(p.Key)))
                {
                    secrets[name] = await vault.ProtectAsync(session, ContainmentSecrets.Subject(runId), value.Trim(), ct);
                }

                var prepared = new ContainmentRequested(incident.Id, runId, playbook.Id, playbook.Version, playbook.Sha256, shop.Id, platform,
                    parameters.ToDictionary(p => p.Key, p => secretNames.Contains(p.Key) ? SecretPlaceholder : p.Value.Trim(), StringComparer.Ordinal),
                    secrets, [.. steps.Select(s => ContainmentPlanning.ToStepPlan(s, shop.Platform))], command.Reason?.Trim());
                return await pipeline.ExecuteAsync(http, id, command with { Prepared = prepared }, ct);
            })
            .WithName(nameof(StartContainment))
            .WithSummary("Run a containment playbook on the incident's shop; follow it at GET …/containment")
            .RequireAuthorization(Policies.RecordFacts)
            .ProducesIncidentChange();

    private static IResult Invalid(string field, string message) => Problems.Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
