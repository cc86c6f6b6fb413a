using CaseManagement.Rules.Catalogue;

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// What a notice to individuals must contain, per jurisdiction, as data: each requirement cites the obligation
/// catalogue's rule and the provision, and says when it rests on an unverified reading. Sources: the research
/// reference (breach-obligations.jsonl, "content" per record) and the catalogue rules built from it.
/// </summary>
public static class ContentRequirements
{
    /// <summary>
    /// "EU", the EU member states (Greece as GR or EL) and the EEA states Iceland, Liechtenstein and Norway, where the
    /// GDPR applies through the EEA Agreement (general knowledge; the reference does not cover the EEA).
    /// </summary>
    public static IReadOnlyList<string> GdprJurisdictions { get; } =
    [
        "EU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ];

    private static readonly string[] ContactFields = ["organisation.contact_email", "organisation.contact_phone", "organisation.postal_address"];

    private const string CaliforniaRule = "us-ca-1798.82-individuals";

    private static readonly RuleReference CaliforniaFormat = new(CaliforniaRule, "Cal. Civ. Code 1798.82(d)(1)", Verified: true);

    private static readonly RuleReference CaliforniaContent = new(CaliforniaRule, "Cal. Civ. Code 1798.82(d)(2)", Verified: true,
        "The date of the breach is in the reference record's content; the contact information is listed by the Snell & Wilmer "
        + "state chart. The record cites 1798.82(d); paragraph (d)(2) follows the secondary sources.");

    private const string GenericUsNote =
        "A minimum common to US state statutes (compare Fla. Stat. 501.171(4), RCW 19.255.010, N.M. Stat. 57-12C-6 and "
        + "Va. Code 18.2-186.6(B) in the reference), not this state's own list.";

    private const string NotSummarised = "the reference does not summarise what this state's notice must contain";

    /// <summary>The states the catalogue has a notice-to-individuals rule for, and what their notices need beyond the generic minimum.</summary>
    private static readonly IReadOnlyDictionary<string, StateNotice> StateNotices = new Dictionary<string, StateNotice>(StringComparer.Ordinal)
    {
        ["US-AL"] = new("us-al-individuals", NotSummarised),
        ["US-AZ"] = new("us-az-individuals", NotSummarised),
        ["US-CO"] = new("us-co-individuals", "the date or estimated date of the breach; contact details of the credit reporting agencies "
            + "and the FTC; a statement on fraud alerts and security freezes; for online-account breaches, an instruction to change credentials"),
        ["US-CT"] = new("us-ct-individuals", NotSummarised + "; identity-theft prevention services are owed separately (us-ct-id-theft-services)"),
        ["US-DE"] = new("us-de-individuals", "if Social Security numbers were exposed, an offer of one year of free credit monitoring with enrolment information"),
        ["US-FL"] = new("us-fl-individuals", "the date or estimated date of the breach"),
        ["US-IL"] = new("us-il-individuals", "contact details of the credit reporting agencies and the FTC; a statement on fraud alerts and "
            + "security freezes; the notice must NOT state the number of Illinois residents affected"),
        ["US-IN"] = new("us-in-individuals", NotSummarised),
        ["US-MA"] = new("us-ma-93h-individuals", "the right to obtain a police report; how to request a free security freeze; credit-monitoring "
            + "enrolment where Social Security numbers were involved. Massachusetts is commonly said to forbid stating the nature of the "
            + "breach or the number affected (UNVERIFIED), which conflicts with the generic description of the incident: have counsel review"),
        ["US-MD"] = new("us-md-individuals", NotSummarised),
        ["US-ME"] = new("us-me-individuals", NotSummarised),
        ["US-NJ"] = new("us-nj-individuals", NotSummarised),
        ["US-NM"] = new("us-nm-individuals", "the date(s) of the breach; contact details of the credit reporting agencies; advice to review "
            + "account statements and credit reports; the reader's rights under the Fair Credit Reporting Act"),
        ["US-NY"] = new("us-ny-899aa-individuals", NotSummarised),
        ["US-OK"] = new("us-ok-individuals", NotSummarised),
        ["US-OR"] = new("us-or-individuals", NotSummarised),
        ["US-PA"] = new("us-pa-individuals", NotSummarised),
        ["US-RI"] = new("us-ri-individuals", "how the breach occurred and the number affected; the date or date range and the date of "
            + "discovery; remediation services with credit-agency and Attorney General contacts; police report and security-freeze information"),
        ["US-SD"] = new("us-sd-individuals", NotSummarised),
        ["US-TN"] = new("us-tn-individuals", NotSummarised),
        ["US-TX"] = new("us-tx-individuals", NotSummarised),
        ["US-UT"] = new("us-ut-individuals", NotSummarised),
        ["US-VA"] = new("us-va-individuals-ag", "the acts taken to protect the information from further access; a telephone number; "
            + "advice to remain vigilant and review account statements and credit reports"),
        ["US-VT"] = new("us-vt-individuals", NotSummarised),
        ["US-WA"] = new("us-wa-individuals", "the time frame of exposure; toll-free numbers and addresses of the credit reporting agencies"),
    };

    /// <summary>The jurisdiction of a catch-all template, for everyone a campaign gives no template of their own.</summary>
    public const string CatchAll = "*";

    /// <summary>
    /// The requirements for a template's jurisdiction code ("US-CA", "DE", "EU", "GB", "US-TX", "CA-QC", or "*" for the
    /// <see cref="Generic"/> set), or null when none are encoded (see <see cref="Lookup"/> for the reason).
    /// </summary>
    public static ContentRequirementSet? For(string jurisdiction) => Lookup(jurisdiction) is RequirementLookup.Encoded encoded ? encoded.Requirements : null;

    /// <summary>What is encoded for <paramref name="jurisdiction"/>: its requirement set, or a statement that none is, as a value.</summary>
    public static RequirementLookup Lookup(string jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        var code = jurisdiction.Trim().ToUpperInvariant();
        ContentRequirementSet? set = code switch
        {
            CatchAll => Generic,
            "US-CA" => California(),
            "CA-QC" => Quebec(),
            "GB" => Gdpr(code, "gb-ukgdpr-art34-data-subjects", "UK GDPR"),
            _ when GdprJurisdictions.Contains(code) => Gdpr(code, "eu-gdpr-art34-data-subjects", "GDPR"),
            _ when UsStates.IsState(code) => GenericUs(code),
            _ => null,
        };
        return set is null
            ? new RequirementLookup.NotEncoded(code,
                $"no content requirements are encoded for '{code}': a notice can be approved for it only once they are, and a catch-all (\"*\") "
                + $"notice counts for its residents only with a recorded justification that the generic content suffices for {code}")
            : new RequirementLookup.Encoded(code, set);
    }

    /// <summary>
    /// The declared generic requirements a catch-all ("*") template is approved against: what every catalogued notice law
    /// asks for in some form. Meeting them satisfies no jurisdiction by itself (<see cref="NoticeSufficiency"/>): a lead
    /// must record, per jurisdiction, why the generic content suffices there.
    /// </summary>
    public static ContentRequirementSet Generic { get; } = CreateGeneric();

    /// <summary>The notice-to-individuals rule ids these requirements cite, for checking them against the catalogue.</summary>
    internal static IEnumerable<string> StateRuleIds => StateNotices.Values.Select(s => s.RuleId);

    private static ContentRequirementSet CreateGeneric()
    {
        var rule = new RuleReference(null, "generic minimum common to the encoded notice laws (GDPR Art. 34(2), Cal. Civ. Code 1798.82(d), "
            + "the generic US minimum, CQLR c. A-2.1, r. 3.1, s. 5)", Verified: false,
            "Our own common core, not any jurisdiction's list: it makes a catch-all notice checkable, never sufficient on its own.");
        return new ContentRequirementSet(CatchAll, "Catch-all notice to individuals (generic minimum)", "generic-us",
        [
            new("a description of what happened", rule, ["What Happened"], ["incident.what_happened"]),
            new("the types of personal information involved", rule, ["What Information Was Involved"], ["incident.data_categories", "recipient.data_categories"]),
            new("what the organisation is doing about it", rule, ["What We Are Doing"], ["incident.what_we_are_doing"]),
            new("what the person can do to protect themselves", rule, ["What You Can Do"], ["incident.what_you_can_do"]),
            new("the contact information of the business", rule, [], ContactFields),
        ],
        [],
        "Every jurisdiction's own list: its order, title, language, regulator or credit-bureau contacts, offers and forbidden sentences. "
        + "A catch-all notice counts for a jurisdiction's residents only when a lead recorded why the generic content suffices there.")
        {
            Basis = "generic minimum",
        };
    }

    private static ContentRequirementSet Quebec()
    {
        const string rule = "ca-qc-law25-cai-individuals";
        RuleReference Regulation(string paragraph) => new(rule, $"Regulation respecting confidentiality incidents, CQLR c. A-2.1, r. 3.1, s. 5{paragraph}", Verified: true,
            "Read from the consolidated text on LégisQuébec; the notice is owed under s. 3.5 of the private-sector Act (P-39.1). The reference record only summarises it.");
        return new ContentRequirementSet("CA-QC", "Quebec notice to persons concerned by a confidentiality incident (Law 25)", "ca-qc",
        [
            new("a description of the personal information concerned", Regulation("(1)"),
                ["Renseignements personnels visés", "Renseignements visés"], ["recipient.data_categories", "incident.data_categories"]),
            new("a brief description of the circumstances of the incident", Regulation("(2)"),
                ["Circonstances de l'incident", "Ce qui s'est passé"], ["incident.what_happened"]),
            new("the date or period of the incident", Regulation("(3)"), ["Date de l'incident", "Période de l'incident"], ["incident.breach_started_at"]),
            new("the measures taken or intended to reduce the risk of injury", Regulation("(4)"),
                ["Mesures que nous avons prises", "Ce que nous faisons"], ["incident.what_we_are_doing"]),
            new("the measures the person can take to reduce the risk of injury", Regulation("(5)"),
                ["Mesures que vous pouvez prendre", "Ce que vous pouvez faire"], ["incident.what_you_can_do"]),
            new("contact information for more details about the incident", Regulation("(6)"), [], ContactFields),
        ],
        [],
        "The incident's texts and data categories come from the campaign's content and are inserted as written: write them in French for "
        + "Quebec residents, as the check reads only the template's own words. The notice may be withheld while it could hamper a criminal "
        + "investigation (reference; unverified), and public notice where direct notice is not possible is not checked.")
        {
            Basis = "CA-QC",
            Language = new LanguageRequirement(["fr"], "the notice must be in French",
                new RuleReference(rule, "Charter of the French Language, CQLR c. C-11, s. 5 (consumers' right to be informed and served in French)",
                    Verified: false,
                    "Section 5 is confirmed by the Office québécois de la langue française; that it reaches a breach notice to a Quebec consumer is our "
                    + "reading, not confirmed by a source or by counsel. The 2022 reform (S.Q. 2022, c. 14) made respecting this right a duty of "
                    + "businesses (section number not checked). Another language may be added beside the French text; the check accepts French templates only.")),
        };
    }

    private static ContentRequirementSet California()
    {
        var headings = new[] { "What Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do", "For More Information" }
            .Select(h => new ContentRequirement($"heading '{h}'", CaliforniaFormat, [h], []))
            .ToList();
        return new ContentRequirementSet("US-CA", "California notice to residents (Cal. Civ. Code 1798.82)", "us-ca",
        [
            new("title 'Notice of Data Breach'", CaliforniaFormat, ["Notice of Data Breach"], [], SubjectMayCarry: true),
            .. headings,
            new("the date or estimated date of the breach", CaliforniaContent,
                ["Date of Breach", "Date of the Breach", "Estimated Date of Breach"], ["incident.breach_started_at"]),
            new("the contact information of the business", CaliforniaContent, [], ContactFields),
        ],
        headings,
        "Plain language and at least 10-point type; the name of the business; the date of the notice; whether notice was delayed by a "
        + "law-enforcement investigation; credit-bureau numbers and addresses when Social Security or driver's licence numbers were exposed; "
        + "12 months of free identity-theft prevention services when the business was the source and such numbers were exposed "
        + "(secondary sources only, per the reference).");
    }

    private static ContentRequirementSet Gdpr(string jurisdiction, string ruleId, string regulation)
    {
        RuleReference Article(string provisions) => new(ruleId, $"{regulation} Art. {provisions}", Verified: true);
        return new ContentRequirementSet(jurisdiction, $"{regulation} Art. 34 communication to data subjects", "eu",
        [
            new("a description of the nature of the breach", Article("34(2)"),
                ["What happened", "What has happened", "Nature of the breach"], ["incident.what_happened"]),
            new("the name and contact details of the data protection officer or other contact point", Article("34(2), 33(3)(b)"),
                [], ["organisation.dpo_contact", "organisation.contact_email"]),
            new("the likely consequences of the breach", Article("34(2), 33(3)(c)"),
                ["Likely consequences", "Possible consequences"], ["incident.likely_consequences"]),
            new("the measures taken or proposed to address the breach", Article("34(2), 33(3)(d)"),
                ["What we are doing", "Measures taken"], ["incident.what_we_are_doing"]),
        ],
        [],
        "Clear and plain language (Art. 34(2)) needs a human reader. Whether the communication is owed at all (high risk, the Art. 34(3) "
        + "exceptions) is decided elsewhere. National supervisory-authority specifics are not in the reference.")
        {
            Basis = $"{regulation} Art. 34",
        };
    }

    private static ContentRequirementSet GenericUs(string jurisdiction)
    {
        var catalogue = CatalogueStore.Embedded.Latest;
        var rule = StateNotices.TryGetValue(jurisdiction, out var notice)
            ? new RuleReference(notice.RuleId, catalogue.Rule(notice.RuleId).Citation, Verified: false, GenericUsNote)
            : new RuleReference(null, $"no rule for {jurisdiction} in obligation catalogue {catalogue.Version}; generic US minimum", Verified: false, GenericUsNote);
        var state = UsStates.Name(jurisdiction);
        return new ContentRequirementSet(jurisdiction, $"Notice to residents of {state} (generic US minimum)", "generic-us",
        [
            new("a description of the incident", rule, ["What Happened"], ["incident.what_happened"]),
            new("the types of personal information involved", rule,
                ["What Information Was Involved"], ["incident.data_categories", "recipient.data_categories"]),
            new("the contact information of the business", rule, [], ContactFields),
        ],
        [],
        $"Checked only for the generic US minimum, not for {state}'s own requirements. "
        + $"{state}: {notice?.NotEncoded ?? $"not in the obligation catalogue or the reference; nothing about {state} was researched"}.");
    }

    private sealed record StateNotice(string RuleId, string NotEncoded);
}
