namespace CaseManagement.Incidents;

/// <summary>
/// Controlled words for facts that regulator rules depend on. Free text here would make deadlines
/// guesswork, so unknown values are rejected with the list of known ones.
/// </summary>
public static class Vocabulary
{
    /// <summary>Kinds of personal data a breach can involve (breach statutes key on these).</summary>
    public static readonly IReadOnlyList<string> DataCategories =
    [
        "email", "name", "postal-address", "phone", "date-of-birth", "payment-card", "bank-account",
        "account-credentials", "ip-address", "order-history", "government-id", "health", "other",
    ];

    /// <summary>Recipient types, as in the obligation catalogue's "notify" field.</summary>
    public static readonly IReadOnlyList<string> Recipients =
    [
        "individuals", "regulator", "attorney-general", "state-police", "credit-bureaus", "media",
        "card-brands", "acquirer", "controller", "law-enforcement", "other",
    ];
}
