using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// The data categories scoping can attribute to a person from shop records, in the incident vocabulary.
/// A person is affected in a category only if the incident involves it and the shop holds it for them.
/// </summary>
public static class PersonalData
{
    /// <summary>Every category of the incident vocabulary; those a shop cannot show per person are attributed to everyone found.</summary>
    public static IReadOnlySet<string> Categories => DataCategory.Known;

    private static readonly IReadOnlySet<string> PerPerson = new HashSet<string>(StringComparer.Ordinal)
    {
        DataCategory.Email, DataCategory.Name, DataCategory.PostalAddress, DataCategory.Phone, DataCategory.DateOfBirth, DataCategory.PaymentCard,
        DataCategory.IpAddress, DataCategory.OrderHistory,
    };

    // Gateways whose checkout takes card numbers on the shop's own page, where a skimmer can read them.
    // Wallet and redirect methods (PayPal standard, bank transfer, cash on delivery) never show a card field.
    private static readonly string[] CardMethodMarkers =
        ["card", "stripe", "braintree", "authorize", "payflow", "woocommerce_payments", "square", "cybersource", "adyen_cc", "checkmo_cc", "ccsave"];

    public static bool IsCardPayment(string? method, string? cardLast4) =>
        !string.IsNullOrWhiteSpace(cardLast4)
        || (method is not null && CardMethodMarkers.Any(m => method.Contains(m, StringComparison.OrdinalIgnoreCase)));

    /// <summary>What the shop holds for this person, restricted to what the incident involves.</summary>
    public static IReadOnlyList<string> Involved(IReadOnlySet<string> incident, bool name, bool address, bool phone, bool dateOfBirth, bool card, bool ip)
    {
        var held = new List<string>(8);
        void Add(string category, bool present)
        {
            if (present && incident.Contains(category))
            {
                held.Add(category);
            }
        }

        Add(DataCategory.Email, true);
        Add(DataCategory.Name, name);
        Add(DataCategory.PostalAddress, address);
        Add(DataCategory.Phone, phone);
        Add(DataCategory.DateOfBirth, dateOfBirth);
        Add(DataCategory.PaymentCard, card);
        Add(DataCategory.IpAddress, ip);
        Add(DataCategory.OrderHistory, true);
        held.AddRange(incident.Where(c => !PerPerson.Contains(c)).Order(StringComparer.Ordinal));
        return held;
    }
}
