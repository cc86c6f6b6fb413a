namespace CaseManagement.ShopGeneration;

/// <summary>
/// Where generated shoppers live: countries weighted like a US-led international shop, states weighted by
/// population, and the Bogus locales their names and addresses come from. State codes are WooCommerce's
/// (i18n/states.php), which the Magento writer maps to directory_country_region where Magento has a list.
/// </summary>
internal static class ShopGeography
{
    internal sealed record Country(
        string Code,
        double Weight,
        string AddressLocale,
        (string Locale, double Weight)[] NameLocales,
        (string Code, double Weight)[] States,
        double StateShare);

    // Shares of the generated orders; they sum to 100.
    public static readonly Country[] Countries =
    [
        new("US", 45, "en_US", [("en_US", 82), ("es", 10), ("zh_CN", 5), ("ja", 3)], UsStates(), 1.0),
        new("DE", 12, "de", [("de", 84), ("tr", 8), ("ru", 8)], GermanStates(), 0.15),
        new("GB", 8, "en_GB", [("en_GB", 90), ("zh_CN", 5), ("fr", 5)], [], 0),
        new("FR", 7, "fr", [("fr", 100)], [], 0),
        new("CA", 5, "en_CA", [("en_CA", 100)], CanadianProvinces(), 1.0),
        new("NL", 4, "nl", [("nl", 100)], [], 0),
        new("IT", 4, "it", [("it", 100)], ItalianProvinces(), 1.0),
        new("ES", 4, "es", [("es", 100)], SpanishProvinces(), 1.0),
        new("AU", 4, "en_AU", [("en_AU", 90), ("zh_CN", 10)], AustralianStates(), 1.0),
        new("JP", 4, "ja", [("ja", 100)], JapanesePrefectures(), 1.0),
        new("BR", 3, "pt_BR", [("pt_BR", 100)], BrazilianStates(), 1.0),
    ];

    // Reserved test domains (RFC 2606/6761), so no generated address can reach a real mailbox.
    public static readonly string[] EmailDomains =
    [
        "example.com", "example.net", "example.org", "mail.example", "post.example", "inbox.example",
        "webmail.test", "provider.test",
    ];

    public static Country Pick(Random random) => PickWeighted(random, Countries, c => c.Weight);

    public static string? PickState(Random random, Country country) =>
        country.States.Length == 0 || random.NextDouble() >= country.StateShare
            ? null
            : PickWeighted(random, country.States, s => s.Weight).Code;

    public static string PickNameLocale(Random random, Country country, string? state) =>
        country.Code == "CA" && state == "QC" ? "fr" : PickWeighted(random, country.NameLocales, l => l.Weight).Locale;

    public static T PickWeighted<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var roll = random.NextDouble() * total;
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    // Population in millions (2020 census, rounded).
    private static (string, double)[] UsStates() =>
    [
        ("CA", 39.5), ("TX", 29.1), ("FL", 21.5), ("NY", 20.2), ("PA", 13.0), ("IL", 12.8), ("OH", 11.8),
        ("GA", 10.7), ("NC", 10.4), ("MI", 10.1), ("NJ", 9.3), ("VA", 8.6), ("WA", 7.7), ("AZ", 7.2),
        ("MA", 7.0), ("TN", 6.9), ("IN", 6.8), ("MD", 6.2), ("MO", 6.2), ("WI", 5.9), ("CO", 5.8),
        ("MN", 5.7), ("SC", 5.1), ("AL", 5.0), ("LA", 4.7), ("KY", 4.5), ("OR", 4.2), ("OK", 4.0),
        ("CT", 3.6), ("UT", 3.3), ("IA", 3.2), ("NV", 3.1), ("AR", 3.0), ("MS", 3.0), ("KS", 2.9),
        ("NM", 2.1), ("NE", 2.0), ("ID", 1.8), ("WV", 1.8), ("HI", 1.5), ("NH", 1.4), ("ME", 1.4),
        ("RI", 1.1), ("MT", 1.1), ("DE", 1.0), ("SD", 0.9), ("ND", 0.8), ("AK", 0.7), ("DC", 0.7),
        ("VT", 0.6), ("WY", 0.6),
    ];

    private static (string, double)[] CanadianProvinces() =>
    [
        ("ON", 14.2), ("QC", 8.5), ("BC", 5.0), ("AB", 4.3), ("MB", 1.3), ("SK", 1.1), ("NS", 1.0),
        ("NB", 0.8), ("NL", 0.5), ("PE", 0.2), ("NT", 0.05), ("YT", 0.04), ("NU", 0.04),
    ];

    private static (string, double)[] GermanStates() =>
    [
        ("DE-NW", 17.9), ("DE-BY", 13.1), ("DE-BW", 11.1), ("DE-NI", 8.0), ("DE-HE", 6.3), ("DE-SN", 4.1),
        ("DE-RP", 4.1), ("DE-BE", 3.7), ("DE-SH", 2.9), ("DE-BB", 2.5), ("DE-ST", 2.2), ("DE-TH", 2.1),
        ("DE-HH", 1.9), ("DE-MV", 1.6), ("DE-SL", 1.0), ("DE-HB", 0.7),
    ];

    private static (string, double)[] ItalianProvinces() =>
    [
        ("RM", 4.2), ("MI", 3.2), ("NA", 3.0), ("TO", 2.2), ("PA", 1.2), ("BA", 1.2), ("BG", 1.1),
        ("BS", 1.3), ("CT", 1.1), ("FI", 1.0), ("BO", 1.0), ("VE", 0.8), ("GE", 0.8),
    ];

    private static (string, double)[] SpanishProvinces() =>
    [
        ("M", 6.7), ("B", 5.7), ("V", 2.6), ("SE", 1.9), ("A", 1.9), ("MA", 1.7), ("MU", 1.5),
        ("C", 1.1), ("BI", 1.1), ("Z", 1.0), ("PM", 1.2), ("GC", 1.1),
    ];

    private static (string, double)[] AustralianStates() =>
    [
        ("NSW", 8.2), ("VIC", 6.7), ("QLD", 5.3), ("WA", 2.8), ("SA", 1.8), ("TAS", 0.6), ("ACT", 0.5), ("NT", 0.25),
    ];

    // WooCommerce codes JP01..JP47 follow the ISO 3166-2:JP prefecture numbers.
    private static (string, double)[] JapanesePrefectures() =>
    [
        ("JP13", 14.0), ("JP14", 9.2), ("JP27", 8.8), ("JP23", 7.5), ("JP11", 7.3), ("JP12", 6.3),
        ("JP28", 5.4), ("JP01", 5.1), ("JP40", 5.1), ("JP22", 3.6), ("JP08", 2.8), ("JP34", 2.8), ("JP26", 2.5),
    ];

    private static (string, double)[] BrazilianStates() =>
    [
        ("SP", 46.3), ("MG", 21.4), ("RJ", 17.5), ("BA", 14.9), ("PR", 11.6), ("RS", 11.4), ("PE", 9.7),
        ("CE", 9.2), ("PA", 8.8), ("SC", 7.3), ("GO", 7.2), ("DF", 3.1),
    ];
}
