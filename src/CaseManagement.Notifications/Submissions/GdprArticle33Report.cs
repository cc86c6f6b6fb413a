using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Submissions;

/// <summary>
/// The notification of a personal data breach to the supervisory authority (rule eu-gdpr-art33-sa): the Art. 33(3)
/// items (a) to (d) in the Regulation's order, and the reasons for delay Art. 33(1) asks for when it is made later than
/// 72 hours after the controller became aware. What the record lacks is shown as not yet known and listed as a gap;
/// Art. 33(4) allows supplying it in phases.
/// </summary>
public static class GdprArticle33Report
{
    public const string Kind = "gdpr-art33-report";

    private static readonly TimeSpan Deadline = TimeSpan.FromHours(72);

    /// <param name="now">When this notification is made; decides whether it is late.</param>
    /// <param name="delayReasons">Why it is made later than 72 hours after awareness; a gap when late and not given.</param>
    /// <exception cref="ArgumentException"><paramref name="now"/> is before the controller became aware.</exception>
    public static SubmissionDocument Generate(SubmissionFacts facts, DateTimeOffset now, string? delayReasons = null)
    {
        var elapsed = now - facts.AwareAt;
        if (elapsed < TimeSpan.Zero)
            throw new ArgumentException($"the notification ({now:O}) cannot precede awareness ({facts.AwareAt:O})", nameof(now));
        var hours = (long)elapsed.TotalHours;
        var incident = facts.Incident;
        var organisation = facts.Organisation;
        var writer = new SubmissionWriter();

        writer.Section("Notification",
            $"Controller: {organisation.Name}",
            SubmissionWriter.Optional("Postal address", organisation.PostalAddress),
            $"Incident reference: {incident.Reference}",
            $"Controller became aware: {SubmissionWriter.Instant(facts.AwareAt)}",
            $"Notified: {SubmissionWriter.Instant(now)}, {hours} hours after becoming aware");

        writer.Section("(a) Nature of the personal data breach (Art. 33(3)(a))",
        [
            writer.Known(incident.WhatHappened, "a description of what happened"),
            .. writer.Timeline(incident, facts.ContainedAt),
            $"Categories of personal data: {writer.Known(incident.DataCategories, "the categories of personal data concerned")}",
            $"Categories of data subjects: {writer.Known(facts.DataSubjectCategories, "the categories of data subjects concerned (e.g. customers)")}",
            $"Approximate number of data subjects: {writer.Known(SubmissionWriter.AffectedInTotal(facts), "the approximate number of data subjects concerned")}"
            + Breakdown(facts),
            $"Approximate number of personal data records: {writer.Known(facts.RecordsAffected, "the approximate number of personal data records concerned")}",
            SubmissionWriter.Optional("Encryption", facts.EncryptionStatus),
        ]);

        writer.Section("(b) Data protection officer or other contact point (Art. 33(3)(b))",
            organisation.DpoContact is { } dpo ? $"Data protection officer: {dpo}" : "No data protection officer is recorded; the contact point is:",
            $"{organisation.Name}, {writer.Known(organisation.ContactEmail, "a contact email for the contact point")}",
            SubmissionWriter.Optional("Phone", organisation.ContactPhone));

        writer.Section("(c) Likely consequences of the breach (Art. 33(3)(c))",
            writer.Known(incident.LikelyConsequences, "the likely consequences of the breach"),
            SubmissionWriter.Optional("Risk assessment", facts.RiskAssessment));

        writer.Section("(d) Measures taken or proposed (Art. 33(3)(d))",
            writer.Known(incident.WhatWeAreDoing, "the measures taken or proposed to address the breach"),
            SubmissionWriter.Optional("Advice given to data subjects to mitigate possible adverse effects", incident.WhatYouCanDo));

        if (elapsed > Deadline)
            writer.Section("Reasons for the delay (Art. 33(1))",
                $"This notification is made {hours} hours after the controller became aware of the breach, later than 72 hours.",
                writer.Known(delayReasons, "the reasons for notifying later than 72 hours after becoming aware (Art. 33(1))"));

        return writer.Finish(Kind, $"Notification of a personal data breach to the supervisory authority (GDPR Art. 33): {organisation.Name}, {incident.Reference}");
    }

    // " (DE 400, FR 250)": authorities ask where the people live; largest first.
    private static string Breakdown(SubmissionFacts facts) =>
        facts.AffectedByJurisdiction.Count < 2
            ? ""
            : $" ({string.Join(", ", facts.AffectedByJurisdiction.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key} {SubmissionWriter.Count(p.Value)}"))})";
}
