using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Obligations.Facts;

/// <summary>
/// Records when a clock-starting moment happened (discovery, determination...), or corrects it with a
/// reason. Awareness has its own routes; notices already sent are recorded as satisfied obligations.
/// </summary>
public sealed record RecordClockInstant(string? Clock, DateTimeOffset? At, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    /// <summary>Clock starts a person records directly; the others derive from other facts.</summary>
    public static readonly IReadOnlyList<ClockStart> Recordable =
    [
        ClockStart.Discovery, ClockStart.Determination, ClockStart.AwareAndScopeIdentified, ClockStart.ConfirmationAndInfoAscertained,
        ClockStart.ClassificationAsMajor, ClockStart.MaterialityDetermination, ClockStart.AssessmentNotifiable, ClockStart.Suspicion,
        ClockStart.AwarenessReasonableGrounds, ClockStart.KnowledgePersonalDataAffected, ClockStart.ExtortionPayment,
        ClockStart.StatementPrepared, ClockStart.ConsumerNoticeOfViolation,
    ];

    public static IncidentAction Action => IncidentAction.RecordClockInstant;

    public static string? Route => "facts/clocks";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        var known = Recordable.Select(ApiJson.WireName).ToList();
        if (!ApiJson.TryParseWire<ClockStart>(Clock, out var clock) || !Recordable.Contains(clock))
        {
            validation.Add("clock", Clock == "awareness"
                ? "awareness has its own routes: record-awareness and correct-awareness"
                : $"'{Clock}' is not one of: {string.Join(", ", known)}");
        }

        validation.Present("at", At).NotInFuture("at", At, now).Optional("reason", Reason);
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now)
    {
        ApiJson.TryParseWire<ClockStart>(Clock, out var clock);
        if (incident.Clocks.TryGetValue(clock, out var previous))
        {
            return [new ClockInstantCorrected(incident.Id, clock, previous, At!.Value, string.IsNullOrWhiteSpace(Reason) ? "corrected" : Reason.Trim())];
        }

        return [new ClockInstantRecorded(incident.Id, clock, At!.Value, Reason?.Trim())];
    }
}
