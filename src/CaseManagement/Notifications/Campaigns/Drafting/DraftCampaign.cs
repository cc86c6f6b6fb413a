using Microsoft.AspNetCore.Http.HttpResults;
using CaseManagement.Incidents;
using CaseManagement.Scoping;
using CaseManagement.Notifications.Campaigns.Delivering;
using CaseManagement.Notifications.Campaigns.Reviewing;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Templates;
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
    bool? Renotify) : IIncidentCommand
{
    public const int DefaultRatePerMinute = 6_000;

    public static IncidentAction Action => IncidentAction.Notify;

    long? Api.Conventions.IExpectVersion.ExpectedVersion => null;
}

public static class DraftCampaignEndpoint
{
    public static ProblemDetails Validate(DraftCampaign command, DateTimeOffset now)
    {
        var v = new Validation().Required("name", command.Name, 200).Items("jurisdictions", command.Jurisdictions);
        if (command.Channel is null || !NotificationChannelNames.All.Contains(command.Channel))
        {
            v.Add("channel", $"is required; one of: {string.Join(", ", NotificationChannelNames.All)}");
        }

        if (command.RatePerMinute is < 60 or > 1_000_000)
        {
            v.Add("ratePerMinute", "must be between 60 and 1,000,000 notices per minute");
        }

        if (command.Templates is not { Count: > 0 })
        {
            v.Add("templates", "name at least one approved template version; use jurisdiction \"*\" for everyone not given their own");
        }

        for (var i = 0; i < (command.Templates?.Count ?? 0); i++)
        {
            var t = command.Templates![i];
            v.Required($"templates[{i}].jurisdiction", t.Jurisdiction, 20).Required($"templates[{i}].templateId", t.TemplateId, 100).Present($"templates[{i}].version", t.Version);
        }

        if (command.Content is not { } c)
        {
            return v.Add("content", "is required: what happened, likely consequences, what we are doing, what you can do, who to contact").ToProblem();
        }

        return v.Required("content.whatHappened", c.WhatHappened, 8000).Required("content.likelyConsequences", c.LikelyConsequences, 8000)
            .Required("content.whatWeAreDoing", c.WhatWeAreDoing, 8000).Required("content.whatYouCanDo", c.WhatYouCanDo, 8000)
            .Required("content.organisationName", c.OrganisationName, 200).Required("content.contactEmail", c.ContactEmail, 320)
            .Optional("content.contactPhone", c.ContactPhone, 50).Optional("content.dpoContact", c.DpoContact, 500).Optional("content.website", c.Website, 500)
            .NotInFuture("content.breachStartedAt", c.BreachStartedAt, now).NotBefore("content.breachEndedAt", c.BreachEndedAt, "content.breachStartedAt", c.BreachStartedAt)
            .ToProblem();
    }

    /// <summary>The scoping run whose people are the audience (the one named, else the latest that completed), and the named template versions.</summary>
    public static async Task<(ScopingRun?, IReadOnlyDictionary<string, NotificationTemplateVersion>)> LoadAsync(DraftCampaign command, Guid id, IQuerySession session,
        CancellationToken ct)
    {
        var run = command.ScopingRunId is { } wanted
            ? await session.LoadAsync<ScopingRun>(wanted, ct) is { IncidentId: var incidentId } named && incidentId == id ? named : null
            : (await session.Query<ScopingRun>().Where(r => r.IncidentId == id).OrderByDescending(r => r.RequestedAt).ToListAsync(ct))
            .FirstOrDefault(r => r.Status == ScopingRunStatus.Completed);
        var templates = await session.LoadManyAsync<NotificationTemplateVersion>(ct,
            (command.Templates ?? []).Select(t => NotificationTemplateVersion.IdFor(t.TemplateId!.Trim(), t.Version!.Value)));
        return (run, templates.ToDictionary(t => t.Id, StringComparer.Ordinal));
    }

    public static ProblemDetails Validate(DraftCampaign command, ScopingRun? run, IReadOnlyDictionary<string, NotificationTemplateVersion> templates)
    {
        if (run?.Result is null)
        {
            return new Validation().Add("scopingRunId", command.ScopingRunId is null
                ? "the incident has no completed scoping run; its affected people are the campaign's audience (POST …/scope)"
                : $"scoping run {command.ScopingRunId} of this incident did not complete").ToProblem();
        }

        var (_, problems) = Templates(command, run.Result, templates);
        return problems.Count > 0 ? Problems.InvalidDetails(problems) : WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/incidents/{id}/campaigns", OperationId = nameof(DraftCampaign),
        Summary = "Draft a notification campaign to the affected people of a scope assessment; two approvals start it")]
    [Authorize(Policies.DecideNotification)]
    public static (Created<CampaignView>, IStartStream) Post(DraftCampaign command, [ReadAggregate] Incident incident, ScopingRun run,
        IReadOnlyDictionary<string, NotificationTemplateVersion> templates, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now)
    {
        var c = command.Content!;
        var drafted = new CampaignDrafted(Guid.CreateVersion7(now), incident.Id, command.Name!.Trim(), run.Id, command.Channel!,
            command.Jurisdictions is { Count: > 0 } j ? [.. j.Select(x => x.Trim()).Distinct()] : null, Templates(command, run.Result!, templates).Choices,
            new NoticeContent(incident.Id.ToString("N")[..12].ToUpperInvariant(), incident.Title, incident.AwareAt ?? incident.DetectedAt, c.WhatHappened!.Trim(),
                c.LikelyConsequences!.Trim(), c.WhatWeAreDoing!.Trim(), c.WhatYouCanDo!.Trim(), c.BreachStartedAt, c.BreachEndedAt,
                c.OrganisationName!.Trim(), c.ContactEmail!.Trim(), c.ContactPhone?.Trim(), c.DpoContact?.Trim(), c.Website?.Trim()),
            command.RatePerMinute ?? DraftCampaign.DefaultRatePerMinute, command.Renotify ?? false);
        var campaign = Campaign.Create(new JasperFx.Events.Event<CampaignDrafted>(drafted) { Timestamp = now, UserName = CaseManagementClaims.ActorOf(user) })
            with { Version = 1 };
        return (TypedResults.Created($"/api/campaigns/{drafted.CampaignId}", CampaignView.Of(campaign, now)), MartenOps.StartStream<Campaign>(drafted.CampaignId, drafted));
    }

    /// <summary>Every named version must exist, be approved and fit the channel; every jurisdiction of the audience must get one.</summary>
    private static (List<TemplateChoice> Choices, Dictionary<string, string[]> Problems) Templates(DraftCampaign request, ScopingRunCompleted run,
        IReadOnlyDictionary<string, NotificationTemplateVersion> found)
    {
        var problems = new Dictionary<string, string[]>();
        var wanted = request.Templates!.Select(t => NotificationTemplateVersion.IdFor(t.TemplateId!.Trim(), t.Version!.Value)).ToArray();
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

}
