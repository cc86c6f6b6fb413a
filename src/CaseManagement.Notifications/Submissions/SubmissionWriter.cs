using System.Globalization;
using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Submissions;

/// <summary>
/// Collects a submission's sections and the facts the record lacks, and writes them as one plain text with its hash.
/// A missing fact is shown as <see cref="NotYetKnown"/> and listed as a gap: a submission never guesses.
/// </summary>
internal sealed class SubmissionWriter
{
    public const string NotYetKnown = "[not yet known]";

    private readonly List<SubmissionSection> _sections = [];
    private readonly List<string> _gaps = [];

    /// <summary>Adds a section of the given lines; null lines (optional facts the record does not have) are left out.</summary>
    public void Section(string heading, params IEnumerable<string?> lines) =>
        _sections.Add(new SubmissionSection(heading, PlainText.NormaliseLineEndings(string.Join("\n", lines.OfType<string>()))));

    public string Known(string? value, string gap)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value;
        _gaps.Add(gap);
        return NotYetKnown;
    }

    public string Known(DateTimeOffset? value, string gap) => value is { } known ? Instant(known) : Known((string?)null, gap);

    public string Known(long? value, string gap) => value is { } known ? Count(known) : Known((string?)null, gap);

    public string Known(IReadOnlyList<string> values, string gap) => Known(values.Count == 0 ? null : string.Join(", ", values), gap);

    /// <summary>When the breach began, ended, was discovered and contained; only its start is a gap when unknown.</summary>
    public IEnumerable<string> Timeline(IncidentFields incident, DateTimeOffset? containedAt) =>
    [
        $"Breach began: {Known(incident.BreachStartedAt, "when the breach began (date or estimated date)")}",
        $"Breach ended: {(incident.BreachEndedAt is { } ended ? Instant(ended) : "not recorded as ended")}",
        $"Discovered: {Instant(incident.DiscoveredAt)}",
        $"Contained: {(containedAt is { } contained ? Instant(contained) : "not recorded as contained")}",
    ];

    public SubmissionDocument Finish(string kind, string title)
    {
        var text = $"{title}\n\n{string.Join("\n\n", _sections.Select(s => $"{s.Heading}\n{s.Text}"))}\n";
        return new SubmissionDocument(kind, title, _sections.ToList(), text, Sha256Hex.OfUtf8(text), _gaps.ToList());
    }

    /// <summary>
    /// The lines that enclose the notice residents of <paramref name="jurisdiction"/> received, whatever it was approved for,
    /// saying plainly when it was not approved against (or justified for) that jurisdiction's requirements.
    /// </summary>
    public static IEnumerable<string> Enclosure(NotificationTemplate notice, string jurisdiction, string residents,
        IEnumerable<GenericContentJustification> justifications)
    {
        yield return $"A copy of the notice sent to {residents}: template '{notice.Id}' version {notice.Version} "
            + $"({notice.Channel.ToString().ToLowerInvariant()}, language {notice.Language}).";
        var verdict = NoticeSufficiency.Decide(jurisdiction, notice.Jurisdiction, justifications);
        if (verdict.Basis != SufficiencyBasis.ApprovedForJurisdiction)
            yield return $"Content check: {verdict.Reason}.";
    }

    /// <summary>"Label: value", or null (left out) when the record does not have the optional value.</summary>
    public static string? Optional(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label}: {value}";

    public static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>People affected in one jurisdiction; codes compare case-insensitively, as the engine's do.</summary>
    public static long? Affected(SubmissionFacts facts, string jurisdiction) =>
        facts.AffectedByJurisdiction.Where(p => string.Equals(p.Key, jurisdiction, StringComparison.OrdinalIgnoreCase))
            .Select(p => (long?)p.Value).FirstOrDefault();

    public static long? AffectedInTotal(SubmissionFacts facts) =>
        facts.AffectedByJurisdiction.Count == 0 ? null : facts.AffectedByJurisdiction.Values.Sum();
}
