namespace CaseManagement.Rules.Catalogue;

// The JSON shape of a catalogue version, read as plain strings so that every bad word can be reported at once
// instead of failing on the first one.

/// <summary>catalogue.json: the version's identity and its rule files, in hashing order.</summary>
internal sealed record CatalogueDocument(string? Version, string? PublishedOn, string? Basis, List<string>? Files, List<FlagSplitDocument>? FlagSplits = null);

/// <summary>A sector flag an older version used that this version splits into flags of one legal status each.</summary>
internal sealed record FlagSplitDocument(string? Retired, List<string>? Into, string? Note);

/// <summary>One region file.</summary>
internal sealed record RuleFileDocument(List<RuleDocument>? Rules);

internal sealed record RuleDocument(
    string? Id,
    string? Jurisdiction,
    string? Region,
    string? Kind,
    List<string>? Recipients,
    string? Obligation,
    TriggerDocument? Trigger,
    ThresholdDocument? Threshold,
    string? ClockStart,
    DeadlineDocument? Deadline,
    BackstopDocument? Backstop,
    bool? LawEnforcementDelay,
    string? DelayNote,
    string? EffectiveFrom,
    string? Citation,
    List<string>? Sources,
    VerificationDocument? Verification,
    string? RecipientsNeeded = null,
    OrderingDocument? Ordering = null);

internal sealed record TriggerDocument(List<string>? Conditions, string? Description);

internal sealed record ThresholdDocument(string? Mode, int? MinAffected, int? MaxAffected);

internal sealed record DeadlineDocument(string? Unit, int? Value, string? Wording);

internal sealed record BackstopDocument(string? Unit, int? Value, string? ClockStart, string? Wording);

internal sealed record VerificationDocument(string? Status, string? Note);

internal sealed record OrderingDocument(string? Relation, string? Wording, string? Note);
