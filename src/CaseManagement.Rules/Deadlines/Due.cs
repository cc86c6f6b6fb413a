namespace CaseManagement.Rules.Deadlines;

/// <summary>How a deadline relates to another event (the rule's clock-start event, e.g. notice to individuals).</summary>
public enum EventRelation
{
    /// <summary>Strictly before the event (Maryland: AG notice "prior to" notice to individuals).</summary>
    Before,

    /// <summary>At the event at the latest (Connecticut: "not later than the time residents are notified").</summary>
    NoLaterThan,

    /// <summary>Together with the event; sending earlier is not late (Pennsylvania AG notice).</summary>
    Concurrent,
}

/// <summary>When a deadline falls: exactly one of the nested cases.</summary>
public abstract record Due
{
    private Due()
    {
    }

    /// <summary>A fixed instant; <see cref="DueAt"/> is always in UTC.</summary>
    public sealed record Instant(DateTimeOffset DueAt) : Due
    {
        public DateTimeOffset DueAt { get; } = DueAt.ToUniversalTime();
    }

    /// <summary>No fixed period ("without undue delay", "immediately"): no instant, shown as due now.</summary>
    public sealed record Qualitative : Due;

    /// <summary>
    /// Relative to another event; <see cref="EventAt"/> (UTC) is that event's instant once it is known or
    /// planned, and null before.
    /// </summary>
    public sealed record RelativeTo(EventRelation Relation, DateTimeOffset? EventAt) : Due
    {
        public DateTimeOffset? EventAt { get; } = EventAt?.ToUniversalTime();
    }

    /// <summary>No deadline applies (records, liability, penalties).</summary>
    public sealed record NotApplicable : Due;
}

/// <summary>Where a duty stands against its deadline.</summary>
public enum DueStatus
{
    /// <summary>Not met; the deadline is further away than the due-soon window, or not yet fixed.</summary>
    Pending,

    /// <summary>Not met; the deadline is within the due-soon window, up to and including the due instant.</summary>
    DueSoon,

    /// <summary>Not met; a qualitative deadline ("without undue delay"), which is always due now.</summary>
    DueNow,

    /// <summary>Not met and the deadline has passed.</summary>
    Overdue,

    /// <summary>Met by the deadline (met exactly at the due instant is on time).</summary>
    MetOnTime,

    /// <summary>Met after the deadline.</summary>
    MetLate,

    /// <summary>Met; a qualitative deadline has no instant to be on time or late against.</summary>
    Met,

    /// <summary>No deadline applies.</summary>
    NotApplicable,
}
