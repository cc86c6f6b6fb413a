using CaseManagement.Incidents;

namespace CaseManagement.Monitoring;

/// <summary>How a pass judges what it saw (options under <c>Monitoring</c>).</summary>
/// <param name="FirstPassLookBack">On a first pass, accounts and credentials the shop dates within this span before the pass are flagged, not taken as normal.</param>
/// <param name="FailedLoginBurst">A failed-login counter that rose by at least this many since the baseline (or the last alert) is a burst.</param>
public sealed record MonitoringRules(TimeSpan FirstPassLookBack, long FailedLoginBurst);

/// <summary>A change to raise as an alert.</summary>
public sealed record FindingToRaise(string Key, WatchedCategory Category, string Change, string Digest, string Description, long? Count, IncidentKind Kind,
    Severity Severity, string Why);

/// <summary>A raised change that is gone.</summary>
public sealed record FindingToClear(string Key, string Digest, string Why);

/// <param name="Baseline">On a first pass, the items taken as normal; null afterwards.</param>
public sealed record MonitoringDecision(IReadOnlyList<BaselineEntry>? Baseline, IReadOnlyList<FindingToRaise> Raise, IReadOnlyList<FindingToClear> Clear);

/// <summary>
/// What a monitoring pass records, from the baseline and what the pass saw (docs/adr/0023). Pure: no I/O, no clock but the one given.
/// A change is raised once: a pass that sees it again, still open, raises nothing; it is raised again only when it changes again, or
/// after it went away and came back.
/// </summary>
public static class BaselineDecisions
{
    public const string New = "new";
    public const string Changed = "changed";
    public const string Removed = "removed";
    public const string Burst = "burst";
    public const string FlaggedOnFirstPass = "flagged-on-first-pass";

    public static MonitoringDecision Decide(ShopBaseline? baseline, IReadOnlyList<WatchedItem> observed, MonitoringRules rules, DateTimeOffset now) =>
        baseline is null ? FirstPass(observed, rules, now) : NextPass(baseline, observed, rules);

    /// <summary>
    /// Everything the shop holds is taken as normal, except what a first pass can still tell is bad: skimmer signs (known-bad wherever
    /// they are), back-office accounts the shop dates within the look-back, and credentials dated within it or held by such an account.
    /// A shop already compromised when monitoring starts is how most of our seeds looked; its newest admins and keys are the likeliest
    /// to be the attacker's. Extensions, exports and failed-login counters carry no date a first pass could judge, so they are taken as normal.
    /// </summary>
    private static MonitoringDecision FirstPass(IReadOnlyList<WatchedItem> observed, MonitoringRules rules, DateTimeOffset now)
    {
        var since = now - rules.FirstPassLookBack;
        var recentAdmins = observed.Where(i => i.Category == WatchedCategory.Admin && i.CreatedAt >= since).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        string? Flag(WatchedItem item) => item.Category switch
        {
            WatchedCategory.Skimmer => "skimmer signs are flagged wherever they are found, on the first pass too",
            WatchedCategory.Admin when recentAdmins.Contains(item.Key) =>
                $"created within {Days(rules.FirstPassLookBack)} before monitoring began (on or after {Stamp(since)})",
            WatchedCategory.Credential when item.CreatedAt >= since =>
                $"created within {Days(rules.FirstPassLookBack)} before monitoring began (on or after {Stamp(since)})",
            WatchedCategory.Credential when item.Owner is { } owner && recentAdmins.Contains(owner) =>
                "held by a back-office account flagged on this pass",
            _ => null,
        };

        var raise = new List<FindingToRaise>();
        var normal = new List<BaselineEntry>();
        foreach (var item in observed)
        {
            if (Flag(item) is { } why)
            {
                raise.Add(Raise(item, FlaggedOnFirstPass, why));
            }
            else
            {
                normal.Add(new BaselineEntry(item.Key, item.Category, item.Digest, item.Description, item.Count));
            }
        }

        return new MonitoringDecision(normal, raise, []);
    }

    private static MonitoringDecision NextPass(ShopBaseline baseline, IReadOnlyList<WatchedItem> observed, MonitoringRules rules)
    {
        var seen = observed.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var raise = new List<FindingToRaise>();
        var clear = new List<FindingToClear>();
        foreach (var key in seen.Keys.Union(baseline.Items.Keys).Union(baseline.Open.Keys).Order(StringComparer.Ordinal))
        {
            var now = seen.GetValueOrDefault(key);
            var normal = baseline.Items.GetValueOrDefault(key);
            var open = baseline.Open.GetValueOrDefault(key);
            if ((now?.Category ?? normal?.Category ?? open!.Category) == WatchedCategory.FailedLogins)
            {
                FailedLogins(key, now, normal, open, rules, raise, clear);
                continue;
            }

            var wanted = now is not null && (normal is null || normal.Digest != now.Digest)
                ? Raise(now, normal is null ? New : Changed, normal is null ? "not in the baseline" : $"in the baseline as: {normal.Description}")
                : now is null && normal is { Category: WatchedCategory.Extension }
                    ? new FindingToRaise(key, normal.Category, Removed, Removed, normal.Description, null, IncidentKind.PluginCompromise, Severity.Medium,
                        "in the baseline, no longer active: a security plugin switched off is a classic first step")
                    : null;
            if (wanted is not null && open?.Digest != wanted.Digest)
            {
                raise.Add(wanted);
            }
            else if (wanted is null && open is not null)
            {
                clear.Add(new FindingToClear(key, open.Digest, now is null ? "no longer in the shop" : "the shop is as the baseline says again"));
            }
        }

        return new MonitoringDecision(null, raise, clear);
    }

    /// <summary>
    /// A counter is a burst when it rose by the threshold over the baseline's value, or over the value last raised. Shops reset their
    /// counters (a successful sign-in, an unlock), so a counter below its baseline counts from zero, and one below the raised value clears it.
    /// </summary>
    private static void FailedLogins(string key, WatchedItem? now, BaselineEntry? normal, OpenFinding? open, MonitoringRules rules,
        List<FindingToRaise> raise, List<FindingToClear> clear)
    {
        var count = now?.Count ?? 0;
        if (open is not null)
        {
            if (count >= (open.Count ?? 0) + rules.FailedLoginBurst)
            {
                raise.Add(Raise(now!, Burst, $"{count - (open.Count ?? 0)} more failed sign-ins since the last alert ({open.Count})"));
            }
            else if (count < (open.Count ?? 0))
            {
                clear.Add(new FindingToClear(key, open.Digest, "the counter went down: the shop reset it (a successful sign-in or an unlock)"));
            }

            return;
        }

        var from = normal?.Count is { } baseCount && count >= baseCount ? baseCount : 0;
        if (now is not null && count - from >= rules.FailedLoginBurst)
        {
            raise.Add(Raise(now, Burst, $"{count - from} failed sign-ins since the baseline ({from}); the burst threshold is {rules.FailedLoginBurst}"));
        }
    }

    private static FindingToRaise Raise(WatchedItem item, string change, string why) =>
        new(item.Key, item.Category, change, item.Digest, item.Description, item.Count, item.Kind, item.Severity, why);

    private static string Days(TimeSpan span) => span.TotalDays == 1 ? "1 day" : $"{span.TotalDays:0.#} days";

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
