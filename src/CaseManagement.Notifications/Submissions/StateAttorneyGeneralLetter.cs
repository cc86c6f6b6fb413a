using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Submissions;

/// <summary>
/// A generic letter to a US state Attorney General: the facts most state AG notices ask for (residents affected,
/// dates, what happened, the information involved, measures, contact) with the consumer notice enclosed by reference.
/// State forms differ (Florida's goes to its Department of Legal Affairs; some states use an online form); the
/// obligation catalogue says which AG notices are owed and when, not what each form looks like.
/// </summary>
public static class StateAttorneyGeneralLetter
{
    public const string Kind = "us-state-ag-letter";

    /// <param name="jurisdiction">The state's code, "US-TX".</param>
    /// <param name="consumerNotice">
    /// The template the state's residents were notified with, whichever jurisdiction it was approved for (a catch-all or
    /// another state's); the enclosure says when it was not approved for this state. A gap when not given.
    /// </param>
    /// <param name="consumerNoticeSentAt">When residents were notified; a gap when not given.</param>
    /// <param name="justifications">Recorded justifications that generic content suffices, for a catch-all notice.</param>
    /// <exception cref="ArgumentException">Not a US state.</exception>
    public static SubmissionDocument Generate(SubmissionFacts facts, string jurisdiction, NotificationTemplate? consumerNotice,
        DateTimeOffset? consumerNoticeSentAt = null, IEnumerable<GenericContentJustification>? justifications = null)
    {
        var state = UsStates.Name(jurisdiction);
        var incident = facts.Incident;
        var organisation = facts.Organisation;
        var writer = new SubmissionWriter();

        writer.Section("To", $"The Attorney General of {state}");

        writer.Section("Notifying organisation",
            organisation.Name,
            $"Postal address: {writer.Known(organisation.PostalAddress, "the organisation's postal address")}",
            SubmissionWriter.Optional("Website", organisation.Website));

        writer.Section("Residents affected",
            $"Residents of {state} affected: {writer.Known(SubmissionWriter.Affected(facts, jurisdiction), $"the number of {state} residents affected")}",
            SubmissionWriter.AffectedInTotal(facts) is { } total ? $"People affected in all jurisdictions: {SubmissionWriter.Count(total)}" : null);

        writer.Section("Dates",
        [
            .. writer.Timeline(incident, facts.ContainedAt),
            $"Residents notified: {writer.Known(consumerNoticeSentAt, $"when {state} residents were notified")}",
        ]);

        writer.Section("What happened", writer.Known(incident.WhatHappened, "a description of what happened"));

        writer.Section("Information involved",
            writer.Known(incident.DataCategories, "the types of personal information involved"),
            SubmissionWriter.Optional("Encryption", facts.EncryptionStatus));

        writer.Section("What we are doing",
            writer.Known(incident.WhatWeAreDoing, "the measures taken or planned"),
            SubmissionWriter.Optional("Advice given to residents", incident.WhatYouCanDo));

        writer.Section("Contact",
            $"Email: {writer.Known(organisation.ContactEmail, "a contact email")}",
            SubmissionWriter.Optional("Phone", organisation.ContactPhone),
            SubmissionWriter.Optional("Data protection officer", organisation.DpoContact));

        writer.Section("Enclosure", consumerNotice is null
            ? [writer.Known((string?)null, $"the notice sent to {state} residents, to enclose")]
            : SubmissionWriter.Enclosure(consumerNotice, jurisdiction, $"{state} residents", justifications ?? []));

        return writer.Finish(Kind, $"Notice of a data breach affecting {state} residents: {organisation.Name}, {incident.Reference}");
    }
}
