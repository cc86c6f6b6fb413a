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

    /// <summary>How the files are stored at rest (<see cref="EvidenceCipher.Format"/>), or null for plaintext bundles of before ADR 22's encryption.</summary>
    public string? Encryption { get; init; }

    /// <summary>The store its files are kept in (<see cref="EvidenceStores"/>); null for items recorded before ADR 36, kept as folders.</summary>
    public string? Store { get; init; }

    /// <summary>When the item was destroyed (its key shredded, its files deleted); null while it exists.</summary>
    public DateTimeOffset? DestroyedAt { get; init; }

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
        Encryption = e.Data.Encryption,
        Store = e.Data.Store,
        Custody = [new CustodyEntry(e.Timestamp, e.UserName, "collected", null,
            $"for {e.Data.CollectedFor}, {e.Data.Files.Count} files, snapshot {e.Data.SnapshotAt:O}")],
    };

    public EvidenceItem Apply(IEvent<EvidenceAccessed> e) => this with
    {
        Custody = [.. Custody, new CustodyEntry(e.Timestamp, e.UserName, "downloaded", e.Data.File, e.Data.HashVerified ? "hash verified before serving" : null)],
    };

    public EvidenceItem Apply(IEvent<EvidenceEncryptedAtRest> e) => this with
    {
        Encryption = e.Data.Encryption,
        Custody = [.. Custody, new CustodyEntry(e.Timestamp, e.UserName, "encrypted at rest", null,
            $"{e.Data.Files.Count} files encrypted in place ({e.Data.Encryption}), each checked against its recorded hash before its plaintext was removed: {e.Data.Reason}")],
    };

    public EvidenceItem Apply(IEvent<EvidenceVerified> e) => this with
    {
        Custody =
        [
            .. Custody, new CustodyEntry(e.Timestamp, e.UserName, e.Data.Intact ? "verified" : "integrity check failed", null,
                string.Join("; ", e.Data.Files.Where(f => f.State != EvidenceFileState.Ok).Select(f => $"{f.Name} {Api.ApiJson.WireName(f.State)}"))),
        ],
    };

    public EvidenceItem Apply(IEvent<EvidenceDestroyed> e) => this with
    {
        DestroyedAt = e.Timestamp,
        Custody = [.. Custody, new CustodyEntry(e.Timestamp, e.UserName, "destroyed", null, $"key shredded and files deleted: {e.Data.Reason}")],
    };

    public EvidenceItem Apply(IEvent<EvidenceDestructionRefused> e) => this with
    {
        Custody = [.. Custody, new CustodyEntry(e.Timestamp, e.UserName, "destruction refused", null, e.Data.Refusal)],
    };
}
