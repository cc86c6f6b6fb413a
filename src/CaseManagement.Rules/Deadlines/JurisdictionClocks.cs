namespace CaseManagement.Rules.Deadlines;

/// <summary>The <see cref="JurisdictionClock"/> for each catalogue jurisdiction code.</summary>
public static class JurisdictionClocks
{
    /// <summary>
    /// The clock for a catalogue jurisdiction code (case-insensitive): its IANA zone from
    /// <see cref="TimeZoneIdFor"/> and its calendar from <see cref="HolidayCalendars.For"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No zone is known for the code.</exception>
    /// <exception cref="TimeZoneNotFoundException">The zone is missing from the machine's tz database.</exception>
    public static JurisdictionClock For(string jurisdictionCode)
    {
        var zoneId = TimeZoneIdFor(jurisdictionCode);
        // A clock never changes, and finding its zone reads the tz database: a deadline timeline asks for each clock once per fact.
        return Known.GetOrAdd(jurisdictionCode.Trim().ToUpperInvariant(), code => new JurisdictionClock(code, FindZone(zoneId), HolidayCalendars.For(code)));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JurisdictionClock> Known = new(StringComparer.Ordinal);

    /// <summary>
    /// The IANA zone a jurisdiction's local days are counted in. "EU" and every "EU-…" code (EU-DORA,
    /// EU-NIS2) use Europe/Brussels: the lead supervisory authority's own zone would be more exact, so
    /// pass a member-state code (DE, FR, IE, NL) when the authority is known. "CA" is Canada (California
    /// is "US-CA"). Card-brand rules run in UTC. An unknown code throws rather than guessing, because a
    /// wrong zone moves a deadline by hours.
    /// </summary>
    public static string TimeZoneIdFor(string jurisdictionCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jurisdictionCode);
        var code = jurisdictionCode.Trim().ToUpperInvariant();
        if (code == "EU" || code.StartsWith("EU-", StringComparison.Ordinal))
            return "Europe/Brussels";
        if (Zones.TryGetValue(code, out var zone))
            return zone;
        if (code.StartsWith("US-", StringComparison.Ordinal) && UsStateZones.TryGetValue(code[3..], out zone))
            return zone;
        throw new ArgumentException(
            $"No time zone is known for jurisdiction '{jurisdictionCode}'. Add it to JurisdictionClocks before computing its deadlines.",
            nameof(jurisdictionCode));
    }

    /// <summary>Looks up an IANA zone in the OS time-zone database, with a fix in the message when it is missing.</summary>
    internal static TimeZoneInfo FindZone(string ianaZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new TimeZoneNotFoundException(
                $"The IANA time zone '{ianaZoneId}' is not in this machine's time-zone database, so no deadline can be computed in it. " +
                "Install the tzdata package (e.g. 'apt-get install tzdata') and try again.", e);
        }
    }

    private static readonly Dictionary<string, string> Zones = new(StringComparer.Ordinal)
    {
        ["DE"] = "Europe/Berlin",
        ["FR"] = "Europe/Paris",
        ["IE"] = "Europe/Dublin",
        ["NL"] = "Europe/Amsterdam",
        ["GB"] = "Europe/London",
        ["CH"] = "Europe/Zurich",
        // Federal and sector regulators sit in Washington DC or New York.
        ["US"] = "America/New_York",
        ["US-FTC-GLBA"] = "America/New_York",
        ["US-SEC"] = "America/New_York",
        ["US-HIPAA"] = "America/New_York",
        ["US-NY-DFS"] = "America/New_York",
        ["CA"] = "America/Toronto",
        ["CA-QC"] = "America/Toronto",
        ["BR"] = "America/Sao_Paulo",
        ["AU"] = "Australia/Sydney",
        ["SG"] = "Asia/Singapore",
        ["JP"] = "Asia/Tokyo",
        ["IN"] = "Asia/Kolkata",
        ["IN-CERTIN"] = "Asia/Kolkata",
        ["KR"] = "Asia/Seoul",
        ["CN"] = "Asia/Shanghai",
        ["CN-CAC"] = "Asia/Shanghai",
        ["PCI-VISA"] = "UTC",
        ["PCI-MASTERCARD"] = "UTC",
    };

    /// <summary>
    /// Each state's principal zone. Split states use the zone of the capital, which is also where most
    /// people live: AK (Aleutians west of 169°30'W on Hawaii–Aleutian time), FL (western panhandle
    /// Central), ID (northern panhandle Pacific), IN (north-west and south-west corners Central), KS (four
    /// western counties Mountain), KY (western half Central), MI (four Upper Peninsula counties Central),
    /// NE (western panhandle Mountain), NV (West Wendover Mountain), ND (south-west Mountain), OR (most of
    /// Malheur County Mountain), SD (western half Mountain), TN (East Tennessee Eastern), TX (El Paso and
    /// Hudspeth counties Mountain). Arizona keeps standard time all year (the Navajo Nation observes DST).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> UsStateZones = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AL"] = "America/Chicago",
        ["AK"] = "America/Anchorage",
        ["AZ"] = "America/Phoenix",
        ["AR"] = "America/Chicago",
        ["CA"] = "America/Los_Angeles",
        ["CO"] = "America/Denver",
        ["CT"] = "America/New_York",
        ["DE"] = "America/New_York",
        ["DC"] = "America/New_York",
        ["FL"] = "America/New_York",
        ["GA"] = "America/New_York",
        ["HI"] = "Pacific/Honolulu",
        ["ID"] = "America/Boise",
        ["IL"] = "America/Chicago",
        // Indiana had no DST before 2006, which America/New_York would get wrong.
        ["IN"] = "America/Indiana/Indianapolis",
        ["IA"] = "America/Chicago",
        ["KS"] = "America/Chicago",
        ["KY"] = "America/New_York",
        ["LA"] = "America/Chicago",
        ["ME"] = "America/New_York",
        ["MD"] = "America/New_York",
        ["MA"] = "America/New_York",
        ["MI"] = "America/Detroit",
        ["MN"] = "America/Chicago",
        ["MS"] = "America/Chicago",
        ["MO"] = "America/Chicago",
        ["MT"] = "America/Denver",
        ["NE"] = "America/Chicago",
        ["NV"] = "America/Los_Angeles",
        ["NH"] = "America/New_York",
        ["NJ"] = "America/New_York",
        ["NM"] = "America/Denver",
        ["NY"] = "America/New_York",
        ["NC"] = "America/New_York",
        ["ND"] = "America/Chicago",
        ["OH"] = "America/New_York",
        ["OK"] = "America/Chicago",
        ["OR"] = "America/Los_Angeles",
        ["PA"] = "America/New_York",
        ["RI"] = "America/New_York",
        ["SC"] = "America/New_York",
        ["SD"] = "America/Chicago",
        ["TN"] = "America/Chicago",
        ["TX"] = "America/Chicago",
        ["UT"] = "America/Denver",
        ["VT"] = "America/New_York",
        ["VA"] = "America/New_York",
        ["WA"] = "America/Los_Angeles",
        ["WV"] = "America/New_York",
        ["WI"] = "America/Chicago",
        ["WY"] = "America/Denver",
    };
}
