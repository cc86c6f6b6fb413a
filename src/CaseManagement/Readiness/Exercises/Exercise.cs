using CaseManagement.Incidents;
using CaseManagement.Rules.Exercises;
using JasperFx.Events;

namespace CaseManagement.Readiness.Exercises;

public enum ExerciseStatus
{
    Running,
    Paused,
    Ended,
}

/// <summary>An inject as the team received it, at exercise time <paramref name="CaseAt"/>.</summary>
public sealed record DeliveredInject(string Id, string Kind, TimeSpan Offset, DateTimeOffset CaseAt, string Text);

/// <summary>The mark an exercise's incident carries from its first event (<see cref="IncidentDetected.Exercise"/>).</summary>
public sealed record ExerciseMark(Guid ExerciseId, string Scenario, int ScenarioVersion);

/// <summary>
/// One exercise as its stream tells it (inline snapshot in the organisation's tenant): the scenario it runs, its clock,
/// the injects delivered so far and how it ended. Apply methods return a new state: Marten keeps aggregates in an identity map.
/// </summary>
public sealed record Exercise
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Title { get; init; } = "";
    public string Scenario { get; init; } = "";
    public int ScenarioVersion { get; init; }
    public string ScenarioSha256 { get; init; } = "";
    public bool ScenarioPublishedByOrganisation { get; init; }
    public IReadOnlyList<ExerciseParticipant> Participants { get; init; } = [];
    public string Sandbox { get; init; } = "";
    public Guid IncidentId { get; init; }
    public string Tenant { get; init; } = "";
    public bool NoticesToParticipants { get; init; }
    public bool PagesOnCall { get; init; }

    public ClockCourse Clock { get; init; } = ClockCourse.NotStarted;

    /// <summary>The exercise instant the scenario's offsets count from.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>The injects that reached the team, in the order they did.</summary>
    public IReadOnlyList<DeliveredInject> Injects { get; init; } = [];

    /// <summary>Until when (exercise time) the sandbox channel refuses notices, after an SMTP failure inject.</summary>
    public DateTimeOffset? ChannelFailingUntil { get; init; }

    public DateTimeOffset StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset? EndedAtCase { get; init; }
    public ExerciseOutcome? Outcome { get; init; }
    public string? Summary { get; init; }

    public ExerciseStatus Status => Outcome is not null ? ExerciseStatus.Ended
        : Clock.Settings is [.., { Rate: > 0 }] ? ExerciseStatus.Running : ExerciseStatus.Paused;

    public ExerciseMark Mark => new(Id, Scenario, ScenarioVersion);

    public static Exercise Create(IEvent<ExerciseStarted> e) => new()
    {
        Id = e.Data.ExerciseId,
        Title = e.Data.Title,
        Scenario = e.Data.Scenario,
        ScenarioVersion = e.Data.ScenarioVersion,
        ScenarioSha256 = e.Data.ScenarioSha256,
        ScenarioPublishedByOrganisation = e.Data.ScenarioPublishedByOrganisation,
        Participants = e.Data.Participants,
        Sandbox = e.Data.Sandbox,
        IncidentId = e.Data.IncidentId,
        Tenant = e.Data.Tenant,
        NoticesToParticipants = e.Data.NoticesToParticipants,
        PagesOnCall = e.Data.PagesOnCall,
        StartedAt = e.Timestamp,
        StartedBy = e.UserName,
    };

    public Exercise Apply(ExerciseClockSet e) => this with
    {
        Clock = Clock.Then(e.RealFrom, e.CaseAt, e.Rate),
        StartsAt = e.Change == ClockChange.Started ? e.CaseAt : StartsAt,
    };

    public Exercise Apply(InjectDelivered e) => this with
    {
        Injects = [.. Injects, new DeliveredInject(e.InjectId, e.Kind, e.Offset, e.CaseAt, e.Text)],
        ChannelFailingUntil = e.ChannelFailsUntil ?? ChannelFailingUntil,
    };

    public Exercise Apply(IEvent<ExerciseEnded> e) => this with
    {
        Outcome = e.Data.Outcome,
        Summary = e.Data.Summary,
        EndedAt = e.Timestamp,
        EndedAtCase = e.Data.CaseAt,
    };
}
