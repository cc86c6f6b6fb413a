using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// Records when a clock-starting moment happened (discovery, determination...), or corrects it with a
/// reason. Awareness has its own routes; notices already sent are recorded as satisfied obligations.
/// </summary>
public sealed record RecordClockInstant(string? Clock, DateTimeOffset? At, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordClockInstant;
}

public static class RecordClockInstantEndpoint
{
    /// <summary>Clock starts a person records directly; the others derive from other facts.</summary>
    public static readonly IReadOnlyList<ClockStart> Recordable =
    [
        ClockStart.Discovery, ClockStart.Determination, ClockStart.AwareAndScopeIdentified, ClockStart.ConfirmationAndInfoAscertained,
        ClockStart.ClassificationAsMajor, ClockStart.MaterialityDetermination, ClockStart.AssessmentNotifiable, ClockStart.Suspicion,
        ClockStart.AwarenessReasonableGrounds, ClockStart.KnowledgePersonalDataAffected, ClockStart.ExtortionPayment,
        ClockStart.StatementPrepared, ClockStart.ConsumerNoticeOfViolation,
    ];

    public static ProblemDetails Validate(RecordClockInstant command, DateTimeOffset now)
    {
        var validation = new Validation();
        if (!ApiJson.TryParseWire<ClockStart>(command.Clock, out var clock) || !Recordable.Contains(clock))
        {
            validation.Add("clock", command.Clock == "awareness"
                ? "awareness has its own routes: record-awareness and correct-awareness"
                : $"'{command.Clock}' is not one of: {string.Join(", ", Recordable.Select(ApiJson.WireName))}");
        }

        return validation.Present("at", command.At).NotInFuture("at", command.At, now).Optional("reason", command.Reason).ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/facts/clocks", OperationId = nameof(RecordClockInstant),
        Summary = "Record or correct a clock-starting instant (discovery, determination...)")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, Events) Post(RecordClockInstant command, [WriteAggregate] Incident incident)
    {
        var clock = ApiJson.ParseWire<ClockStart>(command.Clock!);
        return (new UpdatedAggregate(), incident.Clocks.TryGetValue(clock, out var previous)
            ? [new ClockInstantCorrected(incident.Id, clock, previous, command.At!.Value, string.IsNullOrWhiteSpace(command.Reason) ? "corrected" : command.Reason.Trim())]
            : [new ClockInstantRecorded(incident.Id, clock, command.At!.Value, command.Reason?.Trim())]);
    }
}
