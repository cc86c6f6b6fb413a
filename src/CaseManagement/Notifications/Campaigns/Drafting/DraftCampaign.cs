using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Scoping;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Campaigns.Reviewing;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Templates;
using CaseManagement.Security;
using Marten;

namespace CaseManagement.Notifications.Campaigns.Drafting;

public sealed record TemplateChoiceRequest(string? Jurisdiction, string? TemplateId, int? Version);

public sealed record NoticeContentRequest(
    string? WhatHappened,
    string? LikelyConsequences,
    string? WhatWeAreDoing,
    string? WhatYouCanDo,
    DateTimeOffset? BreachStartedAt,
    DateTimeOffset? BreachEndedAt,
    string? OrganisationName,
    string? ContactEmail,
    string? ContactPhone,
    string? DpoContact,
    string? Website);

/// <summary>
/// A campaign to the people a scope assessment found (optionally only some jurisdictions), with an approved template per
/// jurisdiction and channel. Nothing is sent until two different people approve it.
/// </summary>
public sealed record DraftCampaign(
    string? Name,
    string? Channel,
    Guid? ScopingRunId,
    IReadOnlyList<string>? Jurisdictions,
    IReadOnlyList<TemplateChoiceRequest>? Templates,
    NoticeContentRequest? Content,
    int? RatePerMinute,
    bool? Renotify)
{
    public const int DefaultRatePerMinute = 6_000;

    public Validation Validate(DateTimeOffset now)
    {
        var v = new Validation().Required("name", Name, 200).Items("jurisdictions", Jurisdictions);
        if (Channel is null || !NotificationChannelNames.All.Contains(Channel))
        {
            v.Add("channel", $"is required; one of: {string.Join(", ", NotificationChannelNames.All)}");
        }

        if (RatePerMinute is < 60 or > 1_000_000)
        {
            v.Add("ratePerMinute", "must be between 60 and 1,000,000 notices per minute");
        }

        if (Templates is not { Count: > 0 })
        {
            v.Add("templates", "name at least one approved template version; use jurisdiction \"*\" for everyone not given their own");
        }

        for (var i = 0; i < (Templates?.Count ?? 0); i++)
        {
            var t = Templates![i];
            v.Required($"templates[{i}].jurisdiction", t.Jurisdiction, 20).Required($"templates[{i}].templateId", t.TemplateId, 100).Present($"templates[{i}].version", t.Version);
        }

        if (Content is not { } c)
        {
            return v.Add("content", "is required: what happened, likely consequences, what we are doing, what you can do, who to contact");
        }

        return v.Required("content.whatHappened", c.WhatHappened, 8000).Required("content.likelyConsequences", c.LikelyConsequences, 8000)
            .Required("content.whatWeAreDoing", c.WhatWeAreDoing, 8000).Required("content.whatYouCanDo", c.WhatYouCanDo, 8000)
            .Required("content.organisationName", c.OrganisationName, 200).Required("content.contactEmail", c.ContactEmail, 320)
            .Optional("content.contactPhone", c.ContactPhone, 50).Optional("content.dpoContact", c.DpoContact, 500).Optional("content.website", c.Website, 500)
            .NotInFuture("content.breachStartedAt", c.BreachStartedAt, now).NotBefore("content.breachEndedAt", c.BreachEndedAt, "content.breachStartedAt", c.BreachStartedAt);
    }
}

public static class DraftCampaignEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/incidents/{id:guid}/campaigns", async (Guid id, DraftCampaign request, HttpContext http, IDocumentSession session, TimeProvider clock,
                CancellationToken ct) =>
            {
                var now = clock.GetUtcNow();
                if (!CommandContext.TryRead(http, out var context, out var problem))
                {
                    return problem!;
                }

                var validation = request.Validate(now);
                if (!validation.IsValid)
                {
                    return Problems.Invalid(validation.Errors);
                }

                var stream = await session.Events.FetchStreamAsync(id, token: ct);
                if (stream.Count == 0 || await session.LoadAsync<Incident>(id, ct) is not { } incident)
                {
                    return Problems.IncidentNotFound(id);
                }

                if (IncidentLifecycle.Check(incident, IncidentAction.Notify) is { } rejection)
                {
                    return Problems.InvalidTransition(rejection);
                }

                var runs = stream.Select(e => e.Data).OfType<ScopingRunCompleted>().ToList();
                if ((request.ScopingRunId is { } wanted ? runs.FirstOrDefault(r => r.RunId == wanted) : runs.LastOrDefault()) is not { } run)
                {
                    return Invalid("scopingRunId", request.ScopingRunId is null
                        ? "the incident has no completed scoping run; its affected people are the campaign's audience (POST …/scope)"
                        : $"scoping run {request.ScopingRunId} of this incident did not complete");
                }

                var (choices, problems) = await TemplatesAsync(session, request, run, ct);
                if (problems.Count > 0)
                {
                    return Problems.Invalid(problems);
                }

                var c = request.Content!;
                var drafted = new CampaignDrafted(Guid.CreateVersion7(now), id, request.Name!.Trim(), run.RunId, request.Channel!,
                    request.Jurisdictions is { Count: > 0 } j ? [.. j.Select(x => x.Trim()).Distinct()] : null, choices,
                    new NoticeContent(id.ToString("N")[..12].ToUpperInvariant(), incident.Title, incident.AwareAt ?? incident.DetectedAt, c.WhatHappened!.Trim(),
                        c.LikelyConsequences!.Trim(), c.WhatWeAreDoing!.Trim(), c.WhatYouCanDo!.Trim(), c.BreachStartedAt, c.BreachEndedAt,
                        c.OrganisationName!.Trim(), c.ContactEmail!.Trim(), c.ContactPhone?.Trim(), c.DpoContact?.Trim(), c.Website?.Trim()),
                    request.RatePerMinute ?? DraftCampaign.DefaultRatePerMinute, request.Renotify ?? false);
                session.Events.StartStream<Campaign>(drafted.CampaignId, drafted);
                session.CorrelationId = context.CorrelationId;
                session.CausationId = context.CausationId;
                session.LastModifiedBy = context.Actor;
                await session.SaveChangesAsync(ct);
                var campaign = Campaign.Create(new JasperFx.Events.Event<CampaignDrafted>(drafted) { Timestamp = now, UserName = context.Actor }) with { Version = 1 };
                return Results.Created($"/api/campaigns/{drafted.CampaignId}", CampaignView.Of(campaign, now));
            })
            .WithName(nameof(DraftCampaign))
            .WithSummary("Draft a notification campaign to the affected people of a scope assessment; two approvals start it")
            .RequireAuthorization(Policies.DecideNotification)
            .Produces<CampaignView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Every named version must exist, be approved and fit the channel; every jurisdiction of the audience must get one.</summary>
    private static async Task<(List<TemplateChoice> Choices, Dictionary<string, string[]> Problems)> TemplatesAsync(IQuerySession session, DraftCampaign request,
        ScopingRunCompleted run, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        var wanted = request.Templates!.Select(t => NotificationTemplateVersion.IdFor(t.TemplateId!.Trim(), t.Version!.Value)).ToArray();
        var found = (await session.LoadManyAsync<NotificationTemplateVersion>(ct, wanted)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var choices = new List<TemplateChoice>();
        var channel = request.Channel == NotificationChannelNames.Sms ? NotificationChannel.Sms : NotificationChannel.Email;
        for (var i = 0; i < wanted.Length; i++)
        {
            var field = $"templates[{i}]";
            if (!found.TryGetValue(wanted[i], out var template))
            {
                problems[field] = [$"no template version {wanted[i]}"];
            }
            else if (!template.IsApproved)
            {
                problems[field] = [$"{wanted[i]} is a draft; only an approved version can be sent"];
            }
            else if (template.Channel != channel)
            {
                problems[field] = [$"{wanted[i]} is for {ApiJson.WireName(template.Channel)}, the campaign sends by {request.Channel}"];
            }
            else
            {
                choices.Add(new TemplateChoice(request.Templates![i].Jurisdiction!.Trim(), template.TemplateId, template.Version, template.Sha256));
            }
        }

        var uncovered = run.PeopleByJurisdiction.Keys
            .Where(j => CampaignDecisions.InAudience(request.Jurisdictions, j) && CampaignDecisions.TemplateFor(choices, j) is null)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (request.Jurisdictions is null && run.ResidenceUnknown > 0 && CampaignDecisions.TemplateFor(choices, null) is null)
        {
            uncovered.Add($"{run.ResidenceUnknown} people whose residence is unknown");
        }

        if (problems.Count == 0 && uncovered.Count > 0)
        {
            problems["templates"] = [$"no template for the affected people of {string.Join(", ", uncovered)}; add one for them or a default (\"*\")"];
        }

        return (choices, problems);
    }

    private static IResult Invalid(string field, string message) => Problems.Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
