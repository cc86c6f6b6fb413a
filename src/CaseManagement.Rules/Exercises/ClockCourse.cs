namespace CaseManagement.Rules.Exercises;

/// <summary>
/// One setting of an exercise clock: from the real instant <paramref name="RealFrom"/> on, the exercise's time is
/// <paramref name="CaseAt"/> and runs at <paramref name="Rate"/> times real time (0 while paused).
/// </summary>
public sealed record ClockSetting(DateTimeOffset RealFrom, DateTimeOffset CaseAt, double Rate);

/// <summary>
/// An exercise's time as a function of real time: the facilitator's settings in the order they were made. Exercise time
/// never runs backwards; before the first setting it stands at the first setting's instant. Pure, so the same course gives
/// the same instants for every reader: the deadlines, the escalation planner and the report.
/// </summary>
public sealed record ClockCourse(IReadOnlyList<ClockSetting> Settings)
{
    /// <summary>The fastest an exercise clock may run: an hour a second.</summary>
    public const double MaxRate = 3600;

    public static readonly ClockCourse NotStarted = new([]);

    public bool Started => Settings.Count > 0;

    /// <summary>The setting in force at <paramref name="real"/>, or null before the clock started.</summary>
    public ClockSetting? InForceAt(DateTimeOffset real) => Settings.LastOrDefault(s => s.RealFrom <= real);

    /// <summary>The exercise instant at the real instant <paramref name="real"/>.</summary>
    public DateTimeOffset CaseTimeAt(DateTimeOffset real)
    {
        if (!Started)
        {
            throw new InvalidOperationException("The exercise clock has not been set.");
        }

        return InForceAt(real) is { } setting ? setting.CaseAt + Scale(real - setting.RealFrom, setting.Rate) : Settings[0].CaseAt;
    }

    /// <summary>
    /// The real instant, at or after <paramref name="realNow"/>, at which the exercise clock reaches <paramref name="caseInstant"/>
    /// if nobody changes it: <paramref name="realNow"/> when it already has, null while it is paused short of it.
    /// </summary>
    public DateTimeOffset? RealInstantOf(DateTimeOffset caseInstant, DateTimeOffset realNow)
    {
        var caseNow = CaseTimeAt(realNow);
        if (caseInstant <= caseNow)
        {
            return realNow;
        }

        var rate = InForceAt(realNow)?.Rate ?? 0;
        return rate <= 0 ? null : realNow + Scale(caseInstant - caseNow, 1 / rate);
    }

    /// <summary>The course with one more setting, made at <paramref name="realNow"/>; refused when it would turn the clock back.</summary>
    public ClockCourse Then(DateTimeOffset realNow, DateTimeOffset caseAt, double rate)
    {
        if (Problem(realNow, caseAt, rate) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return new ClockCourse([.. Settings, new ClockSetting(realNow, caseAt, rate)]);
    }

    /// <summary>Why a setting cannot follow this course, or null.</summary>
    public string? Problem(DateTimeOffset realNow, DateTimeOffset caseAt, double rate)
    {
        if (rate is < 0 or > MaxRate || double.IsNaN(rate))
        {
            return $"the clock runs between 0 (paused) and {MaxRate} times real time";
        }

        if (Started && realNow < Settings[^1].RealFrom)
        {
            return "a setting cannot take effect before the previous one";
        }

        return Started && caseAt < CaseTimeAt(realNow)
            ? $"exercise time never runs backwards: it is {CaseTimeAt(realNow).UtcDateTime:O}, the setting asks for {caseAt.UtcDateTime:O}"
            : null;
    }

    private static TimeSpan Scale(TimeSpan span, double rate) => TimeSpan.FromTicks((long)Math.Round(span.Ticks * rate, MidpointRounding.AwayFromZero));
}
