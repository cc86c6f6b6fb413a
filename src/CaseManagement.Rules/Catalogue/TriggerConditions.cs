namespace CaseManagement.Rules.Catalogue;

/// <summary>
/// Structured words describing what sets a rule off. They let the service pre-filter rules for an incident;
/// the rule's own description remains the authority on how they combine.
/// </summary>
public static class TriggerConditions
{
    public const string PersonalDataBreach = "personal-data-breach";
    /// <summary>Duty applies unless the breach is shown to be unlikely to harm people.</summary>
    public const string RiskToIndividuals = "risk-to-individuals";
    public const string HighRiskToIndividuals = "high-risk-to-individuals";
    /// <summary>Real risk of significant or serious harm (PIPEDA, Australia, Singapore, Quebec, Brazil, Alabama, Rhode Island).</summary>
    public const string SignificantHarmToIndividuals = "significant-harm-to-individuals";
    /// <summary>Statutory personal information, unencrypted or leaked together with its key.</summary>
    public const string UnencryptedPersonalInformation = "unencrypted-personal-information";
    /// <summary>Regulator, agency or credit-bureau duties that follow from the notice owed to individuals.</summary>
    public const string IndividualNoticeRequired = "individual-notice-required";
    /// <summary>Processor, vendor, agent or intermediary holding the data for someone else.</summary>
    public const string DataHeldForAnother = "data-held-for-another";
    public const string GovernmentIdentifierInvolved = "government-identifier-involved";
    public const string SensitiveDataInvolved = "sensitive-data-involved";
    public const string MaliciousCauseSuspected = "malicious-cause-suspected";
    public const string SuspectedBreach = "suspected-breach";
    public const string CardData = "card-data";
    public const string HealthInformation = "health-information";
    /// <summary>An EU financial entity under DORA or a US non-bank financial institution: two legal statuses under one word. Retired in 2026.12.1.</summary>
    public const string FinancialEntity = "financial-entity";
    /// <summary>A NYDFS licensee or a HIPAA covered entity: two legal statuses under one word. Retired in 2026.12.1.</summary>
    public const string CoveredEntity = "covered-entity";
    /// <summary>NIS2 essential or important entity.</summary>
    public const string EssentialEntity = "essential-entity";
    /// <summary>Licensed or chartered by the New York Department of Financial Services (23 NYCRR 500 "covered entity").</summary>
    public const string NydfsLicensee = "nydfs-licensee";
    /// <summary>A HIPAA covered entity: health plan, health-care clearinghouse or provider that transmits claims electronically (45 CFR 160.103).</summary>
    public const string HipaaCoveredEntity = "hipaa-covered-entity";
    /// <summary>A HIPAA business associate: handles protected health information on behalf of a covered entity (45 CFR 160.103).</summary>
    public const string HipaaBusinessAssociate = "hipaa-business-associate";
    /// <summary>A financial entity listed in DORA Art. 2 (EU credit, payment, e-money, investment, insurance... institutions).</summary>
    public const string DoraFinancialEntity = "dora-financial-entity";
    /// <summary>A non-bank "financial institution" under the FTC's jurisdiction for the GLBA Safeguards Rule (16 CFR 314.2).</summary>
    public const string FtcFinancialInstitution = "ftc-financial-institution";
    /// <summary>Files reports with the US SEC under the Exchange Act (Form 8-K / 6-K), wherever its shares are listed.</summary>
    public const string SecRegistrant = "sec-registrant";
    public const string SignificantIncident = "significant-incident";
    public const string MajorIctIncident = "major-ict-incident";
    /// <summary>A security incident that need not involve personal data.</summary>
    public const string CybersecurityIncident = "cybersecurity-incident";
    public const string MaterialIncident = "material-incident";
    /// <summary>Listed on some exchange; the SEC duty needs an SEC registrant, which this word does not say. Retired in 2026.12.1.</summary>
    public const string ListedCompany = "listed-company";
    public const string RansomPaid = "ransom-paid";
    public const string ReasonableSecurityFailure = "reasonable-security-failure";
    public const string PrivacyLawViolation = "privacy-law-violation";
    /// <summary>No structured word fits; read the description.</summary>
    public const string SeeDescription = "see-description";

    public static IReadOnlySet<string> Known { get; } = typeof(TriggerConditions)
        .GetFields()
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
