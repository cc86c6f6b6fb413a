namespace CaseManagement.Notifications.Templates;

/// <summary>The legal basis of a requirement, quoted in every problem it raises so a reviewer can look it up.</summary>
/// <param name="RuleId">The obligation catalogue's rule id; null when the catalogue has no rule for the jurisdiction.</param>
/// <param name="Verified">False when the requirement rests on our own reading rather than a checked source.</param>
/// <param name="Note">What is uncertain or where the requirement comes from when it is not the rule's own summary.</param>
public sealed record RuleReference(string? RuleId, string Citation, bool Verified, string? Note = null)
{
    public override string ToString() =>
        RuleId is null ? $"{Citation}, unverified" : $"{RuleId}, {Citation}{(Verified ? "" : ", unverified")}";
}

/// <summary>
/// One thing a notice must contain. A template shows it with any one of: a heading line in the body
/// (case-insensitive, optionally '#'-prefixed or ending in ':', '?' or '.'), a reference to one of the model
/// <paramref name="Fields"/>, or, when <paramref name="SubjectMayCarry"/>, one of the headings as a phrase in the subject.
/// </summary>
/// <param name="What">Quoted in the problem: "heading 'What Happened'", "the likely consequences of the breach".</param>
public sealed record ContentRequirement(
    string What,
    RuleReference Rule,
    IReadOnlyList<string> Headings,
    IReadOnlyList<string> Fields,
    bool SubjectMayCarry = false);

/// <summary>What one jurisdiction's notice to individuals must contain, as far as it is encoded.</summary>
/// <param name="Notice">Which notice this is, for people: "California notice to residents (Cal. Civ. Code 1798.82)".</param>
/// <param name="ExampleName">The example template that meets these requirements ("us-ca", "eu", "generic-us").</param>
/// <param name="InOrder">Heading requirements (also in <paramref name="Requirements"/>) that must appear in this order.</param>
/// <param name="NotEncoded">What the law asks that these requirements do not check; a human reviewer still has to.</param>
public sealed record ContentRequirementSet(
    string Jurisdiction,
    string Notice,
    string ExampleName,
    IReadOnlyList<ContentRequirement> Requirements,
    IReadOnlyList<ContentRequirement> InOrder,
    string NotEncoded)
{
    /// <summary>
    /// The law these requirements come from, the same for every jurisdiction that shares them ("GDPR Art. 34" for every
    /// EEA code). A template approved for one jurisdiction meets the requirements of another only when both have the same basis.
    /// </summary>
    public string Basis { get; init; } = Jurisdiction;

    /// <summary>The language the notice must be written in, when the jurisdiction's law says so; null when no language is encoded.</summary>
    public LanguageRequirement? Language { get; init; }
}

/// <param name="Languages">Accepted language tags, compared by their primary subtag ("fr" accepts "fr-CA").</param>
public sealed record LanguageRequirement(IReadOnlyList<string> Languages, string What, RuleReference Rule)
{
    public bool AcceptedFor(string language)
    {
        var primary = language.Trim().Split('-', '_')[0];
        return Languages.Any(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>What is encoded about one jurisdiction's notice content: a requirement set, or a plain statement that there is none.</summary>
public abstract record RequirementLookup(string Jurisdiction)
{
    public sealed record Encoded(string Jurisdiction, ContentRequirementSet Requirements) : RequirementLookup(Jurisdiction);

    /// <param name="Reason">Why nothing is encoded and what a lead can do instead, in words for a screen.</param>
    public sealed record NotEncoded(string Jurisdiction, string Reason) : RequirementLookup(Jurisdiction);
}
