using System.Globalization;
using CaseManagement.Rules.Deadlines;

namespace CaseManagement.Rules.Catalogue;

/// <summary>
/// Turns a rule as written in JSON into an <see cref="ObligationRule"/>, collecting every problem (prefixed with
/// the rule id) rather than stopping at the first, so one failed load shows the whole repair list.
/// </summary>
internal sealed class RuleReader(string location, List<string> problems)
{
    public ObligationRule? Read(RuleDocument doc, int index)
    {
        var label = string.IsNullOrWhiteSpace(doc.Id) ? $"rule #{index + 1} in {location}" : $"rule '{doc.Id}'";
        var start = problems.Count;
        void Problem(string text) => problems.Add($"{label}: {text}");

        if (string.IsNullOrWhiteSpace(doc.Id)) Problem("id is missing");
        Require(doc.Jurisdiction, "jurisdiction", Problem);
        Require(doc.Region, "region", Problem);
        Require(doc.Obligation, "obligation", Problem);
        Require(doc.Citation, "citation", Problem);

        var kind = Word<RuleKind>(doc.Kind, "kind", Problem);
        var recipients = (doc.Recipients ?? []).Select(r => Word<Recipient>(r, "recipient", Problem)).ToList();
        if (kind == RuleKind.Notification && recipients.Count == 0) Problem("a notification needs at least one recipient");
        var needed = doc.RecipientsNeeded is null ? RecipientsNeeded.All : Word<RecipientsNeeded>(doc.RecipientsNeeded, "recipients needed", Problem);
        if (needed == RecipientsNeeded.AnyOne && recipients.Count < 2) Problem("'any-one' recipient needs at least two recipients to choose from");
        var ordering = ReadOrdering(doc.Ordering, recipients, Problem);

        var conditions = doc.Trigger?.Conditions ?? [];
        if (conditions.Count == 0) Problem("trigger needs at least one condition (use 'see-description' if none fits)");
        foreach (var unknown in conditions.Where(c => !TriggerConditions.Known.Contains(c)))
            Problem($"unknown trigger condition '{unknown}'");
        Require(doc.Trigger?.Description, "trigger description", Problem);

        var threshold = ReadThreshold(doc.Threshold, Problem);
        var clockStart = Word<ClockStart>(doc.ClockStart, "clock start", Problem);
        var deadline = Spec(doc.Deadline?.Unit, doc.Deadline?.Value, "deadline", Problem);
        Require(doc.Deadline?.Wording, "deadline wording", Problem);
        var backstop = doc.Backstop is { } b
            ? new Backstop(
                Spec(b.Unit, b.Value, "backstop", Problem),
                Word<ClockStart>(b.ClockStart, "backstop clock start", Problem),
                Required(b.Wording, "backstop wording", Problem))
            : null;

        if (doc.LawEnforcementDelay is null) Problem("lawEnforcementDelay must be true or false");
        DateOnly? effectiveFrom = null;
        if (doc.EffectiveFrom is not null)
        {
            if (DateOnly.TryParseExact(doc.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                effectiveFrom = date;
            else Problem($"effectiveFrom '{doc.EffectiveFrom}' is not a yyyy-mm-dd date");
        }

        var sources = doc.Sources ?? [];
        if (sources.Count == 0) Problem("needs at least one source");
        foreach (var bad in sources.Where(s => !Uri.TryCreate(s, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            Problem($"source '{bad}' is not an http(s) address");

        var status = Word<VerificationStatus>(doc.Verification?.Status, "verification status", Problem);
        // Anything short of verified must say what is unconfirmed, so reviewers know what to check.
        if (status != VerificationStatus.Verified && string.IsNullOrWhiteSpace(doc.Verification?.Note))
            Problem("a rule that is not fully verified needs a verification note");

        if (problems.Count > start) return null;
        return new ObligationRule(
            doc.Id!, doc.Jurisdiction!, doc.Region!, kind, recipients, doc.Obligation!,
            new RuleTrigger(conditions, doc.Trigger!.Description!), threshold, clockStart,
            new RuleDeadline(deadline, doc.Deadline!.Wording!), backstop, doc.LawEnforcementDelay!.Value,
            doc.DelayNote, effectiveFrom, doc.Citation!, sources, new Verification(status, doc.Verification!.Note))
        {
            RecipientsNeeded = needed,
            Ordering = ordering,
        };
    }

    // An order against the notice to individuals only makes sense for a duty that is not itself that notice's only recipient.
    private static NoticeOrdering? ReadOrdering(OrderingDocument? doc, IReadOnlyList<Recipient> recipients, Action<string> problem)
    {
        if (doc is null) return null;
        var relation = Word<EventRelation>(doc.Relation, "ordering relation", problem);
        Require(doc.Wording, "ordering wording", problem);
        if (recipients.Count > 0 && recipients.All(r => r == Recipient.Individuals))
            problem("an ordering against the notice to individuals needs a recipient other than individuals");
        return new NoticeOrdering(relation, doc.Wording ?? "", string.IsNullOrWhiteSpace(doc.Note) ? null : doc.Note);
    }

    private static Threshold ReadThreshold(ThresholdDocument? doc, Action<string> problem)
    {
        var mode = Word<ThresholdMode>(doc?.Mode, "threshold mode", problem);
        var (min, max) = (doc?.MinAffected, doc?.MaxAffected);
        var consistent = mode switch
        {
            ThresholdMode.None => min is null && max is null,
            ThresholdMode.MinCount or ThresholdMode.Alternative => min >= 1 && max is null,
            ThresholdMode.MaxCount => max >= 1 && min is null,
            _ => true,
        };
        if (!consistent) problem($"threshold mode '{doc?.Mode}' does not fit minAffected={min?.ToString() ?? "null"}, maxAffected={max?.ToString() ?? "null"}");
        return new Threshold(mode, min, max);
    }

    private static DeadlineSpec Spec(string? unitWord, int? value, string what, Action<string> problem)
    {
        var spec = new DeadlineSpec(Word<DeadlineUnit>(unitWord, $"{what} unit", problem), value);
        // Measured units need an amount to count; the others are relative or open-ended and must not carry one.
        if (spec.IsMeasured && value is not > 0) problem($"{what} in {unitWord} needs a positive value");
        if (!spec.IsMeasured && value is not null) problem($"{what} unit '{unitWord}' takes no value");
        return spec;
    }

    private static T Word<T>(string? word, string what, Action<string> problem) where T : struct, Enum
    {
        if (CatalogueWords.TryParse<T>(word, out var value)) return value;
        problem($"unknown {what} '{word}' (known: {string.Join(", ", CatalogueWords.All<T>())})");
        return default;
    }

    private static void Require(string? text, string what, Action<string> problem)
    {
        if (string.IsNullOrWhiteSpace(text)) problem($"{what} is missing");
    }

    private static string Required(string? text, string what, Action<string> problem)
    {
        Require(text, what, problem);
        return text ?? "";
    }
}
