namespace CaseManagement.Rules.Catalogue;

/// <summary>One published, immutable catalogue version. Cases record the version they were assessed against.</summary>
public sealed record ObligationCatalogue(string Version, DateOnly PublishedOn, string Basis, IReadOnlyList<ObligationRule> Rules)
{
    /// <summary>Sector flags of older versions that this version no longer uses because their meaning was split.</summary>
    public IReadOnlyList<FlagSplit> FlagSplits { get; init; } = [];

    /// <summary>The split that retired <paramref name="flag"/> in this version, or null when the flag was not retired here.</summary>
    public FlagSplit? SplitOf(string flag) => FlagSplits.FirstOrDefault(s => s.Retired == flag);

    // A linear search keeps the record free of derived state that a `with` copy could leave stale; ids are unique (checked on load).
    public ObligationRule Rule(string id) =>
        Rules.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"catalogue version {Version} has no rule '{id}'");

    /// <param name="jurisdiction">A code such as "US-CA" or "EU-DORA", compared case-insensitively.</param>
    public IEnumerable<ObligationRule> ForJurisdiction(string jurisdiction) =>
        Rules.Where(r => string.Equals(r.Jurisdiction, jurisdiction, StringComparison.OrdinalIgnoreCase));

    /// <param name="region">EU, UK, CH, US-state, US-sector, Payments, Americas or APAC.</param>
    public IEnumerable<ObligationRule> InRegion(string region) =>
        Rules.Where(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ObligationRule> ForRecipient(Recipient recipient) => Rules.Where(r => r.Recipients.Contains(recipient));

    public IEnumerable<ObligationRule> OfKind(RuleKind kind) => Rules.Where(r => r.Kind == kind);

    public IEnumerable<ObligationRule> WithStatus(VerificationStatus status) => Rules.Where(r => r.Verification.Status == status);
}
