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
        // Idempotency keys' first answers are kept in Wolverine's message store, in the event store's database.
        opts.Durability.EnableDeduplicatedResponses = true;
        // A route naming a stream or document that does not exist answers 404 with a problem, not an empty body.
        opts.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
    }

    public static void UseHttpConventions(this WolverineHttpOptions opts)
    {
        opts.TenantId.IsClaimTypeNamed(Security.CaseManagementClaims.Organisation);
        opts.DefaultClaimInTransaction = true;
        opts.RejectUnparseableQueryValues = true;
        opts.AddPolicy<IdempotencyKeyPolicy>();
        opts.AddPolicy<JsonBodies>();
        opts.AddPolicy<InputRules>();
        opts.AddPolicy<RequestStamping>();
        opts.AddPolicy<UnknownIds>();
        opts.AddPolicy<ExpectedVersions>();
        opts.AddPolicy<AnswerWithTheDecidedState>();
    }
}
