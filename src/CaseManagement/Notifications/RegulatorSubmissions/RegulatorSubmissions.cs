using CaseManagement.Incidents;
using CaseManagement.Scoping;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Submissions;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;

namespace CaseManagement.Notifications.RegulatorSubmissions;

public enum SubmissionKind
{
    GdprArticle33,
    CaliforniaAgSample,
    StateAgLetter,
    UkIcoReport,
    CardBrandReport,
    /// <summary>A form, letter or call the service does not draft (a regulator's portal, the state police); recorded only.</summary>
    Other,
}

/// <summary>What the card-brand report needs beyond the record; each field is optional and listed as a gap when missing.</summary>
public sealed record CardIncidentRequest(
    DateTimeOffset? SuspectedAt,
    long? AccountsAtRisk,
    IReadOnlyList<string>? CardBrands,
    string? Acquirer,
    string? EvidencePreservation,
    string? ForensicInvestigator);

/// <summary>
/// What to write: the kind, for which state (letters), the reasons for a GDPR or UK GDPR notification after 72 hours, the
/// likely consequences in words for a regulator, and the card facts of a card-brand report.
/// </summary>
public sealed record DraftSubmission(string? Kind, string? Jurisdiction, string? DelayReasons, string? ConsequencesForRegulator = null,
    CardIncidentRequest? Card = null);

/// <summary>
/// The regulator was told: who, when, how, with which reference number, and the SHA-256 of what was sent. Recorded with
/// the obligation it satisfies, so the deadline timeline shows it met on time or late.
/// </summary>
/// <param name="Recipient">Whom it told, in words ("regulator"; "acquirer, card-brands" when it told several).</param>
/// <param name="Recipients">Whom of the rule's recipients it told; null on submissions recorded before issue 14, which told <paramref name="Recipient"/>.</param>
public sealed record RegulatorSubmissionRecorded(Guid IncidentId, string RuleId, string Kind, string Recipient, DateTimeOffset SubmittedAt, string Channel,
    string? Reference, string? DocumentSha256, IReadOnlyList<Recipient>? Recipients = null)
{
    /// <summary>The submission as the duplicate check reads it.</summary>
    public RecordedSubmission AsRecorded() => new(RuleId, Kind,
        Recipients ?? (ApiJson.TryParseWire<Recipient>(Recipient, out var single) ? [single] : []), SubmittedAt, Channel, Reference, DocumentSha256);
}

/// <param name="Recipients">Which of the rule's recipients this submission told (wire words); may be left out when the rule names one besides individuals.</param>
public sealed record RecordRegulatorSubmission(string? RuleId, string? Kind, DateTimeOffset? SubmittedAt, string? Channel, string? Reference,
    string? DocumentSha256, IReadOnlyList<string>? Recipients, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordRegulatorSubmission;
}

/// <summary>
/// Records a submission and the part of the obligation it met: only the recipients it told. The same submission posted again
/// (same obligation, channel and reference, same details) records nothing and answers as before; the same act with other
/// details is a 409 (issue 14, item 8).
/// </summary>
public static class RecordRegulatorSubmissionEndpoint
{
    public static ProblemDetails Validate(RecordRegulatorSubmission command, Incident incident, DateTimeOffset now)
    {
        var validation = new Validation().Required("ruleId", command.RuleId, 200).Present("submittedAt", command.SubmittedAt)
            .NotInFuture("submittedAt", command.SubmittedAt, now).Required("channel", command.Channel, 200).Optional("reference", command.Reference, 500)
            .OneOf<SubmissionKind>("kind", command.Kind).Items("recipients", command.Recipients, maxCount: 10);
        if (command.DocumentSha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
        {
            validation.Add("documentSha256", "the SHA-256 of the submitted document as 64 hex digits (see POST …/submissions/draft)");
        }

        var catalogue = IncidentCatalogue.Of(incident);
        var rule = command.RuleId is null ? null : catalogue.Rules.FirstOrDefault(r => r.Id == command.RuleId);
        if (command.RuleId is not null && rule is null)
        {
            validation.Add("ruleId", $"'{command.RuleId}' is not a rule of the incident's catalogue version {catalogue.Version} (see GET /api/obligations?version={catalogue.Version})");
        }
        else if (rule is not null)
        {
            var told = Recipients(rule, command.Recipients, validation);
            if (validation.IsValid && SubmissionDuplicates.Decide(incident.Submissions, Submission(command, told)) is SubmissionDecision.Conflict conflict)
            {
                return new ProblemDetails
                {
                    Title = "Submission already recorded",
                    Detail = $"A submission ({conflict.Earlier.Kind}) for {conflict.Earlier.RuleId} by {conflict.Earlier.Channel}"
                             + $"{(conflict.Earlier.Reference is { } r ? $" with reference {r}" : " without a reference")} is recorded, and this one differs: "
                             + $"{string.Join("; ", conflict.Differences)}. A second submission needs a reference of its own.",
                    Status = StatusCodes.Status409Conflict,
                    Extensions = { ["recorded"] = conflict.Earlier, ["differences"] = conflict.Differences },
                };
            }
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/submissions", OperationId = nameof(RecordRegulatorSubmission),
        Summary = "Record a submission to a regulator, attorney general, police or card brand (when, how, reference, document hash); it tells the recipients it names")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, Events) Post(RecordRegulatorSubmission command, [WriteAggregate] Incident incident)
    {
        var rule = IncidentCatalogue.Of(incident).Rule(command.RuleId!);
        var submission = Submission(command, Recipients(rule, command.Recipients, new Validation()));
        if (SubmissionDuplicates.Decide(incident.Submissions, submission) is SubmissionDecision.Replay)
        {
            return (new UpdatedAggregate(), []);
        }

        var recipients = submission.Recipients.Select(ApiJson.WireName).ToList();
        var (reference, channel, at) = (submission.Reference, submission.Channel, submission.SubmittedAt);
        var events = new Events
        {
            new RegulatorSubmissionRecorded(incident.Id, rule.Id, submission.Kind, string.Join(", ", recipients), at, channel, reference, submission.DocumentSha256,
                submission.Recipients),
            new ObligationSatisfied(incident.Id, rule.Id, at, reference, channel, submission.Recipients, NoticeAct.Submission),
        };
        if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is null)
        {
            events.Add(new IncidentNotified(incident.Id, at, recipients, $"{rule.Citation}: submitted by {channel}{(reference is null ? "" : $", reference {reference}")}"));
        }

        return (new UpdatedAggregate(), events);
    }

    private static RecordedSubmission Submission(RecordRegulatorSubmission command, IReadOnlyList<Recipient> told) =>
        new(command.RuleId!, command.Kind!, told, command.SubmittedAt!.Value, command.Channel!.Trim(), command.Reference?.Trim(), command.DocumentSha256?.ToLowerInvariant());

    /// <summary>Whom the submission told: recipients the rule names besides individuals (a campaign tells those).</summary>
    private static IReadOnlyList<Recipient> Recipients(ObligationRule rule, IReadOnlyList<string>? named, Validation validation)
    {
        var possible = rule.Recipients.Where(r => r is not Recipient.Individuals).ToList();
        if (possible.Count == 0)
        {
            validation.Add("ruleId", $"'{rule.Id}' is a notice to individuals; a campaign records those");
            return [];
        }

        return NamedRecipients.Read(rule, possible, named, validation);
    }
}

/// <summary>Writes the content a regulator expects from the incident's record (never inventing what it lacks: gaps are listed).</summary>
public static class DraftSubmissionEndpoint
{
    public static ProblemDetails Validate(DraftSubmission request)
    {
        var validation = new Validation().OneOf<SubmissionKind>("kind", request.Kind).Optional("delayReasons", request.DelayReasons, 8000)
            .Optional("consequencesForRegulator", request.ConsequencesForRegulator, 8000);
        if (ApiJson.TryParseWire<SubmissionKind>(request.Kind, out var kind) && kind == SubmissionKind.StateAgLetter && string.IsNullOrWhiteSpace(request.Jurisdiction))
        {
            validation.Add("jurisdiction", "name the state (e.g. \"US-TX\")");
        }

        if (kind == SubmissionKind.Other)
        {
            validation.Add("kind", "'other' submissions are recorded, not drafted; draft one of: gdpr-article33, uk-ico-report, california-ag-sample, state-ag-letter, card-brand-report");
        }

        if (request.Card is { } card)
        {
            validation.Items("card.cardBrands", card.CardBrands, maxCount: 10).Optional("card.acquirer", card.Acquirer, 200)
                .Optional("card.evidencePreservation", card.EvidencePreservation).Optional("card.forensicInvestigator", card.ForensicInvestigator, 200);
            if (card.AccountsAtRisk < 0)
            {
                validation.Add("card.accountsAtRisk", "cannot be negative");
            }
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/submissions/draft", OperationId = nameof(DraftSubmission),
        Summary = "Write a submission (GDPR Art. 33(3), UK ICO report, card-brand report, California AG sample, state AG letter) from the record; gaps are listed")]
    [Authorize(Policies.DecideNotification)]
    public static async Task<IResult> Post(DraftSubmission request, [ReadAggregate] Incident incident, [Entity("id")] IncidentFactSheet facts,
        IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var kind = ApiJson.ParseWire<SubmissionKind>(request.Kind!);
        var campaigns = await session.Query<Campaign>().Where(c => c.IncidentId == incident.Id).ToListAsync(ct);
        if (campaigns.MaxBy(c => c.DraftedAt) is not { } latest)
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["content"] = ["draft the notice to individuals first (POST …/campaigns): the submission describes the incident in the same words"],
            });
        }

        var scoped = (await session.Query<ScopingRun>().Where(r => r.IncidentId == incident.Id).ToListAsync(ct))
            .Where(r => r.Result is not null).MaxBy(r => r.EndedAt)?.Result;
        var submission = Facts(incident, facts.State, scoped, latest) with { ConsequencesForRegulator = request.ConsequencesForRegulator?.Trim() };
        var jurisdiction = kind == SubmissionKind.CaliforniaAgSample ? "US-CA" : request.Jurisdiction?.Trim();
        var notice = await NoticeForAsync(session, campaigns, jurisdiction, ct);
        var justified = facts.State.Justifications;
        try
        {
            return Results.Ok(kind switch
            {
                SubmissionKind.GdprArticle33 => GdprArticle33Report.Generate(submission, now, request.DelayReasons),
                SubmissionKind.UkIcoReport => UkIcoReport.Generate(submission, now, request.DelayReasons),
                SubmissionKind.CardBrandReport => CardBrandIncidentReport.Generate(submission, Card(request.Card, facts.State)),
                SubmissionKind.CaliforniaAgSample when notice is null => throw new ArgumentException(
                    "no template was sent to US-CA residents in a campaign of this incident; the sample is a copy of that notice"),
                SubmissionKind.CaliforniaAgSample => CaliforniaAttorneyGeneralSample.Generate(notice, submission, latest.LastDeliveryAt, justified),
                _ => StateAttorneyGeneralLetter.Generate(submission, jurisdiction!, notice, latest.LastDeliveryAt, justified),
            });
        }
        catch (ArgumentException ex)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["jurisdiction"] = [ex.Message] });
        }
    }

    // The instant the compromise was suspected defaults to the recorded suspicion clock: Visa's duty runs from it.
    private static CardIncidentFacts Card(CardIncidentRequest? card, FactsState facts)
    {
        DateTimeOffset? suspected = card?.SuspectedAt ?? (facts.Clocks.TryGetValue(ClockStart.Suspicion, out var at) ? at : null);
        return new CardIncidentFacts(suspected, card?.AccountsAtRisk, card?.CardBrands?.Select(b => b.Trim()).ToList(), card?.Acquirer?.Trim(),
            card?.EvidencePreservation?.Trim(), card?.ForensicInvestigator?.Trim());
    }

    private static SubmissionFacts Facts(Incident incident, FactsState facts, ScopingRunCompleted? scoped, Campaign campaign)
    {
        var notice = CampaignNotices.Model(campaign.Content, new Templates.RecipientFields(null, null, null, null, incident.DataCategories));
        return new SubmissionFacts(notice.Incident, notice.Organisation, incident.AwareAt ?? incident.DetectedAt, incident.ContainedAt,
            new Dictionary<string, long>(facts.Affected), scoped?.OrdersScanned,
            facts.Encryption == Rules.Evaluation.EncryptionStatus.Unknown ? null : facts.Encryption.ToString(), facts.Risk.Reasoning)
        {
            DataSubjectCategories = ["customers of the shop"],
            ResidenceUnknown = scoped?.ResidenceUnknown,
        };
    }

    /// <summary>The template the residents of <paramref name="jurisdiction"/> received in the latest campaign that reached them, whatever it was approved for.</summary>
    private static async Task<Templates.NotificationTemplate?> NoticeForAsync(IQuerySession session, IReadOnlyList<Campaign> campaigns, string? jurisdiction,
        CancellationToken ct)
    {
        if (jurisdiction is null)
        {
            return null;
        }

        var choice = campaigns.OrderByDescending(c => c.DraftedAt).Select(c => CampaignDecisions.TemplateFor(c.Templates, jurisdiction)).FirstOrDefault(c => c is not null);
        return choice is null ? null : (await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(choice.TemplateId, choice.Version), ct))?.ToTemplate();
    }
}
