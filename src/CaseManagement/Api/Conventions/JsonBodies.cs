using System.Text.Json;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// Reads every JSON body by the API's rules before the endpoint binds it (docs/adr/0004): a body that is not JSON, a
/// misspelt field, a value of the wrong type are 400s that name the field without .NET type names, an instant without an
/// offset is a 422, a body sent as anything but JSON a 415. Wolverine then binds the same buffered bytes; the second
/// parse of a body this small costs microseconds and keeps one reader of the rules for every endpoint.
/// </summary>
public sealed class JsonBodies : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var read = chain.Middleware.FindIndex(f => f.GetType().Name == "ReadJsonBody");
            if (read >= 0 && chain.RequestType is { } requestType)
            {
                chain.Middleware.Insert(read, AggregateChains.Call(typeof(JsonBodies), nameof(CheckAsync), requestType));
            }
        }
    }

    public static async Task<ProblemDetails> CheckAsync<TBody>(HttpContext http, IOptions<JsonOptions> json)
    {
        var request = http.Request;
        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = $"Send the body as JSON with Content-Type: application/json (got '{type}').",
            };
        }

        request.EnableBuffering();
        try
        {
            if (request.ContentLength == 0 || await JsonSerializer.DeserializeAsync<TBody>(request.Body, json.Value.SerializerOptions, http.RequestAborted) is null)
            {
                return Problems.BadRequestDetails("A JSON body is required.");
            }
        }
        catch (JsonException ex)
        {
            return JsonErrors.IsInvalidInstant(ex, out var field, out var message)
                ? new Validation().Add(field, message).ToProblem()
                : Problems.BadRequestDetails(JsonErrors.Describe(ex));
        }
        finally
        {
            request.Body.Position = 0;
        }

        return WolverineContinue.NoProblems;
    }

    public static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);
}
