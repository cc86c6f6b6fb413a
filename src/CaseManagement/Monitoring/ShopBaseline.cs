using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;

namespace CaseManagement.Monitoring;

/// <summary>A change monitoring raised and nobody accepted yet.</summary>
public sealed record OpenFinding(string Key, WatchedCategory Category, string Change, string Digest, string Description, long? Count, Guid AlertId,
    DateTimeOffset RaisedAt, string Why);

/// <summary>One line of the baseline's history, as a responder reads it.</summary>
public sealed record BaselineHistoryEntry(DateTimeOffset At, string What, string? Key, string? By, string? Reason);

/// <summary>A shop's baseline as its stream left it (inline snapshot): the items taken as normal, the open findings, the history.</summary>
public sealed class ShopBaseline
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Shop { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public Dictionary<string, BaselineEntry> Items { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, OpenFinding> Open { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often each key was raised, so a change seen again after it cleared is sent under a new reference.</summary>
    public Dictionary<string, int> Raised { get; set; } = new(StringComparer.Ordinal);

    public List<BaselineHistoryEntry> History { get; set; } = [];

    /// <summary>The stream of one shop of one organisation: a name-based id, so a pass and a person find it from the shop's name.</summary>
    public static Guid StreamId(string organisation, string shop)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"shop-baseline\n{organisation}\n{shop}"));
        // Version 8 (custom) UUID with the RFC 9562 variant, so it never collides with the v7 ids of other streams.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public void Apply(IEvent<ShopBaselineRecorded> e)
    {
        Id = e.Data.BaselineId;
        Shop = e.Data.Shop;
        RecordedAt = e.Timestamp;
        Items = e.Data.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        History.Add(new BaselineHistoryEntry(e.Timestamp, $"baseline recorded: {e.Data.Items.Count} items", null, null, null));
    }

    public void Apply(IEvent<ShopMonitoringFindingRaised> e)
    {
        var f = e.Data;
        Shop = f.Shop;
        Open[f.Key] = new OpenFinding(f.Key, f.Category, f.Change, f.Digest, f.Description, f.Count, f.AlertId, e.Timestamp, f.Why);
        Raised[f.Key] = Raised.GetValueOrDefault(f.Key) + 1;
        History.Add(new BaselineHistoryEntry(e.Timestamp, $"raised ({f.Change}): {f.Description}", f.Key, null, f.Why));
    }

    public void Apply(IEvent<ShopMonitoringFindingCleared> e)
    {
        Open.Remove(e.Data.Key);
        History.Add(new BaselineHistoryEntry(e.Timestamp, "no longer seen", e.Data.Key, null, e.Data.Why));
    }

    public void Apply(IEvent<ShopBaselineChangeAccepted> e)
    {
        if (Open.Remove(e.Data.Key, out var accepted))
        {
            if (accepted.Change == BaselineDecisions.Removed)
            {
                Items.Remove(e.Data.Key);
            }
            else
            {
                Items[e.Data.Key] = new BaselineEntry(accepted.Key, accepted.Category, accepted.Digest, accepted.Description, accepted.Count);
            }
        }

        History.Add(new BaselineHistoryEntry(e.Timestamp, "accepted into the baseline", e.Data.Key, e.Data.By, e.Data.Reason));
    }
}
