using CaseManagement.Incidents;
using CaseManagement.Readiness.Library;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Scenarios;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Readiness.Exercises.Running;

/// <summary>Deliver every inject whose time has come on the exercise's clock. Sent after each clock setting and scheduled for the next inject.</summary>
public sealed record DeliverDueInjects(Guid ExerciseId);

/// <summary>The opening alert records the exercise's incident, in the exercise's tenant, marked from its first event.</summary>
public sealed record OpenExerciseIncident(Guid IncidentId, ExerciseMark Mark, IncidentKind Kind, string Title, string Shop, DateTimeOffset DetectedAt, string Source,
    string Summary, IReadOnlyList<string> DataCategories);

public static class DeliverDueInjectsHandler
{
    /// <summary>Who injects are recorded as.</summary>
    public const string Actor = "system:exercise";

    /// <summary>
    /// Records each due inject on the exercise's stream (the SMTP failure's window with it), opens the incident when the
    /// opening alert comes, and schedules itself for the next inject at the real instant the clock will reach it (nothing while
    /// paused: the next clock setting sends this again). Delivered injects are remembered, so a repeat delivers nothing twice.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(DeliverDueInjects message, [WriteAggregate] IEventStream<Exercise> stream, IDocumentSession session,
        TimeProvider real, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var exercise = stream.Aggregate;
        if (exercise is null || exercise.Status == ExerciseStatus.Ended)
        {
            return outgoing;
        }

        var scenario = (await ProcedureLibrary.ScenariosAsync(session, ct)).Find(exercise.Scenario, exercise.ScenarioVersion)
                       ?? throw new InvalidOperationException($"Scenario {exercise.Scenario} v{exercise.ScenarioVersion} of exercise {exercise.Id} is no longer published.");
        var realNow = real.GetUtcNow();
        var caseNow = exercise.Clock.CaseTimeAt(realNow);
        var delivered = exercise.Injects.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        session.LastModifiedBy = Actor;
        foreach (var inject in Due(scenario, exercise.StartsAt, caseNow).Where(i => !delivered.Contains(i.Id)))
        {
            var at = exercise.StartsAt + inject.At;
            stream.AppendOne(new InjectDelivered(exercise.Id, inject.Id, inject.Kind, inject.At, at, inject.Text, inject.FailFor is { } span ? at + span : null));
            if (inject.OpensIncident)
            {
                var staged = scenario.Incident;
                outgoing.Add(new OpenExerciseIncident(exercise.IncidentId, exercise.Mark, Api.ApiJson.ParseWire<IncidentKind>(scenario.Kind), staged.Title, exercise.Sandbox,
                    at, staged.Source, staged.Summary, staged.DataCategories).WithTenantId(exercise.Tenant));
            }
        }

        if (scenario.Injects.FirstOrDefault(i => exercise.StartsAt + i.At > caseNow && !delivered.Contains(i.Id)) is { } next
            && exercise.Clock.RealInstantOf(exercise.StartsAt + next.At, realNow) is { } due)
        {
            outgoing.Add(message.WithTenantId(ExerciseTenants.OrganisationOf(exercise.Tenant)).ScheduledAt(due));
        }

        return outgoing;
    }

    /// <summary>The scenario's injects whose offset from the start has passed at exercise time <paramref name="caseNow"/>, in order.</summary>
    public static IEnumerable<Inject> Due(Scenario scenario, DateTimeOffset startsAt, DateTimeOffset caseNow) =>
        scenario.Injects.Where(i => startsAt + i.At <= caseNow);
}

public static class OpenExerciseIncidentHandler
{
    public static async Task Handle(OpenExerciseIncident message, IDocumentSession session, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(message.IncidentId, ct) is not null)
        {
            return;
        }

        session.LastModifiedBy = DeliverDueInjectsHandler.Actor;
        session.Events.StartStream<Incident>(message.IncidentId, new IncidentDetected(message.IncidentId, message.Title, message.Shop, message.Kind,
            message.DetectedAt, null, message.Source, message.Summary, message.DataCategories, CatalogueVersion: CatalogueStore.Embedded.Latest.Version,
            Exercise: message.Mark));
    }
}
