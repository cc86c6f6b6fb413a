using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns.Reviewing;
using CaseManagement.Security;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CaseManagement.Notifications.Campaigns;

public sealed record ApproveCampaign(string? Comment, long? ExpectedVersion);

public sealed record PauseCampaign(string? Reason, long? ExpectedVersion);

public sealed record ResumeCampaign(long? ExpectedVersion);

public sealed record CancelCampaign(string? Reason, long? ExpectedVersion);

/// <summary>
/// The decisions on a campaign: approvals (the two-person rule), pause, resume, cancel. Each is checked by the pure
/// <see cref="CampaignDecisions"/> against the campaign's stream and appended in one transaction (If-Match and
/// Idempotency-Key as on incidents); the second approval also starts the campaign and records that on the incident.
/// </summary>
public static class CampaignEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/campaigns/{campaignId:guid}").WithTags("Notification campaigns");
        campaigns.MapPost("/approve", (Guid campaignId, ApproveCampaign body, HttpContext http, IDocumentSession session, IOptions<JsonOptions> json,
                TimeProvider clock, CancellationToken ct) =>
                ExecuteAsync(http, session, json.Value, clock, campaignId, body, body.ExpectedVersion, CampaignAction.Approve, async (campaign, actor) =>
                {
                    var events = CampaignDecisions.Approve(campaign, actor, body.Comment?.Trim());
                    if (events.OfType<CampaignStarted>().SingleOrDefault() is { } started)
                    {
                        var incident = await session.Events.FetchForWriting<Incident>(campaign.IncidentId, ct);
                        incident.AppendOne(new NotificationCampaignStarted(campaign.IncidentId, campaign.Id, campaign.Name, campaign.Channel, started.Approvers));
                    }

                    return events;
                }, ct))
            .WithName("ApproveCampaign")
            .WithSummary("Approve a campaign; the second approval by a different person starts it")
            .RequireAuthorization(Policies.Approve)
            .ProducesCampaignChange();

        campaigns.MapPost("/pause", (Guid campaignId, PauseCampaign body, HttpContext http, IDocumentSession session, IOptions<JsonOptions> json,
                TimeProvider clock, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(body.Reason)
                    ? Task.FromResult(Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = ["is required"] }))
                    : ExecuteAsync(http, session, json.Value, clock, campaignId, body, body.ExpectedVersion, CampaignAction.Pause,
                        (c, _) => Task.FromResult<IReadOnlyList<object>>([new CampaignPaused(c.Id, body.Reason.Trim())]), ct))
            .WithName("PauseCampaign")
            .WithSummary("Pause sending; batches wait and carry on where they stood when resumed")
            .RequireAuthorization(Policies.DecideNotification)
            .ProducesCampaignChange();

        campaigns.MapPost("/resume", (Guid campaignId, ResumeCampaign body, HttpContext http, IDocumentSession session, IOptions<JsonOptions> json,
                TimeProvider clock, CancellationToken ct) =>
                ExecuteAsync(http, session, json.Value, clock, campaignId, body, body.ExpectedVersion, CampaignAction.Resume,
                    (c, _) => Task.FromResult<IReadOnlyList<object>>([new CampaignResumed(c.Id)]), ct))
            .WithName("ResumeCampaign")
            .WithSummary("Resume a paused campaign")
            .RequireAuthorization(Policies.DecideNotification)
            .ProducesCampaignChange();

        campaigns.MapPost("/cancel", (Guid campaignId, CancelCampaign body, HttpContext http, IDocumentSession session, IOptions<JsonOptions> json,
                TimeProvider clock, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(body.Reason)
                    ? Task.FromResult(Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = ["is required"] }))
                    : ExecuteAsync(http, session, json.Value, clock, campaignId, body, body.ExpectedVersion, CampaignAction.Cancel,
                        (c, _) => Task.FromResult<IReadOnlyList<object>>([new CampaignCancelled(c.Id, body.Reason.Trim())]), ct))
            .WithName("CancelCampaign")
            .WithSummary("Stop sending for good; what was sent stays recorded")
            .RequireAuthorization(Policies.DecideNotification)
            .ProducesCampaignChange();
    }

    private static RouteHandlerBuilder ProducesCampaignChange(this RouteHandlerBuilder route) => route
        .Produces<CampaignView>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> ExecuteAsync(HttpContext http, IDocumentSession session, JsonOptions json, TimeProvider clock, Guid campaignId,
        object body, long? bodyVersion, CampaignAction action, Func<Campaign, string, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
    {
        if (!CommandContext.TryRead(http, out var context, out var problem) || !ExpectedVersion.TryResolve(http, bodyVersion, out var expected, out problem))
        {
            return problem!;
        }

        var fingerprint = Idempotency.Fingerprint(body, json.SerializerOptions);
        if (context.IdempotencyKey is { } key && await Idempotency.TryReplayAsync(session, http, key, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        var stream = await session.Events.FetchForWriting<Campaign>(campaignId, ct);
        if (stream.Aggregate is not { } campaign)
        {
            return CampaignNotFound(campaignId);
        }

        if (expected is { } e && e != campaign.Version)
        {
            return Results.Problem(title: "Version conflict",
                detail: $"Campaign {campaignId} is at version {campaign.Version}, but the request expected version {e}. Reload it and decide again.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (CampaignDecisions.Refuse(campaign, action, context.Actor) is { } refusal)
        {
            return Results.Problem(title: "Not allowed now", detail: $"Cannot {ApiJson.WireName(action)}: {refusal}.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["campaignStatus"] = ApiJson.WireName(campaign.Status) });
        }

        var events = await decide(campaign, context.Actor);
        stream.AppendMany(events);
        var now = clock.GetUtcNow();
        var after = events.Aggregate(campaign with { Version = campaign.Version + events.Count }, (c, ev) => CampaignReplay.Apply(c, ev, now, context.Actor));
        var view = CampaignView.Of(after, now);
        session.CorrelationId = context.CorrelationId;
        session.CausationId = context.CausationId;
        session.LastModifiedBy = context.Actor;
        if (context.IdempotencyKey is { } k)
        {
            session.Insert(Idempotency.Record(http, k, fingerprint, StatusCodes.Status200OK, null, view, json.SerializerOptions, context.Actor, now));
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            return Results.Problem(title: "Version conflict", detail: $"Campaign {campaignId} changed while this request was processed. Reload it and decide again.",
                statusCode: StatusCodes.Status409Conflict);
        }

        http.Response.Headers.ETag = ExpectedVersion.ETag(view.Version);
        return Results.Ok(view);
    }

    public static IResult CampaignNotFound(Guid campaignId) =>
        Results.Problem(title: "Campaign not found", detail: $"No campaign with id {campaignId} exists in this organisation.", statusCode: StatusCodes.Status404NotFound);
}
