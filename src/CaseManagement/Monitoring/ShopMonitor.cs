namespace CaseManagement.Monitoring;

/// <summary>One pass, as the schedule's log keeps it.</summary>
/// <param name="Outcome">"baseline-recorded", "nothing-new", "changes", or "failed".</param>
/// <param name="Problem">Why a failed pass failed, safe to show (the shop's database error, described).</param>
public sealed record MonitoringPassLog(DateTimeOffset At, string Outcome, int Observed, int Raised, int Cleared, long Milliseconds, string? Problem);

/// <summary>
/// A registered shop's monitoring schedule (a document per shop, id = the shop's name): how often, the current chain of scheduled
/// passes, and the most recent passes. A pass message carries the chain's id; a message of an older chain (the interval changed,
/// monitoring was restarted) finds a different id here and does nothing, so one shop never has two chains running.
/// </summary>
public sealed class ShopMonitor
{
    public const int KeptPasses = 50;

    public string Id { get; set; } = "";
    public int IntervalMinutes { get; set; }
    public Guid Chain { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? NextPassAt { get; set; }

    /// <summary>Set when the schedule stopped (the shop was deactivated or is gone); no pass is scheduled then.</summary>
    public string? StoppedBecause { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public long Passes { get; set; }

    /// <summary>Failed passes in a row, since the last pass that could read the shop.</summary>
    public int FailingSince { get; set; }

    /// <summary>Newest first, at most <see cref="KeptPasses"/>.</summary>
    public List<MonitoringPassLog> Recent { get; set; } = [];

    public bool Running => StoppedBecause is null;

    public void Record(MonitoringPassLog pass)
    {
        Passes++;
        FailingSince = pass.Outcome == "failed" ? FailingSince + 1 : 0;
        Recent.Insert(0, pass);
        if (Recent.Count > KeptPasses)
        {
            Recent.RemoveRange(KeptPasses, Recent.Count - KeptPasses);
        }
    }
}

/// <summary>Monitoring's settings (section <c>Monitoring</c>).</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Minutes between passes for a shop that has no interval of its own.</summary>
    public int IntervalMinutes { get; set; } = 5;

    /// <summary>On a first pass, accounts and credentials created this many days before it are flagged (see <see cref="BaselineDecisions"/>).</summary>
    public int FirstPassLookBackDays { get; set; } = 14;

    public long FailedLoginBurst { get; set; } = 5;

    /// <summary>The server-side limit per detection statement, so one slow shop cannot hold the monitoring queue.</summary>
    public int StatementTimeoutSeconds { get; set; } = 60;

    public MonitoringRules Rules => new(TimeSpan.FromDays(FirstPassLookBackDays), FailedLoginBurst);
}
