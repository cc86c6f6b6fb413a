using CaseManagement.Api.Conventions;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Closing;
using CaseManagement.Readiness.Policy;
using Marten;

namespace CaseManagement.Readiness.Reviews;

/// <summary>
/// Closing an incident whose severity the organisation's readiness policy names (high and critical unless set) needs its
/// post-incident review completed (ADR 24). Woven into the close command after the lifecycle gate, so the close slice itself
/// does not know about reviews.
/// </summary>
public sealed class ReviewGate : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RequestType == typeof(CloseIncident)))
        {
            var lifecycle = chain.Middleware.FindIndex(f => f is JasperFx.CodeGeneration.Frames.MethodCall { HandlerType: var host } && host == typeof(IncidentLifecycleGate));
            var at = lifecycle >= 0 ? lifecycle + 1 : chain.AfterVersionIsChecked(typeof(Incident));
            chain.Middleware.Insert(at, new JasperFx.CodeGeneration.Frames.MethodCall(typeof(ReviewGate), nameof(CheckAsync)));
        }
    }

    public static async Task<ProblemDetails> CheckAsync(Incident incident, IDocumentSession session, IDocumentStore store, CancellationToken ct)
    {
        var policy = await ReadinessPolicy.ForTenantAsync(session, store, ct);
        if (!Requires(incident, policy))
        {
            return WolverineContinue.NoProblems;
        }

        return Refusal(incident, policy, await session.LoadAsync<Review>(ReviewStreams.For(incident.Id), ct)) ?? WolverineContinue.NoProblems;
    }

    /// <summary>A false positive was no breach to learn from; an incident of unclassified severity is not one the policy names.</summary>
    public static bool Requires(Incident incident, ReadinessPolicy policy) =>
        incident.Status != IncidentStatus.FalsePositive && incident.Severity is { } severity && policy.ReviewRequiredFor.Contains(severity);

    /// <summary>Null when the review is completed; otherwise a 409 naming the review that is missing and what completes it.</summary>
    public static ProblemDetails? Refusal(Incident incident, ReadinessPolicy policy, Review? review)
    {
        if (!Requires(incident, policy) || review is { IsCompleted: true })
        {
            return null;
        }

        var reviewId = ReviewStreams.For(incident.Id);
        var rule = $"The organisation's readiness policy requires a completed post-incident review to close a {ApiJson.WireName(incident.Severity!.Value)} incident " +
                   $"(severities: {string.Join(", ", policy.ReviewRequiredFor.Select(s => ApiJson.WireName(s)))}; POST /api/readiness/policy changes them).";
        var missing = review is null
            ? $"No review is started: POST /api/incidents/{incident.Id}/review, record its findings, then POST /api/reviews/{reviewId}/complete."
            : $"Review {reviewId} is open{(review.RootCause is null ? " and has no root cause yet (POST /api/reviews/{reviewId}/findings)" : "")}: " +
              $"POST /api/reviews/{reviewId}/complete completes it.";
        return new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "A completed post-incident review is needed to close",
            Detail = $"{rule} {missing}",
            Extensions = { ["missing"] = "post-incident-review", ["reviewId"] = reviewId, ["reviewStatus"] = review is null ? "not-started" : "open" },
        };
    }
}
