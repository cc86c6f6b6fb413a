using CaseManagement.Incidents;
using JasperFx.Events;

namespace CaseManagement.Containment.Evidence;

/// <summary>
/// The legal hold on an incident's evidence, as its own stream left it (inline snapshot; stream id
/// <see cref="IncidentStreams.EvidenceHold"/>): kept off the incident's stream, so placing or lifting it never moves the version
/// a responder holds. While it is active no evidence item of the incident is destroyed and no person named in the incident erased.
/// </summary>
public sealed record EvidenceHold
{
    public Guid Id { get; init; }
    public long Version { get; set; }
    public Guid IncidentId { get; init; }
    public bool Active { get; init; }
    public string? PlacedBy { get; init; }
    public DateTimeOffset? PlacedAt { get; init; }
    public string? Reason { get; init; }
    public string? LiftedBy { get; init; }
    public DateTimeOffset? LiftedAt { get; init; }
    public string? LiftReason { get; init; }

    public static EvidenceHold Create(IEvent<EvidenceHoldPlaced> e) => new EvidenceHold { Id = e.StreamId, IncidentId = e.Data.IncidentId }.Apply(e);

    public EvidenceHold Apply(IEvent<EvidenceHoldPlaced> e) => this with
    {
        Active = true, PlacedBy = e.UserName, PlacedAt = e.Timestamp, Reason = e.Data.Reason, LiftedBy = null, LiftedAt = null, LiftReason = null,
    };

    public EvidenceHold Apply(IEvent<EvidenceHoldLifted> e) => this with { Active = false, LiftedBy = e.UserName, LiftedAt = e.Timestamp, LiftReason = e.Data.Reason };

    /// <summary>The hold in one sentence, for the answers that refuse because of it.</summary>
    public string Describe() => $"the legal hold on incident {IncidentId}'s evidence, placed by {PlacedBy ?? "an unknown actor"} at {PlacedAt:O}: {Reason}";
}

/// <summary>
/// Whether an evidence item may be destroyed (ADR 22): evidence is kept while its incident is open, and afterwards for as long as
/// a legal hold is on it. Pure: the reason it may not, or null.
/// </summary>
public static class EvidenceRetention
{
    public static string? RefusalToDestroy(IncidentStatus incident, EvidenceHold? hold) => (incident, hold) switch
    {
        (_, { Active: true }) => $"{hold.Describe()}. Lift the hold (with a reason) first.",
        (not (IncidentStatus.Closed or IncidentStatus.FalsePositive), _) =>
            $"the incident is {Api.ApiJson.WireName(incident)}: evidence is kept while its incident is open. Close the incident first.",
        _ => null,
    };
}
