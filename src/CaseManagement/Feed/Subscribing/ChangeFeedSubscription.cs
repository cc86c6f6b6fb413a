using System.Security.Claims;
using CaseManagement.Feed.Delivering;
using CaseManagement.Security.Pii;
using JasperFx;
using Marten;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Feed.Subscribing;

public sealed record ChangeFeedSubscription(string? Reason);

/// <summary>
/// Deliver again from a global sequence (inclusive) or from the first event recorded at or after an instant. The cursor
/// only moves back: a position after it changes nothing.
/// </summary>
public sealed record ReplayFeedSubscription(long? FromSequence, DateTimeOffset? FromTime);

/// <summary>A person's change to a subscription, carried out by <see cref="FeedSubscriptionChangeHandler"/>.</summary>
public sealed record ChangeSubscription(Guid SubscriptionId, FeedSubscriptionAction Action, string Actor, string? Reason = null, long? ReplayFrom = null,
    DateTimeOffset? ReplayFromTime = null);

/// <summary>What a change came to: the subscription as it now stands, or why it could not be made.</summary>
public sealed record SubscriptionChange(FeedSubscriptionView? Subscription, ProblemDetails? Refusal)
{
    public IResult Answer() => Refusal is { } problem ? Results.Problem(problem) : Results.Ok(Subscription);
}

/// <summary>
/// Integrators manage their organisation's webhooks; admins may pause or revoke one (an emergency brake, as for API keys),
/// but only integrators start deliveries: resume, replay. Deliveries move a subscription's cursor at the same time, so a
/// person's change runs as a Wolverine command whose concurrency failures are retried against the fresh subscription.
/// </summary>
public static class FeedSubscriptionChangeHandler
{
    public static void Configure(HandlerChain chain) => chain.OnException<ConcurrencyException>().RetryTimes(3);

    public static async Task<(SubscriptionChange, OutgoingMessages)> Handle(ChangeSubscription command, IDocumentSession session, IDocumentStore store,
        PiiVault vault, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<FeedSubscription>(command.SubscriptionId, ct) is not { } subscription)
        {
            return (new SubscriptionChange(null, NotFound(command.SubscriptionId)), []);
        }

        if (subscription.Refuse(command.Action) is { } refusal)
        {
            return (new SubscriptionChange(null, new ProblemDetails
            {
                Title = "Not possible now", Detail = $"Cannot {ApiJson.WireName(command.Action)}: {refusal}.", Status = StatusCodes.Status409Conflict,
                Extensions = { ["subscriptionStatus"] = ApiJson.WireName(subscription.Status) },
            }), []);
        }

        switch (command.Action)
        {
            case FeedSubscriptionAction.Pause:
                subscription.Pause(command.Actor, command.Reason, now);
                break;
            case FeedSubscriptionAction.Resume:
                subscription.Resume(command.Actor, now);
                break;
            case FeedSubscriptionAction.Revoke:
                subscription.Revoke(command.Actor, command.Reason, now);
                vault.Shred(session, FeedSubscription.SecretSubject(subscription.Id));
                break;
            case FeedSubscriptionAction.Replay:
                var from = command.ReplayFrom is { } sequence
                    ? Math.Max(sequence - 1, 0)
                    : await FeedReader.PositionBeforeAsync(session, command.ReplayFromTime!.Value, await FeedReader.CeilingAsync(store, ct), ct);
                // Only back: what lies after the cursor is delivered anyway, and moving forward would skip it.
                subscription.Replay(Math.Min(from, subscription.Cursor), command.Actor, now);
                break;
        }

        session.UpdateRevision(subscription, subscription.Version + 1);
        return (new SubscriptionChange(FeedSubscriptionView.Of(subscription), null),
            subscription.Status == FeedSubscriptionStatus.Active ? [new DeliverFeed(subscription.Id)] : []);
    }

    public static ProblemDetails NotFound(Guid id) => new()
    {
        Title = "Feed subscription not found", Detail = $"No feed subscription with id {id} exists in your organisation.", Status = StatusCodes.Status404NotFound,
    };
}

public static class PauseFeedSubscriptionEndpoint
{
    [WolverinePost("/api/feed/subscriptions/{id}/pause", OperationId = "PauseFeedSubscription", Summary = "Stop delivering; the cursor stays where it is")]
    [Authorize(Policies.OverseeFeedSubscriptions), Tags("Integrator feed")]
    public static async Task<IResult> Pause(Guid id, ChangeFeedSubscription? body, ClaimsPrincipal user, IMessageBus bus) =>
        (await bus.InvokeAsync<SubscriptionChange>(new ChangeSubscription(id, FeedSubscriptionAction.Pause, CaseManagementClaims.ActorOf(user), body?.Reason?.Trim())))
        .Answer();
}

public static class ResumeFeedSubscriptionEndpoint
{
    [WolverinePost("/api/feed/subscriptions/{id}/resume", OperationId = "ResumeFeedSubscription",
        Summary = "Deliver again (paused, failing or dead-lettered): the backlog follows in order, the next attempt is now")]
    [Authorize(Policies.Integrate), Tags("Integrator feed")]
    public static async Task<IResult> Resume(Guid id, ClaimsPrincipal user, IMessageBus bus) =>
        (await bus.InvokeAsync<SubscriptionChange>(new ChangeSubscription(id, FeedSubscriptionAction.Resume, CaseManagementClaims.ActorOf(user)))).Answer();
}

public static class ReplayFeedSubscriptionEndpoint
{
    public static ProblemDetails Validate(ReplayFeedSubscription body)
    {
        var validation = new Validation();
        if ((body.FromSequence is null) == (body.FromTime is null))
        {
            validation.Add("fromSequence", "give fromSequence or fromTime, one of them");
        }

        if (body.FromSequence < 0)
        {
            validation.Add("fromSequence", "must be 0 or more");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/feed/subscriptions/{id}/replay", OperationId = "ReplayFeedSubscription",
        Summary = "Move the cursor back: every event from that sequence or time is delivered again, in order")]
    [Authorize(Policies.Integrate), Tags("Integrator feed")]
    public static async Task<IResult> Replay(Guid id, ReplayFeedSubscription body, ClaimsPrincipal user, IMessageBus bus) =>
        (await bus.InvokeAsync<SubscriptionChange>(new ChangeSubscription(id, FeedSubscriptionAction.Replay, CaseManagementClaims.ActorOf(user),
            ReplayFrom: body.FromSequence, ReplayFromTime: body.FromTime))).Answer();
}

public static class RevokeFeedSubscriptionEndpoint
{
    [WolverinePost("/api/feed/subscriptions/{id}/revoke", OperationId = "RevokeFeedSubscription",
        Summary = "End a subscription for good: nothing more is sent and its secret is destroyed; it stays listed")]
    [Authorize(Policies.OverseeFeedSubscriptions), Tags("Integrator feed")]
    public static async Task<IResult> Revoke(Guid id, ChangeFeedSubscription? body, ClaimsPrincipal user, IMessageBus bus) =>
        (await bus.InvokeAsync<SubscriptionChange>(new ChangeSubscription(id, FeedSubscriptionAction.Revoke, CaseManagementClaims.ActorOf(user),
            body?.Reason?.Trim()))).Answer();
}

public static class FeedSubscriptionQueries
{
    [WolverineGet("/api/feed/subscriptions", OperationId = "ListFeedSubscriptions",
        Summary = "The organisation's feed subscriptions with their delivery state, revoked ones included")]
    [Authorize(Policies.OverseeFeedSubscriptions), Tags("Integrator feed")]
    public static async Task<List<FeedSubscriptionView>> List(IQuerySession session, CancellationToken ct) =>
        [.. (await session.Query<FeedSubscription>().OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(FeedSubscriptionView.Of)];

    [WolverineGet("/api/feed/subscriptions/{id}", OperationId = "GetFeedSubscription", Summary = "One subscription: cursor, status, last error, attempts and next retry")]
    [Authorize(Policies.OverseeFeedSubscriptions), Tags("Integrator feed")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<FeedSubscription>(id, ct) is { } subscription
            ? Results.Ok(FeedSubscriptionView.Of(subscription))
            : Results.Problem(FeedSubscriptionChangeHandler.NotFound(id));
}
