namespace CaseManagement.Rules.Deadlines;

/// <summary>The holiday calendar that stops business-day clocks for a catalogue jurisdiction code.</summary>
public static class HolidayCalendars
{
    /// <summary>The first year the national calendars know; a business-day clock cannot start earlier.</summary>
    public const int FirstYear = HolidayRules.FirstYear;

    /// <summary>The last year the national calendars know.</summary>
    public const int LastYear = HolidayRules.LastYear;

    /// <summary>US federal holidays; also used for every US state (state holidays are not modelled).</summary>
    public static IHolidayCalendar UsFederal { get; } = new UsFederalHolidayCalendar();

    public static IHolidayCalendar EnglandAndWales { get; } = new EnglandAndWalesHolidayCalendar();

    public static IHolidayCalendar Germany { get; } = new GermanyHolidayCalendar();

    public static IHolidayCalendar France { get; } = new FranceHolidayCalendar();

    public static IHolidayCalendar Ireland { get; } = new IrelandHolidayCalendar();

    public static IHolidayCalendar Netherlands { get; } = new NetherlandsHolidayCalendar();

    /// <summary>No holidays: only weekends are skipped. <see cref="IHolidayCalendar.IsWeekendOnly"/> says so.</summary>
    public static IHolidayCalendar WeekendsOnly { get; } = new WeekendsOnlyCalendar();

    /// <summary>
    /// "US" and any "US-…" code (states, US-SEC, US-NY-DFS, …) get US federal holidays; "GB" England and
    /// Wales; "DE", "FR", "IE", "NL" their national lists. Every other code, including "EU", "EU-DORA",
    /// "BR" and the card brands, gets <see cref="WeekendsOnly"/>. Codes are case-insensitive.
    /// </summary>
    public static IHolidayCalendar For(string jurisdictionCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jurisdictionCode);
        var code = jurisdictionCode.Trim().ToUpperInvariant();
        return code switch
        {
            "US" => UsFederal,
            _ when code.StartsWith("US-", StringComparison.Ordinal) => UsFederal,
            "GB" => EnglandAndWales,
            "DE" => Germany,
            "FR" => France,
            "IE" => Ireland,
            "NL" => Netherlands,
            _ => WeekendsOnly,
        };
    }

    private sealed class WeekendsOnlyCalendar : IHolidayCalendar
    {
        public string Name => "weekends only (no holiday calendar for this jurisdiction)";

        public bool IsWeekendOnly => true;

        public IReadOnlyList<Holiday> HolidaysIn(int year) => [];

        public bool IsHoliday(DateOnly date) => false;
    }
}
