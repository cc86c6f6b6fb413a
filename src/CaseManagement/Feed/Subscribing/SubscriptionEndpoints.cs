using CaseManagement.Api;
using CaseManagement.Feed.Delivering;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using CaseManagement.Security.Tenancy;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;

namespace CaseManagement.Feed.Subscribing;

public sealed record CreateFeedSubscription(string? Url, IReadOnlyList<string>? Types, string? Secret, string? Description);

public sealed record ChangeFeedSubscription(string? Reason);

/// <summary>
/// Deliver again from a global sequence (inclusive) or from the first event recorded at or after an instant. The cursor
/// only moves back: a position after it changes nothing.
/// </summary>
public sealed record ReplayFeedSubscription(long? FromSequence, DateTimeOffset? FromTime);

/// <summary>
/// Integrators manage their organisation's webhooks; admins see them and may pause or revoke one (an emergency brake, as
/// for API keys), but only integrators start deliveries: create, resume, replay.
/// </summary>
public static class SubscriptionEndpoints
{
    private const int ConcurrencyAttempts = 3;

    public static void Map(IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/feed/subscriptions").WithTags("Integrator feed");

        subscriptions.MapPost("", CreateAsync)
            .WithName("CreateFeedSubscription")
            .WithSummary("Subscribe a webhook to the organisation's events; a generated secret is shown only in this answer")
            .RequireAuthorization(Policies.Integrate)
            .Produces<CreatedFeedSubscription>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        subscriptions.MapGet("", async (IQuerySession session, CancellationToken ct) =>
                Results.Ok((await session.Query<FeedSubscription>().OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(FeedSubscriptionView.Of).ToList()))
            .WithName("ListFeedSubscriptions")
            .WithSummary("The organisation's feed subscriptions with their delivery state, revoked ones included")
            .RequireAuthorization(Policies.OverseeFeedSubscriptions)
            .Produces<List<FeedSubscriptionView>>();

        subscriptions.MapGet("{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<FeedSubscription>(id, ct) is { } subscription ? Results.Ok(FeedSubscriptionView.Of(subscription)) : NotFound(id))
            .WithName("GetFeedSubscription")
            .WithSummary("One subscription: cursor, status, last error, attempts and next retry")
            .RequireAuthorization(Policies.OverseeFeedSubscriptions)
            .Produces<FeedSubscriptionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapPost("{id:guid}/pause", (Guid id, ChangeFeedSubscription? body, HttpContext http, OrganisationSessionFactory sessions,
                IMartenOutbox outbox, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, FeedSubscriptionAction.Pause, sessions, outbox, (s, _) =>
                {
                    s.Pause(CaseManagementClaims.ActorOf(http.User), body?.Reason?.Trim(), clock.GetUtcNow());
                    return Task.FromResult<IResult?>(null);
                }, ct))
            .WithName("PauseFeedSubscription")
            .WithSummary("Stop delivering; the cursor stays where it is")
            .RequireAuthorization(Policies.OverseeFeedSubscriptions)
            .ProducesChange();

        subscriptions.MapPost("{id:guid}/resume", (Guid id, HttpContext http, OrganisationSessionFactory sessions, IMartenOutbox outbox, TimeProvider clock,
                CancellationToken ct) =>
                ChangeAsync(id, FeedSubscriptionAction.Resume, sessions, outbox, (s, _) =>
                {
                    s.Resume(CaseManagementClaims.ActorOf(http.User), clock.GetUtcNow());
                    return Task.FromResult<IResult?>(null);
                }, ct))
            .WithName("ResumeFeedSubscription")
            .WithSummary("Deliver again (paused, failing or dead-lettered): the backlog follows in order, the next attempt is now")
            .RequireAuthorization(Policies.Integrate)
            .ProducesChange();

        subscriptions.MapPost("{id:guid}/replay", (Guid id, ReplayFeedSubscription body, HttpContext http, OrganisationSessionFactory sessions,
                IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, CancellationToken ct) =>
            {
                if ((body.FromSequence is null) == (body.FromTime is null))
                {
                    return Task.FromResult(Problems.Invalid(new Dictionary<string, string[]> { ["fromSequence"] = ["give fromSequence or fromTime, one of them"] }));
                }

                if (body.FromSequence < 0)
                {
                    return Task.FromResult(Problems.Invalid(new Dictionary<string, string[]> { ["fromSequence"] = ["must be 0 or more"] }));
                }

                return ChangeAsync(id, FeedSubscriptionAction.Replay, sessions, outbox, async (s, session) =>
                {
                    var from = body.FromSequence is { } sequence
                        ? Math.Max(sequence - 1, 0)
                        : await FeedReader.PositionBeforeAsync(session, body.FromTime!.Value, await FeedReader.CeilingAsync(store, ct), ct);
                    // Only back: what lies after the cursor is delivered anyway, and moving forward would skip it.
                    s.Replay(Math.Min(from, s.Cursor), CaseManagementClaims.ActorOf(http.User), clock.GetUtcNow());
                    return null;
                }, ct);
            })
            .WithName("ReplayFeedSubscription")
            .WithSummary("Move the cursor back: every event from that sequence or time is delivered again, in order")
            .RequireAuthorization(Policies.Integrate)
            .ProducesChange();

        subscriptions.MapPost("{id:guid}/revoke", (Guid id, ChangeFeedSubscription? body, HttpContext http, OrganisationSessionFactory sessions,
                IMartenOutbox outbox, PiiVault vault, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, FeedSubscriptionAction.Revoke, sessions, outbox, (s, session) =>
                {
                    s.Revoke(CaseManagementClaims.ActorOf(http.User), body?.Reason?.Trim(), clock.GetUtcNow());
                    vault.Shred(session, FeedSubscription.SecretSubject(s.Id));
                    return Task.FromResult<IResult?>(null);
                }, ct))
            .WithName("RevokeFeedSubscription")
            .WithSummary("End a subscription for good: nothing more is sent and its secret is destroyed; it stays listed")
            .RequireAuthorization(Policies.OverseeFeedSubscriptions)
            .ProducesChange();
    }

    private static async Task<IResult> CreateAsync(CreateFeedSubscription request, HttpContext http, IDocumentSession session, IDocumentStore store,
        IMartenOutbox outbox, PiiVault vault, IOptions<FeedOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Optional("description", request.Description, 500).Items("types", request.Types, maxCount: 200, maxLength: 200);
        if (await WebhookTarget.ProblemAsync(request.Url, options.Value.AllowPrivateTargets, ct) is { } target)
        {
            validation.Add("url", target);
        }

        if (request.Types is { Count: 0 })
        {
            validation.Add("types", "name at least one type, or leave types out for all of them");
        }

        for (var i = 0; i < (request.Types?.Count ?? 0); i++)
        {
            if (request.Types![i] is { } type && FeedCatalogue.Find(type) is null)
            {
                validation.Add($"types[{i}]", $"'{type}' is not a feed type; GET /api/feed/types lists them");
            }
        }

        if (request.Secret is { } given && WebhookSecret.Problem(given) is { } secretProblem)
        {
            validation.Add("secret", secretProblem);
        }

        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var secret = request.Secret ?? WebhookSecret.Generate();
        var subscription = new FeedSubscription
        {
            Id = id,
            Organisation = CaseManagementClaims.OrganisationOf(http.User)!,
            Url = request.Url!.Trim(),
            Types = request.Types is null ? null : [.. request.Types.Distinct(StringComparer.Ordinal)],
            Description = request.Description?.Trim(),
            Secret = await vault.ProtectAsync(session, FeedSubscription.SecretSubject(id), secret, ct),
            Status = FeedSubscriptionStatus.Active,
            // New subscriptions start with what is recorded from now on; a replay fetches the history.
            Cursor = await FeedReader.CeilingAsync(store, ct),
            CreatedAt = now,
            CreatedBy = CaseManagementClaims.ActorOf(http.User),
        };
        session.Insert(subscription);
        outbox.Enroll(session);
        await outbox.PublishAsync(new DeliverFeed(id), new DeliveryOptions { TenantId = subscription.Organisation });
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/feed/subscriptions/{id}",
            new CreatedFeedSubscription(request.Secret is null ? secret : null, FeedSubscriptionView.Of(subscription)));
    }

    /// <summary>
    /// Load, decide, save with the revision read: delivery may have moved the cursor meanwhile, in which case the change is
    /// decided again on the fresh state. An active subscription afterwards is woken, in the same transaction.
    /// </summary>
    private static async Task<IResult> ChangeAsync(Guid id, FeedSubscriptionAction action, OrganisationSessionFactory sessions, IMartenOutbox outbox,
        Func<FeedSubscription, IDocumentSession, Task<IResult?>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            if (await session.LoadAsync<FeedSubscription>(id, ct) is not { } subscription)
            {
                return NotFound(id);
            }

            if (subscription.Refuse(action) is { } refusal)
            {
                return Results.Problem(title: "Not possible now", detail: $"Cannot {ApiJson.WireName(action)}: {refusal}.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["subscriptionStatus"] = ApiJson.WireName(subscription.Status) });
            }

            if (await change(subscription, session) is { } problem)
            {
                return problem;
            }

            session.UpdateRevision(subscription, subscription.Version + 1);
            if (subscription.Status == FeedSubscriptionStatus.Active)
            {
                outbox.Enroll(session);
                await outbox.PublishAsync(new DeliverFeed(id), new DeliveryOptions { TenantId = subscription.Organisation });
            }

            try
            {
                await session.SaveChangesAsync(ct);
                return Results.Ok(FeedSubscriptionView.Of(subscription));
            }
            catch (ConcurrencyException) when (attempt < ConcurrencyAttempts)
            {
            }
        }
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem(title: "Feed subscription not found", detail: $"No feed subscription with id {id} exists in your organisation.",
            statusCode: StatusCodes.Status404NotFound);

    private static RouteHandlerBuilder ProducesChange(this RouteHandlerBuilder route) => route
        .Produces<FeedSubscriptionView>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
