namespace CaseManagement.Rules.Deadlines;

/// <summary>How a rule's deadline is measured from its clock start (catalogue field "deadline").</summary>
public enum DeadlineUnit
{
    /// <summary>Elapsed hours from the clock start instant (e.g. GDPR Art. 33: 72 hours after awareness).</summary>
    Hours,

    /// <summary>Calendar days, counted in the jurisdiction's time zone.</summary>
    CalendarDays,

    /// <summary>Business days: weekends and the jurisdiction's public holidays do not count.</summary>
    BusinessDays,

    /// <summary>Calendar months (same day-of-month, clamped to the month's end).</summary>
    Months,

    /// <summary>Strictly before the clock-start event (e.g. regulator before individuals).</summary>
    Before,

    /// <summary>No later than the clock-start event (at the same time at the latest).</summary>
    NoLaterThan,

    /// <summary>At the same time as the clock-start event.</summary>
    Concurrent,

    /// <summary>No fixed period ("without undue delay", "as soon as practicable"): shown as due now.</summary>
    Qualitative,

    /// <summary>No deadline applies (records, liability, penalties).</summary>
    NotApplicable,
}

/// <summary>A deadline as the catalogue states it: a unit and, for measured units, an amount.</summary>
public sealed record DeadlineSpec(DeadlineUnit Unit, int? Value = null)
{
    public bool IsMeasured => Unit is DeadlineUnit.Hours or DeadlineUnit.CalendarDays or DeadlineUnit.BusinessDays or DeadlineUnit.Months;

    public bool IsRelative => Unit is DeadlineUnit.Before or DeadlineUnit.NoLaterThan or DeadlineUnit.Concurrent;
}
