using Wolverine;
using Wolverine.Http;
using Wolverine.Persistence;

namespace CaseManagement.Api.Conventions;

/// <summary>What every endpoint gets, as Wolverine policies rather than code in each slice (docs/adr/0004).</summary>
public static class HttpConventions
{
    /// <summary>Wolverine-wide settings the HTTP conventions rely on.</summary>
    public static void UseHttpConventions(this WolverineOptions opts)
    {
        opts.CodeGeneration.Sources.Insert(0, new ServiceClock());
        opts.CodeGeneration.Sources.Insert(0, new Readiness.Exercises.Clock.CaseClockSource());
        // Idempotency keys' first answers are kept in Wolverine's message store, in the event store's database.
        opts.Durability.EnableDeduplicatedResponses = true;
        // Secret-showing endpoints keep only a claim on the key (never the answer); Wolverine's claims need this mode on.
        opts.Durability.MessageDeduplicationMode = MessageDeduplicationMode.CompareByHash;
        // A route naming a stream or document that does not exist answers 404 with a problem, not an empty body.
        opts.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
    }

    public static void UseHttpConventions(this WolverineHttpOptions opts)
    {
        // An exercise named in X-Exercise first (ADR 24), otherwise the organisation of the token.
        opts.TenantId.DetectWith(new Readiness.Exercises.ExerciseTenantDetection());
        opts.TenantId.IsClaimTypeNamed(Security.CaseManagementClaims.Organisation);
        opts.DefaultClaimInTransaction = true;
        opts.RejectUnparseableQueryValues = true;
        opts.AddPolicy<KnownQueryParameters>();
        opts.AddPolicy<IdempotencyKeyPolicy>();
        opts.AddPolicy<JsonBodies>();
        opts.AddPolicy<InputRules>();
        opts.AddPolicy<RequestStamping>();
        opts.AddPolicy<UnknownIds>();
        opts.AddPolicy<ExpectedVersions>();
        opts.AddPolicy<AnswerWithTheDecidedState>();
    }
}
