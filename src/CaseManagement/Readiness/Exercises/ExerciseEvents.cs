namespace CaseManagement.Readiness.Exercises;

// The exercise's own stream lives in the organisation's tenant (the organisation lists and schedules its exercises); the
// incident it stages lives in the exercise's tenant (ExerciseTenants). Recording times are real; exercise instants are
// stated in the events that set or read the clock.

/// <summary>Someone taking part, in the capacity the exercise gives them (incident lead, communications, observer…).</summary>
public sealed record ExerciseParticipant(string Name, string Role, string? Email);

/// <summary>
/// An exercise began: the scenario it runs (version and hash of the script, and whether the organisation published that
/// version itself), who takes part, the sandbox shop it runs against, the incident it will stage and the tenant that holds it.
/// </summary>
/// <param name="NoticesToParticipants">Notices of the exercise's campaigns go to the participants' addresses instead of the generated shoppers'.</param>
/// <param name="PagesOnCall">The scenario allows the exercise to reach the organisation's on-call roster.</param>
public sealed record ExerciseStarted(
    Guid ExerciseId,
    string Title,
    string Scenario,
    int ScenarioVersion,
    string ScenarioSha256,
    bool ScenarioPublishedByOrganisation,
    IReadOnlyList<ExerciseParticipant> Participants,
    string Sandbox,
    Guid IncidentId,
    string Tenant,
    bool NoticesToParticipants,
    bool PagesOnCall);

/// <summary>What a facilitator did to the exercise's clock.</summary>
public enum ClockChange
{
    Started,
    Advanced,
    Running,
    Paused,
    Stopped,
}

/// <summary>
/// The exercise clock was set: from the real instant <paramref name="RealFrom"/> (when the facilitator's command was decided)
/// exercise time is <paramref name="CaseAt"/> and runs at <paramref name="Rate"/> times real time.
/// </summary>
public sealed record ExerciseClockSet(Guid ExerciseId, ClockChange Change, DateTimeOffset RealFrom, DateTimeOffset CaseAt, double Rate, string? Reason);

/// <summary>An inject of the scenario reached the team at exercise time <paramref name="CaseAt"/>.</summary>
/// <param name="ChannelFailsUntil">For an SMTP failure: the exercise instant until which the sandbox channel refuses notices.</param>
public sealed record InjectDelivered(Guid ExerciseId, string InjectId, string Kind, TimeSpan Offset, DateTimeOffset CaseAt, string Text,
    DateTimeOffset? ChannelFailsUntil);

public enum ExerciseOutcome
{
    Completed,
    Abandoned,
}

/// <summary>The facilitator ended the exercise at exercise time <paramref name="CaseAt"/>; its record is read-only from now on.</summary>
public sealed record ExerciseEnded(Guid ExerciseId, ExerciseOutcome Outcome, string? Summary, DateTimeOffset CaseAt);
