using CaseManagement.Incidents;

namespace CaseManagement.Monitoring;

// A shop's baseline is a stream of its own (id: ShopBaseline.StreamId of organisation and shop): what the first pass found and
// took as normal, each change monitoring raised as an alert, each change that went away, and each change a responder accepted.
// Passes themselves (when, how long, what failed) are kept on the shop's ShopMonitor document, not as events.

/// <summary>One item of the baseline: what monitoring compares the shop with.</summary>
/// <param name="Count">Failed-login counters: the value taken as normal.</param>
public sealed record BaselineEntry(string Key, WatchedCategory Category, string Digest, string Description, long? Count = null);

/// <summary>The first pass: what the shop held then, taken as normal; items flagged on that pass are not in it (they are raised).</summary>
public sealed record ShopBaselineRecorded(Guid BaselineId, string Shop, IReadOnlyList<BaselineEntry> Items);

/// <summary>A change against the baseline (or a known-bad sign), reported through alert intake as the alert it names.</summary>
/// <param name="Change">"new", "changed", "removed", "burst", or "flagged-on-first-pass".</param>
/// <param name="Reference">The reference the alert was sent under (monitoring source); the same change never makes a second alert.</param>
public sealed record ShopMonitoringFindingRaised(
    Guid BaselineId,
    string Shop,
    string Key,
    WatchedCategory Category,
    string Change,
    string Digest,
    string Description,
    long? Count,
    IncidentKind Kind,
    Severity Severity,
    string Why,
    Guid AlertId,
    string Reference);

/// <summary>A raised change is no longer there (e.g. containment locked the account or disabled the webhook); seen again, it is raised again.</summary>
public sealed record ShopMonitoringFindingCleared(Guid BaselineId, string Shop, string Key, string Digest, string Why);

/// <summary>A responder took a raised change into the baseline: from now on it is normal for this shop.</summary>
public sealed record ShopBaselineChangeAccepted(Guid BaselineId, string Shop, string Key, string Digest, string By, string Reason);
