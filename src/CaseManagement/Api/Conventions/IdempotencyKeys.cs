using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// Every POST honours an optional <c>Idempotency-Key</c> with Wolverine's own deduplication: the first answer is
/// written with the work, in the same Marten transaction, and a repeat of the same bytes gets it back without running
/// again; the same key with another body is a 422. Keys belong to the caller's organisation, the caller and the route.
/// </summary>
public sealed class IdempotencyKeyPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HttpMethods.Contains("POST") && c.DeduplicatedWithResponse is null && c.Deduplication is null))
        {
            if (chain.Method.Method.IsDefined(typeof(ShowsSecretOnceAttribute), false))
            {
                // Only the claim is kept, never the answer: a repeat is refused (409) rather than shown the secret again.
                chain.Deduplication = new Wolverine.Persistence.DeduplicationRequirement { Required = false };
                continue;
            }

            chain.DeduplicatedWithResponse = new DeduplicatedWithResponseRequirement
            {
                Scope = DeduplicationScope.Tenant | DeduplicationScope.User | DeduplicationScope.Endpoint,
                Required = false,
            };
        }
    }
}

public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// Marks a replayed answer, as clients of other idempotent APIs expect: a successful answer to a keyed POST whose work
    /// this request did not do can only have come from the first request's record.
    /// </summary>
    public static IApplicationBuilder UseIdempotentReplayHeader(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.ContainsKey(Header))
            {
                http.Response.OnStarting(() =>
                {
                    if (http.Response.StatusCode < 400 && !HttpHandler.IsDeduplicatedWorkDone(http))
                    {
                        http.Response.Headers[ReplayedHeader] = "true";
                    }

                    return Task.CompletedTask;
                });
            }

            await next(http);
        });
}

/// <summary>
/// Marks an endpoint whose answer holds a secret shown once (an API key, a webhook signing secret). Its answer is never
/// kept for replay: a repeat of its <c>Idempotency-Key</c> still creates nothing, and is told where to find what was made.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShowsSecretOnceAttribute(string whereToFind) : Attribute
{
    public string WhereToFind { get; } = whereToFind;
}

/// <summary>
/// Documents <c>Idempotency-Key</c> on every operation whose Wolverine chain honours it, read from the chain itself, so
/// the OpenAPI document cannot promise a key the endpoint ignores (or hide one it honours).
/// </summary>
public sealed class IdempotencyKeyDocumentation : Microsoft.AspNetCore.OpenApi.IOpenApiOperationTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault() is not { } chain
            || (chain.DeduplicatedWithResponse is null && chain.Deduplication is null))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
        {
            Name = IdempotencyKeys.Header,
            In = Microsoft.OpenApi.ParameterLocation.Header,
            Required = false,
            Description = chain.DeduplicatedWithResponse is not null
                ? "Optional. A repeat with the same key and body gets the first answer (marked Idempotent-Replayed: true) and does nothing " +
                  "again; the same key with another body is 422."
                : "Optional. The answer shows a secret once, so it is never replayed: a repeat with the same key does nothing and is 409.",
            Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
        });
        return Task.CompletedTask;
    }
}
