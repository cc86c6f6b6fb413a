using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Scoping;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Submissions;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Security;
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

    public static string? Route => "submissions";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation.Required("ruleId", RuleId, 200).Present("submittedAt", SubmittedAt).NotInFuture("submittedAt", SubmittedAt, now)
            .Required("channel", Channel, 200).Optional("reference", Reference, 500).OneOf<SubmissionKind>("kind", Kind);
        if (DocumentSha256 is not null && (DocumentSha256.Length != 64 || !DocumentSha256.All(char.IsAsciiHexDigit)))
        {
            validation.Add("documentSha256", "the SHA-256 of the submitted document as 64 hex digits (see POST …/submissions/draft)");
        }

        if (RuleId is not null && Rule(RuleId) is not { } rule)
        {
            validation.Add("ruleId", $"'{RuleId}' is in no catalogue version (see GET /api/obligations)");
        }
        else if (RuleId is not null && Rule(RuleId)!.Recipients.All(r => r is Recipient.Individuals))
        {
            validation.Add("ruleId", $"'{RuleId}' is a notice to individuals; a campaign records those");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now)
    {
        var rule = Rule(RuleId!)!;
        var recipient = ApiJson.WireName(rule.Recipients.First(r => r is not Recipient.Individuals));
        var reference = Reference?.Trim();
        yield return new RegulatorSubmissionRecorded(incident.Id, rule.Id, Kind!, recipient, SubmittedAt!.Value, Channel!.Trim(), reference, DocumentSha256?.ToLowerInvariant());
        yield return new ObligationSatisfied(incident.Id, rule.Id, SubmittedAt!.Value, reference, Channel!.Trim());
        if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is null)
        {
            yield return new IncidentNotified(incident.Id, SubmittedAt!.Value, [recipient], $"{rule.Citation}: submitted by {Channel!.Trim()}{(reference is null ? "" : $", reference {reference}")}");
        }
    }

    private static ObligationRule? Rule(string id) => CatalogueStore.Embedded.Versions.SelectMany(v => v.Rules).LastOrDefault(r => r.Id == id);
}

/// <summary>Writes the content a regulator expects from the incident's record (never inventing what it lacks: gaps are listed).</summary>
public static class DraftSubmissionEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/incidents/{id:guid}/submissions/draft", async (Guid id, DraftSubmission request, IQuerySession session, TimeProvider clock,
                CancellationToken ct) =>
            {
                var validation = new Validation().OneOf<SubmissionKind>("kind", request.Kind).Optional("delayReasons", request.DelayReasons, 8000);
                ApiJson.TryParseWire<SubmissionKind>(request.Kind, out var kind);
                if (kind == SubmissionKind.StateAgLetter && string.IsNullOrWhiteSpace(request.Jurisdiction))
                {
                    validation.Add("jurisdiction", "name the state (e.g. \"US-TX\")");
                }

                if (!validation.IsValid)
                {
                    return Problems.Invalid(validation.Errors);
                }

                var events = await session.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0 || await session.LoadAsync<Incident>(id, ct) is not { } incident)
                {
                    return Problems.IncidentNotFound(id);
                }

                var campaigns = await session.Query<Campaign>().Where(c => c.IncidentId == id).ToListAsync(ct);
                if (campaigns.MaxBy(c => c.DraftedAt) is not { } latest)
                {
                    return Problems.Invalid(new Dictionary<string, string[]>
                    {
                        ["content"] = ["draft the notice to individuals first (POST …/campaigns): the submission describes the incident in the same words"],
                    });
                }

                var facts = Facts(incident, events.Select(e => e.Data).ToList(), latest);
                var jurisdiction = kind == SubmissionKind.CaliforniaAgSample ? "US-CA" : request.Jurisdiction?.Trim();
                var notice = await NoticeForAsync(session, campaigns, jurisdiction, ct);
                try
                {
                    return Results.Ok(kind switch
                    {
                        SubmissionKind.GdprArticle33 => GdprArticle33Report.Generate(facts, clock.GetUtcNow(), request.DelayReasons),
                        SubmissionKind.CaliforniaAgSample when notice is null => throw new ArgumentException(
                            "no approved US-CA template was sent in a campaign of this incident; the sample is a copy of that notice"),
                        SubmissionKind.CaliforniaAgSample => CaliforniaAttorneyGeneralSample.Generate(notice, facts, latest.LastDeliveryAt),
                        _ => StateAttorneyGeneralLetter.Generate(facts, jurisdiction!, notice, latest.LastDeliveryAt),
                    });
                }
                catch (ArgumentException ex)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["jurisdiction"] = [ex.Message] });
                }
            })
            .WithName(nameof(DraftSubmission))
            .WithSummary("Write a regulator submission (GDPR Art. 33(3), California AG sample notice, state AG letter) from the record; gaps are listed")
            .RequireAuthorization(Policies.DecideNotification)
            .Produces<SubmissionDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    private static SubmissionFacts Facts(Incident incident, IReadOnlyList<object> events, Campaign campaign)
    {
        var counts = events.OfType<AffectedCountsRecorded>().LastOrDefault()?.Counts.ToDictionary(c => c.Residence, c => c.Count) ?? [];
        var notice = CampaignNotices.Model(campaign.Content, new Templates.RecipientFields(null, null, null, null, incident.DataCategories));
        return new SubmissionFacts(notice.Incident, notice.Organisation, incident.AwareAt ?? incident.DetectedAt, incident.ContainedAt, counts,
            events.OfType<ScopingRunCompleted>().LastOrDefault()?.OrdersScanned, events.OfType<EncryptionStatusRecorded>().LastOrDefault()?.Status.ToString(),
            events.OfType<RiskAssessed>().LastOrDefault()?.Reasoning)
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
