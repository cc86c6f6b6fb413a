using System.Collections.Frozen;
using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Rules.Evaluation;

/// <summary>The product's words for the kinds of data an incident exposed (<see cref="IncidentFacts.DataCategories"/>).</summary>
public static class DataCategory
{
    public const string Email = "email";
    public const string Name = "name";
    public const string PostalAddress = "postal-address";
    public const string Phone = "phone";
    public const string DateOfBirth = "date-of-birth";
    public const string PaymentCard = "payment-card";
    public const string BankAccount = "bank-account";
    public const string AccountCredentials = "account-credentials";
    public const string IpAddress = "ip-address";
    public const string OrderHistory = "order-history";
    public const string GovernmentId = "government-id";
    public const string Health = "health";
    /// <summary>Anything else; whether it is personal data has to be said separately.</summary>
    public const string Other = "other";

    public static IReadOnlySet<string> Known { get; } = new[]
    {
        Email, Name, PostalAddress, Phone, DateOfBirth, PaymentCard, BankAccount, AccountCredentials,
        IpAddress, OrderHistory, GovernmentId, Health, Other,
    }.ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>
/// What the organisation is, as far as sector rules care (<see cref="IncidentFacts.SectorFlags"/>). The words are
/// the catalogue's own trigger conditions, so a flag and the condition it satisfies cannot drift apart. From catalogue
/// 2026.12.1 on each flag means one legal status; the three older words that meant two are kept so incidents pinned
/// to 2026.11.1 keep their meaning (<see cref="ObligationCatalogue.FlagSplits"/> says what replaced them).
/// </summary>
public static class SectorFlag
{
    /// <summary>Catalogue 2026.11.1: an EU financial entity under DORA, or a non-bank financial institution under the FTC Safeguards Rule.</summary>
    public const string FinancialEntity = TriggerConditions.FinancialEntity;
    /// <summary>Catalogue 2026.11.1: a NYDFS licensee or a HIPAA covered entity, one flag for both.</summary>
    public const string CoveredEntity = TriggerConditions.CoveredEntity;
    /// <summary>Card data is caught up in the incident (e.g. a skimmer on the checkout), even before the categories are pinned down.</summary>
    public const string CardData = TriggerConditions.CardData;
    /// <summary>Catalogue 2026.11.1: a listed company, read as an SEC registrant.</summary>
    public const string ListedCompany = TriggerConditions.ListedCompany;
    /// <summary>An essential or important entity under NIS2.</summary>
    public const string EssentialEntity = TriggerConditions.EssentialEntity;
    /// <summary>A processor, vendor or agent holding the data for another organisation.</summary>
    public const string DataHeldForAnother = TriggerConditions.DataHeldForAnother;
    public const string NydfsLicensee = TriggerConditions.NydfsLicensee;
    public const string HipaaCoveredEntity = TriggerConditions.HipaaCoveredEntity;
    public const string HipaaBusinessAssociate = TriggerConditions.HipaaBusinessAssociate;
    public const string DoraFinancialEntity = TriggerConditions.DoraFinancialEntity;
    public const string FtcFinancialInstitution = TriggerConditions.FtcFinancialInstitution;
    public const string SecRegistrant = TriggerConditions.SecRegistrant;

    /// <summary>Every flag of every catalogue version: what <see cref="IncidentFacts.Problems"/> accepts.</summary>
    public static IReadOnlySet<string> Known { get; } = new[]
    {
        FinancialEntity, CoveredEntity, CardData, ListedCompany, EssentialEntity, DataHeldForAnother,
        NydfsLicensee, HipaaCoveredEntity, HipaaBusinessAssociate, DoraFinancialEntity, FtcFinancialInstitution, SecRegistrant,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The flags the rules of <paramref name="catalogue"/> read: what a lead can record for an incident pinned to it.</summary>
    public static IReadOnlyList<string> UsedBy(ObligationCatalogue catalogue) =>
    [
        .. catalogue.Rules.SelectMany(r => r.Trigger.Conditions).Where(Known.Contains).Distinct().Order(StringComparer.Ordinal),
    ];
}
