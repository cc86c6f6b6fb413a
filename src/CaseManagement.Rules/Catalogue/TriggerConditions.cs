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
    public const string FinancialEntity = "financial-entity";
    /// <summary>Within a sector regulator's scope (NYDFS licensee, HIPAA covered entity).</summary>
    public const string CoveredEntity = "covered-entity";
    /// <summary>NIS2 essential or important entity.</summary>
    public const string EssentialEntity = "essential-entity";
    public const string SignificantIncident = "significant-incident";
    public const string MajorIctIncident = "major-ict-incident";
    /// <summary>A security incident that need not involve personal data.</summary>
    public const string CybersecurityIncident = "cybersecurity-incident";
    public const string MaterialIncident = "material-incident";
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
