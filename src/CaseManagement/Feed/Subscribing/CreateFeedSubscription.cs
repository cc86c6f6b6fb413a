using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using CaseManagement.Api.Conventions;
using CaseManagement.Feed.Delivering;
using CaseManagement.Security.Pii;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Feed.Subscribing;

/// <param name="IncludeExercises">Also deliver the organisation's exercises, each event with the "exercise" extension (ADR 24).</param>
public sealed record CreateFeedSubscription(string? Url, IReadOnlyList<string>? Types, string? Secret, string? Description, bool? IncludeExercises = null);

/// <summary>
/// Subscribe a webhook to the organisation's events. Deliveries start with what is recorded from now on (a replay fetches the
/// history); the first delivery is handed out in the same transaction as the subscription.
/// </summary>
public static class CreateFeedSubscriptionEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(CreateFeedSubscription request, IOptions<FeedOptions> options, CancellationToken ct)
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

        return validation.ToProblem();
    }

    [WolverinePost("/api/feed/subscriptions", OperationId = nameof(CreateFeedSubscription),
        Summary = "Subscribe a webhook to the organisation's events; a generated secret is shown only in this answer")]
    [Authorize(Policies.Integrate), Tags("Integrator feed"), ShowsSecretOnce("GET /api/feed/subscriptions lists the organisation's subscriptions")]
    public static async Task<(Created<CreatedFeedSubscription>, Insert<FeedSubscription>, OutgoingMessages)> Post(CreateFeedSubscription request,
        ClaimsPrincipal user, IDocumentSession session, IDocumentStore store, PiiVault vault, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var secret = request.Secret ?? WebhookSecret.Generate();
        var subscription = new FeedSubscription
        {
            Id = id,
            Organisation = CaseManagementClaims.OrganisationOf(user)!,
            Url = request.Url!.Trim(),
            Types = request.Types is null ? null : [.. request.Types.Distinct(StringComparer.Ordinal)],
            Description = request.Description?.Trim(),
            IncludeExercises = request.IncludeExercises == true,
            Secret = await vault.ProtectAsync(session, FeedSubscription.SecretSubject(id), secret, ct),
            Status = FeedSubscriptionStatus.Active,
            Cursor = await FeedReader.CeilingAsync(store, ct),
            CreatedAt = now,
            CreatedBy = CaseManagementClaims.ActorOf(user),
        };
        return (TypedResults.Created($"/api/feed/subscriptions/{id}",
                new CreatedFeedSubscription(request.Secret is null ? secret : null, FeedSubscriptionView.Of(subscription))),
            Storage.Insert(subscription), [new DeliverFeed(id)]);
    }
}
