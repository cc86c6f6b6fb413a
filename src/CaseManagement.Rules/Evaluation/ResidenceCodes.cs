using System.Collections.Frozen;

namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// Where affected people live, as <see cref="IncidentFacts.AffectedByJurisdiction"/> keys them: an ISO 3166-1
/// alpha-2 country ("DE", "GB", "US" when the state is unknown) or a subdivision of a country whose rules are
/// kept per subdivision: US states, DC and territories ("US-CA"), Canadian provinces and territories ("CA-QC")
/// and Australian states and territories ("AU-NSW"). Codes are upper case. Country-level rules count a
/// subdivision as its country.
/// </summary>
public static class ResidenceCodes
{
    // ISO 3166-1 officially assigned alpha-2 codes (249), as in Debian's iso-codes 3166-1 table.
    private const string Countries = """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
        BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
        FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
        IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
        PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
        YT ZA ZM ZW
        """;

    // ISO 3166-2 subdivision codes: US (50 states, DC and the six outlying areas), CA (13) and AU (8).
    private const string UsSubdivisions = "AK AL AR AS AZ CA CO CT DC DE FL GA GU HI IA ID IL IN KS KY LA MA MD ME MI MN MO MP MS MT NC ND NE NH NJ NM NV NY OH OK OR PA PR RI SC SD TN TX UM UT VA VI VT WA WI WV WY";
    private const string CanadianSubdivisions = "AB BC MB NB NL NS NT NU ON PE QC SK YT";
    private const string AustralianSubdivisions = "ACT NSW NT QLD SA TAS VIC WA";

    /// <summary>The EU member states plus Iceland, Liechtenstein and Norway, where the GDPR applies through the EEA Agreement.</summary>
    public static IReadOnlySet<string> EuropeanEconomicArea { get; } = Split(
        "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO");

    /// <summary>Every code <see cref="IncidentFacts.Problems"/> accepts.</summary>
    public static IReadOnlySet<string> Known { get; } = Split(Countries)
        .Concat(Split(UsSubdivisions).Select(state => "US-" + state))
        .Concat(Split(CanadianSubdivisions).Select(province => "CA-" + province))
        .Concat(Split(AustralianSubdivisions).Select(state => "AU-" + state))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The country part of a code: "US" for "US-CA", "DE" for "DE".</summary>
    public static string CountryOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? code : code[..dash];
    }

    private static FrozenSet<string> Split(string codes) =>
        codes.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
