using System.Collections.Frozen;
using CaseManagement.Rules.Catalogue;
using static CaseManagement.Rules.Catalogue.TriggerConditions;

namespace CaseManagement.Rules.Evaluation;

/// <summary>
/// One test's outcome and the clause that explains it. <paramref name="SeeDescription"/> marks an open question
/// only the rule's description can settle; the verdict then quotes the description once. An open question names
/// the facts that would settle it in <paramref name="Missing"/>.
/// </summary>
internal readonly record struct Finding(Applicability Outcome, string Text, bool SeeDescription = false, IReadOnlyList<MissingFact>? Missing = null)
{
    public IReadOnlyList<MissingFact> Needs => Missing ?? [];

    public static Finding Applies(string text) => new(Applicability.Applies, text);

    public static Finding NotApplicable(string text) => new(Applicability.NotApplicable, text);

    public static Finding Undetermined(string text, FactNeeded kind, string subject) =>
        new(Applicability.Undetermined, text, Missing: [new MissingFact(kind, subject, text)]);

    public static Finding UndeterminedBy(string text, FactNeeded kind, string subject) =>
        new(Applicability.Undetermined, text, SeeDescription: true, Missing: [new MissingFact(kind, subject, text)]);

    /// <summary>All must hold: one ruling out decides, else one open question leaves it open.</summary>
    public static Finding AllOf(IReadOnlyCollection<Finding> findings) =>
        Decided(findings, findings.Any(f => f.Outcome == Applicability.NotApplicable) ? Applicability.NotApplicable
            : findings.Any(f => f.Outcome == Applicability.Undetermined) ? Applicability.Undetermined
            : Applicability.Applies);

    /// <summary>One is enough: one holding decides, else one open question leaves it open.</summary>
    public static Finding AnyOf(IReadOnlyCollection<Finding> findings) =>
        Decided(findings, findings.Any(f => f.Outcome == Applicability.Applies) ? Applicability.Applies
            : findings.Any(f => f.Outcome == Applicability.Undetermined) ? Applicability.Undetermined
            : Applicability.NotApplicable);

    /// <summary>The same outcome and facts with other words: for a clause that summarises the findings it joins.</summary>
    public Finding Saying(string text) => this with { Text = text };

    private static Finding Decided(IReadOnlyCollection<Finding> findings, Applicability outcome)
    {
        var deciding = findings.Where(f => f.Outcome == outcome).ToList();
        return new Finding(outcome, string.Join("; ", deciding.Select(f => f.Text).Where(t => t.Length > 0)), deciding.Any(f => f.SeeDescription),
            outcome == Applicability.Undetermined ? [.. deciding.SelectMany(f => f.Needs).Distinct()] : null);
    }
}

/// <summary>
/// Maps each catalogue trigger word to the incident facts. The mapping is the product's legal-engineering
/// choice and leans towards "undetermined" whenever the facts cannot settle a word:
/// <list type="bullet">
/// <item>Risk words: <c>risk-to-individuals</c> holds unless the assessment says no risk (GDPR presumes risk);
/// <c>high-risk-to-individuals</c> and <c>significant-harm-to-individuals</c> need an explicit yes, a no rules
/// the duty out (as does "no risk at all"), and no answer leaves it undetermined.</item>
/// <item><c>unencrypted-personal-information</c>: ruled out by encryption with a safe key; undetermined while
/// encryption is unknown, or when only data outside the usual statutory definitions (email, name, address...)
/// is involved; holds for card, bank, credential, government-ID or health data that was unencrypted or whose
/// key leaked.</item>
/// <item>Data words (<c>card-data</c>, <c>health-information</c>, <c>government-identifier-involved</c>) read the
/// data categories; no categories recorded leaves them undetermined. <c>sensitive-data-involved</c> holds
/// only for health data, sensitive in every catalogued regime; otherwise it stays undetermined, because
/// "sensitive" differs by law (Brazil counts financial and authentication data, Korea unique IDs).</item>
/// <item>Sector words read the sector flags; an absent flag rules the duty out, unless the incident carries an older flag
/// that the catalogue version split into it (then it is undetermined until someone says which new flag applies).</item>
/// <item>Incident words: <c>suspected-breach</c> and <c>cybersecurity-incident</c> hold once any incident event
/// is recorded; <c>major-ict-incident</c> and <c>material-incident</c> hold once the classification or
/// materiality instant is recorded; <c>ransom-paid</c> once an extortion payment is; no payment rules it out.</item>
/// <item>Words the facts cannot answer (<c>significant-incident</c>, <c>malicious-cause-suspected</c>,
/// <c>reasonable-security-failure</c>, <c>privacy-law-violation</c>, <c>see-description</c>, and any word this
/// engine does not know) stay undetermined and point at the rule's description.</item>
/// </list>
/// <c>individual-notice-required</c> depends on other rules' outcomes and is decided by <see cref="ApplicabilityAssessor"/>.
/// </summary>
internal static class TriggerFacts
{
    /// <summary>
    /// Words about who the organisation is or what was breached. In a rule with alternative triggers they must
    /// hold whichever alternative fires; every other word is one of the alternatives.
    /// </summary>
    public static IReadOnlySet<string> Prerequisites { get; } = new[]
    {
        PersonalDataBreach, DataHeldForAnother, FinancialEntity, CoveredEntity, EssentialEntity, ListedCompany, CardData,
        NydfsLicensee, HipaaCoveredEntity, HipaaBusinessAssociate, DoraFinancialEntity, FtcFinancialInstitution, SecRegistrant,
    }.ToFrozenSet(StringComparer.Ordinal);

    // Data that US breach statutes list as personal information (with a name); email, address or order history
    // alone generally is not, so those leave the statutory test open instead of failing it.
    private static readonly FrozenSet<string> StatutoryPersonalInformation = new[]
    {
        DataCategory.PaymentCard, DataCategory.BankAccount, DataCategory.AccountCredentials, DataCategory.GovernmentId, DataCategory.Health,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PersonalData = DataCategory.Known.Where(c => c != DataCategory.Other).ToFrozenSet(StringComparer.Ordinal);

    private const string NoCategories = "record the data categories involved";

    public static Finding Check(string condition, IncidentFacts facts, ObligationCatalogue catalogue) => condition switch
    {
        PersonalDataBreach => PersonalDataInvolved(facts),
        RiskToIndividuals => facts.Risk.RiskToIndividuals == false
            ? Finding.NotApplicable($"the risk assessment found the breach unlikely to result in a risk to individuals{Reasoning(facts)}")
            : Finding.Applies(facts.Risk.RiskToIndividuals == true
                ? "the risk assessment found a risk to individuals"
                : "a risk to individuals is presumed until an assessment finds none"),
        HighRiskToIndividuals => RiskAnswer(facts, facts.Risk.HighRisk, "high risk to individuals", "needs a high-risk assessment (high risk yes/no)", "high-risk"),
        SignificantHarmToIndividuals => RiskAnswer(facts, facts.Risk.SignificantHarm, "a real risk of significant harm",
            "needs a significant-harm assessment (real risk of significant harm yes/no)", "significant-harm"),
        UnencryptedPersonalInformation => Unencrypted(facts),
        CardData => facts.DataCategories.Contains(DataCategory.PaymentCard) || facts.SectorFlags.Contains(SectorFlag.CardData)
            ? Finding.Applies("payment-card data involved")
            : Category(facts, DataCategory.PaymentCard, "payment-card data"),
        HealthInformation => Category(facts, DataCategory.Health, "health information"),
        GovernmentIdentifierInvolved => Category(facts, DataCategory.GovernmentId, "government identifiers"),
        SensitiveDataInvolved => Sensitive(facts),
        FinancialEntity => Flag(facts, catalogue, FinancialEntity, "a financial entity"),
        CoveredEntity => Flag(facts, catalogue, CoveredEntity, "a covered entity (NYDFS licensee or HIPAA covered entity)"),
        EssentialEntity => Flag(facts, catalogue, EssentialEntity, "an essential or important entity under NIS2"),
        ListedCompany => Flag(facts, catalogue, ListedCompany, "a listed company"),
        DataHeldForAnother => Flag(facts, catalogue, DataHeldForAnother, "holding the data for another organisation"),
        NydfsLicensee => Flag(facts, catalogue, NydfsLicensee, "a NYDFS licensee"),
        HipaaCoveredEntity => Flag(facts, catalogue, HipaaCoveredEntity, "a HIPAA covered entity"),
        HipaaBusinessAssociate => Flag(facts, catalogue, HipaaBusinessAssociate, "a HIPAA business associate"),
        DoraFinancialEntity => Flag(facts, catalogue, DoraFinancialEntity, "a financial entity under DORA"),
        FtcFinancialInstitution => Flag(facts, catalogue, FtcFinancialInstitution, "a non-bank financial institution under the FTC Safeguards Rule"),
        SecRegistrant => Flag(facts, catalogue, SecRegistrant, "an SEC registrant"),
        SuspectedBreach => IncidentRecorded(facts)
            ? Finding.Applies("a breach is suspected or confirmed")
            : Finding.Undetermined($"record {Text.Event(ClockStart.Suspicion)}", FactNeeded.ClockInstant, CatalogueWords.Of(ClockStart.Suspicion)),
        CybersecurityIncident => IncidentRecorded(facts)
            ? Finding.Applies("a security incident is recorded")
            : Finding.Undetermined("record when the incident was detected", FactNeeded.ClockInstant, CatalogueWords.Of(ClockStart.Discovery)),
        MajorIctIncident => Recorded(facts, ClockStart.ClassificationAsMajor, "classified as a major ICT-related incident",
            "needs a DORA major-incident classification (record the classification-as-major time)"),
        MaterialIncident => Recorded(facts, ClockStart.MaterialityDetermination, "determined to be material",
            "needs a materiality determination (record when the incident was determined material)"),
        RansomPaid => facts.Clocks.TryGetValue(ClockStart.ExtortionPayment, out var paid)
            ? Finding.Applies($"an extortion payment was made at {Text.Instant(paid)}")
            : Finding.NotApplicable("no extortion payment recorded"),
        SignificantIncident => Finding.UndeterminedBy("needs a NIS2 significance assessment", FactNeeded.Finding, condition),
        MaliciousCauseSuspected => Finding.UndeterminedBy("needs to know whether a malicious cause (hacking, ransomware, insider theft) is suspected",
            FactNeeded.Finding, condition),
        ReasonableSecurityFailure => Finding.UndeterminedBy("needs a finding on whether reasonable security was lacking", FactNeeded.Finding, condition),
        PrivacyLawViolation => Finding.UndeterminedBy("needs a finding on whether a privacy law was violated", FactNeeded.Finding, condition),
        SeeDescription => Finding.UndeterminedBy("its trigger is set out only in words", FactNeeded.Finding, condition),
        _ => Finding.UndeterminedBy($"the engine cannot read the trigger condition '{condition}'", FactNeeded.CatalogueGap, condition),
    };

    private static Finding PersonalDataInvolved(IncidentFacts facts)
    {
        if (facts.DataCategories.Count == 0)
            return NoCategoriesYet(NoCategories);
        var personal = facts.DataCategories.Where(PersonalData.Contains).ToList();
        return personal.Count > 0
            ? Finding.Applies($"personal data involved ({Text.List(personal)})")
            : Finding.Undetermined("say whether the data recorded as 'other' includes personal data", FactNeeded.DataCategories, DataCategory.Other);
    }

    private static Finding RiskAnswer(IncidentFacts facts, bool? answer, string what, string missing, string answerName) =>
        answer switch
        {
            true => Finding.Applies($"the risk assessment found {what}{Reasoning(facts)}"),
            false => Finding.NotApplicable($"the risk assessment found no {what}{Reasoning(facts)}"),
            // No risk at all cannot be a high risk or a risk of significant harm.
            null when facts.Risk.RiskToIndividuals == false =>
                Finding.NotApplicable($"the risk assessment found no risk to individuals, so no {what}{Reasoning(facts)}"),
            null => Finding.Undetermined(missing, FactNeeded.RiskAssessment, answerName),
        };

    private static Finding Unencrypted(IncidentFacts facts)
    {
        switch (facts.Encryption)
        {
            case EncryptionStatus.EncryptedKeySafe:
                return Finding.NotApplicable("the data was encrypted and the key is not known to be compromised (encryption safe harbour)");
            case EncryptionStatus.Unknown when facts.DataCategories.Count == 0:
                return new Finding(Applicability.Undetermined, $"{NoCategories}, and whether the data was encrypted with a safe key", Missing:
                [
                    new MissingFact(FactNeeded.DataCategories, "categories", NoCategories),
                    new MissingFact(FactNeeded.Encryption, "encryption", "record whether the data was encrypted with a safe key"),
                ]);
            case EncryptionStatus.Unknown:
                return Finding.Undetermined("record whether the data was encrypted and whether the key was compromised", FactNeeded.Encryption, "encryption");
        }
        if (facts.DataCategories.Count == 0)
            return NoCategoriesYet(NoCategories);
        var statutory = facts.DataCategories.Where(StatutoryPersonalInformation.Contains).ToList();
        if (statutory.Count == 0)
            return Finding.UndeterminedBy(
                $"the data involved ({Categories(facts)}) is not personal information under most breach statutes on its own; check the statute's definition",
                FactNeeded.Finding, UnencryptedPersonalInformation);
        return Finding.Applies(facts.Encryption == EncryptionStatus.EncryptedKeyCompromised
            ? $"encrypted personal information with a compromised key ({Text.List(statutory)})"
            : $"unencrypted personal information ({Text.List(statutory)})");
    }

    private static Finding Sensitive(IncidentFacts facts)
    {
        if (facts.DataCategories.Contains(DataCategory.Health))
            return Finding.Applies("health data involved, which every catalogued law treats as sensitive");
        return facts.DataCategories.Count == 0
            ? NoCategoriesYet($"{NoCategories}, then check whether they count as sensitive here") with { SeeDescription = true }
            : Finding.UndeterminedBy($"check whether the data involved ({Categories(facts)}) counts as sensitive here", FactNeeded.Finding, SensitiveDataInvolved);
    }

    private static Finding Category(IncidentFacts facts, string category, string what)
    {
        if (facts.DataCategories.Contains(category))
            return Finding.Applies($"{what} involved");
        return facts.DataCategories.Count == 0
            ? Finding.Undetermined($"{NoCategories} (is {what} among them?)", FactNeeded.DataCategories, category)
            : Finding.NotApplicable($"no {what} involved (categories: {Categories(facts)})");
    }

    private static Finding NoCategoriesYet(string text) => Finding.Undetermined(text, FactNeeded.DataCategories, "categories");

    /// <summary>
    /// An absent flag rules the duty out, except when the incident still carries the older flag this catalogue version
    /// split into this one: then nobody has said which of the new statuses the old flag meant.
    /// </summary>
    private static Finding Flag(IncidentFacts facts, ObligationCatalogue catalogue, string flag, string what)
    {
        if (facts.SectorFlags.Contains(flag))
            return Finding.Applies($"flagged as {what}");
        var split = catalogue.FlagSplits.FirstOrDefault(s => s.Into.Contains(flag) && facts.SectorFlags.Contains(s.Retired));
        return split is null
            ? Finding.NotApplicable($"not flagged as {what}: sector flag '{flag}' is not set")
            : Finding.Undetermined(
                $"the incident records sector flag '{split.Retired}', which catalogue {catalogue.Version} splits into {string.Join(" and ", split.Into.Select(f => $"'{f}'"))}: record whether the organisation is {what} ('{flag}')",
                FactNeeded.SectorFlag, flag);
    }

    private static Finding Recorded(IncidentFacts facts, ClockStart clock, string what, string missing) =>
        facts.Clocks.TryGetValue(clock, out var at)
            ? Finding.Applies($"{what} at {Text.Instant(at)}")
            : Finding.Undetermined(missing, FactNeeded.ClockInstant, CatalogueWords.Of(clock));

    private static bool IncidentRecorded(IncidentFacts facts) =>
        facts.Clocks.Keys.Any(clock => clock != ClockStart.None && IncidentClocks.DerivedFrom(clock) is null);

    private static string Categories(IncidentFacts facts) => Text.List(facts.DataCategories);

    private static string Reasoning(IncidentFacts facts) =>
        string.IsNullOrWhiteSpace(facts.Risk.Reasoning) ? "" : $" (\"{facts.Risk.Reasoning.Trim()}\")";
}
