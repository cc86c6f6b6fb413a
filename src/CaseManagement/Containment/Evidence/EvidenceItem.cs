using CaseManagement.Shops.Evidence;
using JasperFx.Events;

namespace CaseManagement.Containment.Evidence;

/// <summary>One entry of an evidence item's chain of custody.</summary>
public sealed record CustodyEntry(DateTimeOffset At, string? Actor, string Action, string? File, string? Detail);

/// <summary>
/// One evidence item as its own stream left it (inline snapshot): what was collected, with the hash of every file, and
/// every later access. Downloads and checks are recorded here, never on the incident, so reading evidence does not move
/// the version a responder holds.
/// </summary>
public sealed record EvidenceItem
{
    public Guid Id { get; init; }
    public long Version { get; set; }
    public Guid IncidentId { get; init; }
    public Guid RunId { get; init; }
    public string StepId { get; init; } = "";
    public string Shop { get; init; } = "";
    public IReadOnlyList<string>? Tables { get; init; }
    public DateTimeOffset SnapshotAt { get; init; }
    public string ServerVersion { get; init; } = "";
    public IReadOnlyList<EvidenceFile> Files { get; init; } = [];
    public IReadOnlyList<CustodyEntry> Custody { get; init; } = [];

    public static EvidenceItem Create(IEvent<EvidencePreserved> e) => new()
    {
        Id = e.Data.EvidenceId,
        IncidentId = e.Data.IncidentId,
        RunId = e.Data.RunId,
        StepId = e.Data.StepId,
        Shop = e.Data.Shop,
        Tables = e.Data.Tables,
        SnapshotAt = e.Data.SnapshotAt,
        ServerVersion = e.Data.ServerVersion,
        Files = e.Data.Files,
        Custody = [new CustodyEntry(e.Timestamp, e.UserName, "collected", null,
            $"for {e.Data.CollectedFor}, {e.Data.Files.Count} files, snapshot {e.Data.SnapshotAt:O}")],
    };

    public EvidenceItem Apply(IEvent<EvidenceAccessed> e) => this with
    {
        Custody = [.. Custody, new CustodyEntry(e.Timestamp, e.UserName, "downloaded", e.Data.File, e.Data.HashVerified ? "hash verified before serving" : null)],
    };

    public EvidenceItem Apply(IEvent<EvidenceVerified> e) => this with
    {
        Custody =
        [
            .. Custody, new CustodyEntry(e.Timestamp, e.UserName, e.Data.Intact ? "verified" : "integrity check failed", null,
                string.Join("; ", e.Data.Files.Where(f => f.State != EvidenceFileState.Ok).Select(f => $"{f.Name} {Api.ApiJson.WireName(f.State)}"))),
        ],
    };
}
