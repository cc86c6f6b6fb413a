using System.Collections.Frozen;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// A query parameter an endpoint does not take is a 400 that names it, on every endpoint (docs/adr/0019): a misspelt
/// <c>?asof=</c> or an unsupported <c>?version=</c> silently ignored answers something the caller did not ask for, and a
/// compliance lead would sign it. What an endpoint takes is what its chain binds (the handler's and its Validate/Load
/// methods' query values), read from Wolverine's own description of the chain, the same one the OpenAPI document shows.
/// </summary>
public sealed class KnownQueryParameters : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            chain.Metadata.WithMetadata(new TakenQueryParameters(chain));
            chain.Middleware.Insert(0, new MethodCall(typeof(KnownQueryParameters), nameof(Check)));
        }
    }

    public static ProblemDetails Check(HttpContext http)
    {
        var query = http.Request.Query;
        if (query.Count == 0 || http.GetEndpoint()?.Metadata.GetMetadata<TakenQueryParameters>() is not { } taken)
        {
            return WolverineContinue.NoProblems;
        }

        var unknown = query.Keys.Where(k => !taken.Names.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0)
        {
            return WolverineContinue.NoProblems;
        }

        var accepted = taken.Names.Order(StringComparer.Ordinal).ToArray();
        return new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = unknown.Length == 1 ? "Unknown query parameter" : "Unknown query parameters",
            Detail = $"{http.Request.Method} {taken.Route} does not take {string.Join(", ", unknown.Select(u => $"?{u}"))}; " +
                     (accepted.Length == 0 ? "it takes no query parameters." : $"it takes: {string.Join(", ", accepted)}."),
            Extensions = { ["unknownParameters"] = unknown, ["acceptedParameters"] = accepted },
        };
    }

    /// <summary>The query values a chain binds, read once its code is generated (the first request), when Wolverine knows them all.</summary>
    private sealed class TakenQueryParameters(HttpChain chain)
    {
        private readonly Lazy<FrozenSet<string>> _names = new(() => chain.CreateApiDescription(chain.HttpMethods.First()).ParameterDescriptions
            .Where(p => p.Source == BindingSource.Query)
            .Select(p => p.Name)
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase));

        public string Route { get; } = chain.RoutePattern?.RawText ?? "";

        // Query keys compare as ASP.NET Core reads them: case-insensitively.
        public FrozenSet<string> Names => _names.Value;
    }
}
