using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Incidents.Merging;

/// <summary>
/// What the surviving incident takes over from a duplicate so its deadlines run from the earliest moment either knew: awareness, and
/// every clock instant the duplicate recorded earlier, discovery included (which is the detection instant until someone records it).
/// Each is a correction on the survivor's own stream that names the duplicate, so the deadline timeline says why a deadline moved. Pure.
/// </summary>
public static class MergeRules
{
    public static IReadOnlyList<object> EarliestClocks(Incident survivor, Incident duplicate)
    {
        var events = new List<object>();
        string Why(string what, DateTimeOffset at) =>
            $"merged duplicate incident {duplicate.Id} (“{duplicate.Title}”) {what} {at.UtcDateTime:O}, earlier than this incident; the earliest of the two counts";

        if (duplicate.AwareAt is { } dupAware && (survivor.AwareAt is null || dupAware < survivor.AwareAt))
        {
            events.Add(survivor.AwareAt is { } aware
                ? new AwarenessCorrected(survivor.Id, aware, dupAware, Why("was aware since", dupAware))
                : new AwarenessRecorded(survivor.Id, dupAware, Why("was aware since", dupAware)));
        }

        var theirs = new Dictionary<ClockStart, DateTimeOffset>(duplicate.Clocks);
        theirs.TryAdd(ClockStart.Discovery, duplicate.DetectedAt);
        foreach (var (clock, at) in theirs.Where(c => c.Key != ClockStart.Awareness).OrderBy(c => c.Key))
        {
            var ours = survivor.Clocks.TryGetValue(clock, out var recorded) ? recorded : clock == ClockStart.Discovery ? survivor.DetectedAt : (DateTimeOffset?)null;
            if (ours is not null && ours <= at)
            {
                continue;
            }

            var what = clock == ClockStart.Discovery && !duplicate.Clocks.ContainsKey(clock) ? "was detected at" : $"recorded {ApiJson.WireName(clock)} at";
            events.Add(survivor.Clocks.TryGetValue(clock, out var previous)
                ? new ClockInstantCorrected(survivor.Id, clock, previous, at, Why(what, at))
                : new ClockInstantRecorded(survivor.Id, clock, at, Why(what, at)));
        }

        return events;
    }
}
