using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Submissions;

/// <summary>
/// The regime an Art. 33 notification is made under: which regulation, which authority, and whose residents are the
/// data subjects in that authority's scope.
/// </summary>
internal sealed record Article33Regime(string Kind, string Regulation, string Authority, string ScopeName, Func<string, bool> InScope);

/// <summary>
/// A personal data breach notification to a supervisory authority under GDPR or UK GDPR Art. 33: the Art. 33(3)
/// items (a) to (d) in the Regulation's order, and the reasons for delay Art. 33(1) asks for when it is made later than
/// 72 hours after the controller became aware. It counts only data subjects who live in the authority's scope; people
/// with no recorded residence are not counted but said to exist, since some may be in scope. It speaks to the
/// authority: the consumer notice's second-person texts are quoted as what data subjects were told, never reused as
/// the controller's own words. What the record lacks is shown as not yet known and listed as a gap (Art. 33(4) allows phases).
/// </summary>
internal static class Article33Report
{
    private static readonly TimeSpan Deadline = TimeSpan.FromHours(72);

    public static SubmissionDocument Generate(Article33Regime regime, SubmissionFacts facts, DateTimeOffset now, string? delayReasons)
    {
        var elapsed = now - facts.AwareAt;
        if (elapsed < TimeSpan.Zero)
            throw new ArgumentException($"the notification ({now:O}) cannot precede awareness ({facts.AwareAt:O})", nameof(now));
        var hours = (long)elapsed.TotalHours;
        var incident = facts.Incident;
        var organisation = facts.Organisation;
        var inScope = facts.AffectedByJurisdiction.Where(p => regime.InScope(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var writer = new SubmissionWriter();

        writer.Section("Notification",
            $"To: {regime.Authority}",
            $"Controller: {organisation.Name}",
            SubmissionWriter.Optional("Postal address", organisation.PostalAddress),
            $"Incident reference: {incident.Reference}",
            $"Controller became aware: {SubmissionWriter.Instant(facts.AwareAt)}",
            $"Notified: {SubmissionWriter.Instant(now)}, {hours} hours after becoming aware");

        writer.Section($"(a) Nature of the personal data breach (Art. 33(3)(a))",
        [
            writer.Known(incident.WhatHappened, "a description of what happened"),
            .. writer.Timeline(incident, facts.ContainedAt),
            $"Categories of personal data: {writer.Known(incident.DataCategories, "the categories of personal data concerned")}",
            $"Categories of data subjects: {writer.Known(facts.DataSubjectCategories, "the categories of data subjects concerned (e.g. customers)")}",
            $"Approximate number of data subjects resident in the {regime.ScopeName}: "
            + writer.Known(inScope.Count == 0 ? null : inScope.Values.Sum(), $"the approximate number of data subjects resident in the {regime.ScopeName}")
            + Breakdown(inScope),
            facts.ResidenceUnknown is > 0 and var unknown
                ? $"A further {SubmissionWriter.Count(unknown)} affected people have no recorded residence; they are not counted above and may include {regime.ScopeName} residents."
                : null,
            $"Approximate number of personal data records: {writer.Known(facts.RecordsAffected, "the approximate number of personal data records concerned")}",
            SubmissionWriter.Optional("Encryption", facts.EncryptionStatus),
        ]);

        writer.Section("(b) Data protection officer or other contact point (Art. 33(3)(b))",
            organisation.DpoContact is { } dpo ? $"Data protection officer: {dpo}" : "No data protection officer is recorded; the contact point is:",
            $"{organisation.Name}, {writer.Known(organisation.ContactEmail, "a contact email for the contact point")}",
            SubmissionWriter.Optional("Phone", organisation.ContactPhone));

        writer.Section("(c) Likely consequences of the breach (Art. 33(3)(c))",
            writer.Known(facts.ConsequencesForRegulator ?? facts.RiskAssessment,
                $"the likely consequences of the breach, in the controller's words for {regime.Authority}"));

        writer.Section("(d) Measures taken or proposed (Art. 33(3)(d))",
            writer.Known(incident.WhatWeAreDoing, "the measures taken or proposed to address the breach"),
            string.IsNullOrWhiteSpace(incident.WhatYouCanDo) ? null : $"Data subjects were advised, in the notice to them: \u201c{incident.WhatYouCanDo.Trim()}\u201d");

        if (elapsed > Deadline)
            writer.Section("Reasons for the delay (Art. 33(1))",
                $"This notification is made {hours} hours after the controller became aware of the breach, later than 72 hours.",
                writer.Known(delayReasons, "the reasons for notifying later than 72 hours after becoming aware (Art. 33(1))"));

        return writer.Finish(regime.Kind,
            $"Notification of a personal data breach to {regime.Authority} ({regime.Regulation} Art. 33): {organisation.Name}, {incident.Reference}");
    }

    // " (DE 400, FR 250)": authorities ask where the people live; largest first, in scope only.
    private static string Breakdown(IReadOnlyDictionary<string, long> inScope) =>
        inScope.Count < 2
            ? ""
            : $" ({string.Join(", ", inScope.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key} {SubmissionWriter.Count(p.Value)}"))})";
}
