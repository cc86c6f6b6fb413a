namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// Turns a catalogue deadline into a due instant, combines a rule with its backstop, and classifies a
/// duty against its deadline. Pure: the caller passes every instant, including "now". The conventions
/// and their sources are in docs/adr/0006-deadline-time-conventions.md.
/// </summary>
public static class DeadlineCalculator
{
    /// <summary>
    /// The deadline of <paramref name="spec"/> for a clock that started at <paramref name="clockStart"/>
    /// (the instant of the rule's clock-start event) in <paramref name="clock"/>'s jurisdiction.
    /// <list type="bullet">
    /// <item>Hours: exact elapsed time from the instant, through nights, weekends and DST changes.</item>
    /// <item>Calendar days: the Nth local day after the clock-start's local date (that day does not count), ending at its last local instant.</item>
    /// <item>Business days: the same, counting only Monday–Friday days that are not holidays of the jurisdiction's calendar.</item>
    /// <item>Months: the same day of the month N months after the local date, or that month's last day when it is shorter; end of that local day.</item>
    /// <item>Before / no later than / concurrent: the clock-start event is the other event, so it is relative to <paramref name="clockStart"/>.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">A measured unit without a positive value, or a value on an unmeasured unit.</exception>
    public static Due Compute(DeadlineSpec spec, DateTimeOffset clockStart, JurisdictionClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Validate(spec);
        return spec.Unit switch
        {
            DeadlineUnit.Hours => new Due.Instant(clockStart.ToUniversalTime().AddHours(spec.Value!.Value)),
            DeadlineUnit.CalendarDays => new Due.Instant(clock.EndOfLocalDay(clock.LocalDate(clockStart).AddDays(spec.Value!.Value))),
            DeadlineUnit.BusinessDays => new Due.Instant(clock.EndOfLocalDay(AddBusinessDays(clock, clock.LocalDate(clockStart), spec.Value!.Value))),
            DeadlineUnit.Months => new Due.Instant(clock.EndOfLocalDay(clock.LocalDate(clockStart).AddMonths(spec.Value!.Value))),
            _ when spec.IsRelative => new Due.RelativeTo(RelationOf(spec.Unit), clockStart),
            _ => ComputeBeforeClockStart(spec),
        };
    }

    /// <summary>
    /// The deadline of a rule whose clock-start event has not happened or been planned yet: a relative
    /// rule whose other event is still unknown (e.g. Vermont's "no later than consumer notice" backstop
    /// before consumer notice is scheduled), a qualitative rule, or one that does not apply.
    /// </summary>
    /// <exception cref="ArgumentException">A measured unit, which cannot run before its clock starts.</exception>
    public static Due ComputeBeforeClockStart(DeadlineSpec spec)
    {
        Validate(spec);
        return spec.Unit switch
        {
            _ when spec.IsRelative => new Due.RelativeTo(RelationOf(spec.Unit), null),
            DeadlineUnit.Qualitative => new Due.Qualitative(),
            DeadlineUnit.NotApplicable => new Due.NotApplicable(),
            _ => throw new ArgumentException(
                $"A {spec.Unit} deadline runs from its clock-start instant; call Compute with that instant once the event has happened.",
                nameof(spec)),
        };
    }

    /// <summary>
    /// The binding one of two deadlines that both apply: the earlier instant wins ("before" an event
    /// beats "no later than" the same instant); any instant beats a qualitative deadline; a qualitative
    /// deadline (due now) beats a relative one whose event is unknown; "not applicable" never wins. On a
    /// tie <paramref name="a"/> is returned. A relative deadline whose event is still unknown can become
    /// binding later: compute again once the event is planned.
    /// </summary>
    public static Due Earliest(Due a, Due b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Urgency(b).CompareTo(Urgency(a)) < 0 ? b : a;
    }

    /// <summary>
    /// A rule with a backstop clock (the catalogue's <c>backstop</c>): the earlier deadline wins, unless
    /// the backstop had already passed when the main clock started, in which case the main deadline
    /// applies alone. DORA's initial notice is due 4 h after classification as major and no later than
    /// 24 h after awareness, "if the incident is classified as major only after 24 hours, within 4 hours of
    /// that classification"; classification exactly at the 24-hour mark also leaves the 4 hours.
    /// </summary>
    public static Due WithBackstop(Due main, DateTimeOffset mainClockStart, Due backstop)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(backstop);
        return InstantOf(backstop) is { } backstopAt && backstopAt <= mainClockStart ? main : Earliest(main, backstop);
    }

    /// <summary>
    /// Where a duty stands at <paramref name="now"/>, given when it was met (null if not yet). A deadline
    /// met exactly at its due instant is on time; "before" an event needs a strictly earlier instant.
    /// Unmet, it is due soon from <paramref name="dueSoonWindow"/> before the deadline up to and including
    /// the deadline itself, and overdue after it.
    /// </summary>
    public static DueStatus Classify(Due due, DateTimeOffset now, DateTimeOffset? metAt, TimeSpan dueSoonWindow)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueSoonWindow, TimeSpan.Zero);
        switch (due)
        {
            case Due.NotApplicable:
                return DueStatus.NotApplicable;
            case Due.Qualitative:
                return metAt is null ? DueStatus.DueNow : DueStatus.Met;
            case Due.RelativeTo { EventAt: null }:
                // The other event has not happened, so anything done so far is ahead of it.
                return metAt is null ? DueStatus.Pending : DueStatus.MetOnTime;
        }

        var deadline = InstantOf(due)!.Value;
        var strictlyBefore = due is Due.RelativeTo { Relation: EventRelation.Before };
        bool InTime(DateTimeOffset at) => strictlyBefore ? at < deadline : at <= deadline;

        if (metAt is { } met)
            return InTime(met) ? DueStatus.MetOnTime : DueStatus.MetLate;
        if (!InTime(now))
            return DueStatus.Overdue;
        return now >= deadline - dueSoonWindow ? DueStatus.DueSoon : DueStatus.Pending;
    }

    private static void Validate(DeadlineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(spec.Unit))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Unit, "Unknown deadline unit.");
        if (spec.IsMeasured && spec.Value is not > 0)
            throw new ArgumentException(
                $"A {spec.Unit} deadline needs a positive Value (the number of {spec.Unit}); got {spec.Value?.ToString() ?? "none"}.",
                nameof(spec));
        // The catalogue writes 0 for "no later than" with no offset (Vermont's backstop); any other amount
        // on an unmeasured unit is a mapping error, not something to ignore.
        if (!spec.IsMeasured && spec.Value is not (null or 0))
            throw new ArgumentException(
                $"A {spec.Unit} deadline has no amount; got Value {spec.Value}. Model an offset from another event as a measured unit whose clock starts at that event.",
                nameof(spec));
    }

    private static EventRelation RelationOf(DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.Before => EventRelation.Before,
        DeadlineUnit.NoLaterThan => EventRelation.NoLaterThan,
        _ => EventRelation.Concurrent,
    };

    private static DateOnly AddBusinessDays(JurisdictionClock clock, DateOnly start, int businessDays)
    {
        var date = start;
        for (var counted = 0; counted < businessDays;)
        {
            date = date.AddDays(1);
            if (clock.IsBusinessDay(date))
                counted++;
        }
        return date;
    }

    private static DateTimeOffset? InstantOf(Due due) => due switch
    {
        Due.Instant instant => instant.DueAt,
        Due.RelativeTo relative => relative.EventAt,
        _ => null,
    };

    // Lower sorts first: known instants by time (at the same instant "before" is stricter), then
    // qualitative (due now, but no instant), then relative to an unknown event, then not applicable.
    private static (int Rank, DateTimeOffset At, int Strictness) Urgency(Due due) => due switch
    {
        Due.Instant instant => (0, instant.DueAt, 1),
        Due.RelativeTo { EventAt: { } at, Relation: EventRelation.Before } => (0, at, 0),
        Due.RelativeTo { EventAt: { } at } => (0, at, 1),
        Due.Qualitative => (1, DateTimeOffset.MaxValue, 0),
        Due.RelativeTo => (2, DateTimeOffset.MaxValue, 0),
        _ => (3, DateTimeOffset.MaxValue, 0),
    };
}
