using System.Security.Claims;
using CaseManagement.Incidents;
using CaseManagement.Readiness.Exercises.Sandbox;
using CaseManagement.Readiness.Library;
using CaseManagement.Rules.Scenarios;
using CaseManagement.Security.Pii;
using CaseManagement.ShopRegistry;
using Marten;

namespace CaseManagement.Readiness.Exercises.Starting;

public sealed record ExerciseParticipantRequest(string? Name, string? Role, string? Email);

/// <summary>
/// Start a tabletop exercise: a scenario (the newest version unless one is named), the sandbox shop it runs against, who
/// takes part. The clock starts at the real instant and runs in real time unless <paramref name="Paused"/>.
/// </summary>
/// <param name="NoticesToParticipants">Notices of the exercise's campaigns go to the participants' addresses instead of the generated shoppers'.</param>
public sealed record StartExercise(
    string? Scenario,
    int? ScenarioVersion,
    string? Title,
    string? Sandbox,
    IReadOnlyList<ExerciseParticipantRequest>? Participants,
    bool? NoticesToParticipants,
    bool? Paused);

/// <summary>What a start needs: the scenario version and the organisation's sandbox registration.</summary>
public sealed record ExerciseSetup(Scenario? Scenario, IReadOnlyList<Scenario> Known, RegisteredShop? Sandbox);

/// <summary>201 with the exercise's address, its incident's id and the header that acts inside it.</summary>
public sealed record ExerciseCreated(Guid Id, Guid IncidentId, string Header, string HeaderValue) : CreationResponse($"/api/exercises/{Id}");

public static class StartExerciseEndpoint
{
    public const int MaxParticipants = 100;

    public static ProblemDetails Validate(StartExercise command)
    {
        var validation = new Validation().Required("scenario", command.Scenario, 64).Required("sandbox", command.Sandbox, 64).Optional("title", command.Title, 200);
        if (command.Participants is not { Count: > 0 and <= MaxParticipants } participants)
        {
            return validation.Add("participants", $"name between 1 and {MaxParticipants} people taking part, each with a name and a role").ToProblem();
        }

        for (var i = 0; i < participants.Count; i++)
        {
            validation.Required($"participants[{i}].name", participants[i].Name, 200).Required($"participants[{i}].role", participants[i].Role, 100)
                .Optional($"participants[{i}].email", participants[i].Email, 254);
            if (participants[i].Email is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            {
                validation.Add($"participants[{i}].email", $"'{email}' is not an e-mail address");
            }
        }

        if (command.NoticesToParticipants == true && participants.All(p => string.IsNullOrWhiteSpace(p.Email)))
        {
            validation.Add("noticesToParticipants", "needs at least one participant with an e-mail address to send the notices to");
        }

        return validation.ToProblem();
    }

    public static async Task<ExerciseSetup> LoadAsync(StartExercise command, IDocumentSession session, CancellationToken ct)
    {
        var scenarios = await ProcedureLibrary.ScenariosAsync(session, ct);
        return new ExerciseSetup(scenarios.Find(command.Scenario!.Trim(), command.ScenarioVersion), scenarios.Latest,
            await session.LoadAsync<RegisteredShop>(command.Sandbox!.Trim(), ct));
    }

    public static ProblemDetails Validate(StartExercise command, ExerciseSetup setup)
    {
        var validation = new Validation();
        if (setup.Scenario is null)
        {
            validation.Add("scenario", $"no scenario '{command.Scenario}'{(command.ScenarioVersion is { } v ? $" version {v}" : "")}; known: " +
                                       string.Join(", ", setup.Known.Select(s => $"{s.Id} (v{s.Version})")));
        }

        if (setup.Sandbox is null)
        {
            validation.Add("sandbox", $"no shop '{command.Sandbox}' is registered; an admin registers a generated copy with POST /api/shops and \"sandbox\": true");
        }
        else if (!setup.Sandbox.Sandbox)
        {
            validation.Add("sandbox", $"'{command.Sandbox}' is a shop registered for real; an exercise runs only against a sandbox (a generated copy registered with \"sandbox\": true)");
        }

        return validation.IsValid && setup.Sandbox is { Active: false } retired
            ? retired.Refuse("no exercise may start against it", $"An admin reactivates it with POST /api/shops/{retired.Id}/reactivate.")
            : validation.ToProblem();
    }

    [WolverinePost("/api/exercises", OperationId = nameof(StartExercise),
        Summary = "Start a tabletop exercise of a scenario against a sandbox shop; its incident is worked with the X-Exercise header")]
    [Authorize(Policies.LeadReadiness)]
    public static async Task<(ExerciseCreated, IStartStream, OutgoingMessages)> Post(StartExercise command, ExerciseSetup setup, IDocumentSession session,
        IDocumentStore store, PiiVault vault, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var scenario = setup.Scenario!;
        var id = Guid.CreateVersion7(now);
        var incidentId = IncidentStreams.Derived($"exercise/{id:N}/incident");
        var tenant = ExerciseTenants.TenantOf(CaseManagementClaims.OrganisationOf(user)!, id);
        // The sandbox is in place before the exercise is recorded: a failure here leaves at most an unused copy in a tenant nobody can name.
        await SandboxCopy.WriteAsync(store, vault, session, setup.Sandbox!, tenant, ct);
        var participants = command.Participants!.Select(p => new ExerciseParticipant(p.Name!.Trim(), p.Role!.Trim(), p.Email?.Trim())).ToList();
        var started = new ExerciseStarted(id, command.Title?.Trim() is { Length: > 0 } title ? title : scenario.Title, scenario.Id, scenario.Version, scenario.Sha256,
            ProcedureLibrary.IsOwn(scenario), participants, setup.Sandbox!.Id, incidentId, tenant, command.NoticesToParticipants == true, scenario.PagesOnCall);
        var clock = new ExerciseClockSet(id, ClockChange.Started, now, now, command.Paused == true ? 0 : 1, null);
        return (new ExerciseCreated(id, incidentId, ExerciseTenants.Header, id.ToString()), MartenOps.StartStream<Exercise>(id, started, clock),
            [new Running.DeliverDueInjects(id)]);
    }
}
