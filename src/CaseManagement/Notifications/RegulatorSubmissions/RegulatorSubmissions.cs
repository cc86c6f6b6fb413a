using CaseManagement.Incidents;
using CaseManagement.Scoping;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Submissions;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using Marten;

namespace CaseManagement.Notifications.RegulatorSubmissions;

public enum SubmissionKind
{
    GdprArticle33,
    CaliforniaAgSample,
    StateAgLetter,
}

/// <summary>What to write: the kind, for which state (letters), and the reasons for a GDPR notification after 72 hours.</summary>
public sealed record DraftSubmission(string? Kind, string? Jurisdiction, string? DelayReasons);

/// <summary>
/// The regulator was told: who, when, how, with which reference number, and the SHA-256 of what was sent. Recorded with
/// the obligation it satisfies, so the deadline timeline shows it met on time or late.
/// </summary>
public sealed record RegulatorSubmissionRecorded(Guid IncidentId, string RuleId, string Kind, string Recipient, DateTimeOffset SubmittedAt, string Channel,
    string? Reference, string? DocumentSha256);

public sealed record RecordRegulatorSubmission(string? RuleId, string? Kind, DateTimeOffset? SubmittedAt, string? Channel, string? Reference,
    string? DocumentSha256, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordRegulatorSubmission;
}

public static class RecordRegulatorSubmissionEndpoint
{
    public static ProblemDetails Validate(RecordRegulatorSubmission command, DateTimeOffset now)
    {
        var validation = new Validation().Required("ruleId", command.RuleId, 200).Present("submittedAt", command.SubmittedAt)
            .NotInFuture("submittedAt", command.SubmittedAt, now).Required("channel", command.Channel, 200).Optional("reference", command.Reference, 500)
            .OneOf<SubmissionKind>("kind", command.Kind);
        if (command.DocumentSha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
        {
            validation.Add("documentSha256", "the SHA-256 of the submitted document as 64 hex digits (see POST …/submissions/draft)");
        }

        if (command.RuleId is not null && Rule(command.RuleId) is not { } rule)
        {
            validation.Add("ruleId", $"'{command.RuleId}' is in no catalogue version (see GET /api/obligations)");
        }
        else if (command.RuleId is not null && Rule(command.RuleId)!.Recipients.All(r => r is Recipient.Individuals))
        {
            validation.Add("ruleId", $"'{command.RuleId}' is a notice to individuals; a campaign records those");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/submissions", OperationId = nameof(RecordRegulatorSubmission),
        Summary = "Record a submission to a regulator or attorney general (when, how, reference, document hash); it meets the obligation")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, Events) Post(RecordRegulatorSubmission command, [WriteAggregate] Incident incident)
    {
        var rule = Rule(command.RuleId!)!;
        var recipient = ApiJson.WireName(rule.Recipients.First(r => r is not Recipient.Individuals));
        var (reference, channel, at) = (command.Reference?.Trim(), command.Channel!.Trim(), command.SubmittedAt!.Value);
        var events = new Events
        {
            new RegulatorSubmissionRecorded(incident.Id, rule.Id, command.Kind!, recipient, at, channel, reference, command.DocumentSha256?.ToLowerInvariant()),
            new ObligationSatisfied(incident.Id, rule.Id, at, reference, channel),
        };
        if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is null)
        {
            events.Add(new IncidentNotified(incident.Id, at, [recipient], $"{rule.Citation}: submitted by {channel}{(reference is null ? "" : $", reference {reference}")}"));
        }

        return (new UpdatedAggregate(), events);
    }

    private static ObligationRule? Rule(string id) => CatalogueStore.Embedded.Versions.SelectMany(v => v.Rules).LastOrDefault(r => r.Id == id);
}

/// <summary>Writes the content a regulator expects from the incident's record (never inventing what it lacks: gaps are listed).</summary>
public static class DraftSubmissionEndpoint
{
    public static ProblemDetails Validate(DraftSubmission request)
    {
        var validation = new Validation().OneOf<SubmissionKind>("kind", request.Kind).Optional("delayReasons", request.DelayReasons, 8000);
        if (ApiJson.TryParseWire<SubmissionKind>(request.Kind, out var kind) && kind == SubmissionKind.StateAgLetter && string.IsNullOrWhiteSpace(request.Jurisdiction))
        {
            validation.Add("jurisdiction", "name the state (e.g. \"US-TX\")");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/submissions/draft", OperationId = nameof(DraftSubmission),
        Summary = "Write a regulator submission (GDPR Art. 33(3), California AG sample notice, state AG letter) from the record; gaps are listed")]
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
        var submission = Facts(incident, facts.State, scoped, latest);
        var jurisdiction = kind == SubmissionKind.CaliforniaAgSample ? "US-CA" : request.Jurisdiction?.Trim();
        var notice = await NoticeForAsync(session, campaigns, jurisdiction, ct);
        try
        {
            return Results.Ok(kind switch
            {
                SubmissionKind.GdprArticle33 => GdprArticle33Report.Generate(submission, now, request.DelayReasons),
                SubmissionKind.CaliforniaAgSample when notice is null => throw new ArgumentException(
                    "no approved US-CA template was sent in a campaign of this incident; the sample is a copy of that notice"),
                SubmissionKind.CaliforniaAgSample => CaliforniaAttorneyGeneralSample.Generate(notice, submission, latest.LastDeliveryAt),
                _ => StateAttorneyGeneralLetter.Generate(submission, jurisdiction!, notice, latest.LastDeliveryAt),
            });
        }
        catch (ArgumentException ex)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["jurisdiction"] = [ex.Message] });
        }
    }

    private static SubmissionFacts Facts(Incident incident, FactsState facts, ScopingRunCompleted? scoped, Campaign campaign)
    {
        var notice = CampaignNotices.Model(campaign.Content, new Templates.RecipientFields(null, null, null, null, incident.DataCategories));
        return new SubmissionFacts(notice.Incident, notice.Organisation, incident.AwareAt ?? incident.DetectedAt, incident.ContainedAt,
            new Dictionary<string, long>(facts.Affected), scoped?.OrdersScanned,
            facts.Encryption == Rules.Evaluation.EncryptionStatus.Unknown ? null : facts.Encryption.ToString(), facts.Risk.Reasoning)
        {
            DataSubjectCategories = ["customers of the shop"],
        };
    }

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
