using CaseManagement.Notifications.Templates;

namespace CaseManagement.Notifications.Submissions;

/// <summary>
/// The sample copy of the notice sent to California residents, without personal information, that goes to the
/// Attorney General when more than 500 residents are notified (Cal. Civ. Code 1798.82(f), rule us-ca-1798.82-ag),
/// with the dates the Attorney General's online form asks for alongside.
/// </summary>
public static class CaliforniaAttorneyGeneralSample
{
    public const string Kind = "us-ca-ag-sample-notice";

    /// <summary>"More than 500" California residents (us-ca-1798.82-ag).</summary>
    private const long Threshold = 500;

    /// <param name="consumerNotice">
    /// The template California residents received, rendered with a placeholder recipient: the sample is a copy of what
    /// they got, whatever it was approved for; the submission says when that was not California's requirements.
    /// </param>
    /// <param name="consumerNoticeSentAt">When residents were notified; a gap when not given.</param>
    /// <param name="justifications">Recorded justifications that generic content suffices, for a catch-all notice.</param>
    /// <exception cref="TemplateRenderException">The template cannot be rendered.</exception>
    public static SubmissionDocument Generate(NotificationTemplate consumerNotice, SubmissionFacts facts, DateTimeOffset? consumerNoticeSentAt = null,
        IEnumerable<GenericContentJustification>? justifications = null)
    {
        var check = NoticeSufficiency.Decide("US-CA", consumerNotice.Jurisdiction, justifications ?? []);
        var incident = facts.Incident;
        var recipient = SampleModel.AnonymousRecipient("US-CA", incident.DataCategories);
        var sample = TemplateRenderer.Render(consumerNotice, new TemplateModel(recipient, incident, facts.Organisation));
        var residents = SubmissionWriter.Affected(facts, "US-CA");
        var writer = new SubmissionWriter();

        writer.Section("Submission",
            "A single sample copy of the security breach notification sent to California residents, without personal information "
            + "(Cal. Civ. Code 1798.82(f)). The recipient is shown as a placeholder.",
            $"Organisation: {facts.Organisation.Name}",
            $"California residents notified: {writer.Known(residents, "the number of California residents notified")}",
            residents <= Threshold
                ? $"Only {SubmissionWriter.Count(residents.Value)} California residents are recorded; the sample is required when more than 500 are notified."
                : null,
            check.Basis == SufficiencyBasis.ApprovedForJurisdiction ? null : $"Content check: {check.Reason}.");

        writer.Section("Information for the Attorney General's form",
        [
            .. writer.Timeline(incident, facts.ContainedAt),
            $"Individual notice provided: {writer.Known(consumerNoticeSentAt, "when the notice was provided to California residents")}",
            $"Types of personal information: {writer.Known(incident.DataCategories, "the types of personal information involved")}",
        ]);

        writer.Section("Sample notice", sample.Subject is null ? sample.Body : $"Subject: {sample.Subject}\n\n{sample.Body}");

        return writer.Finish(Kind, $"Sample notice of data breach for the California Attorney General: {facts.Organisation.Name}, {incident.Reference}");
    }
}
