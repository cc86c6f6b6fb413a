using System.Text.Json;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// The characters and values no endpoint accepts, checked once for every chain before anything binds or loads
/// (docs/adr/0020-hostile-input.md): text with a NUL, other control characters, unpaired surrogates or (in names) bidirectional
/// controls, <c>null</c> items of arrays and values of maps, in bodies; the same characters and instants outside the years the
/// service reads, in query strings and route values. Each is a 422 naming the field; nothing reaches PostgreSQL, which refuses
/// a NUL in jsonb with an error the client could only see as a 500.
/// </summary>
public sealed class InputRules : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            chain.Middleware.Insert(0, new JasperFx.CodeGeneration.Frames.MethodCall(typeof(InputRules), nameof(CheckAddress)));
            // Before the strict JSON reading, which would refuse an unpaired surrogate as malformed instead of naming the field.
            var read = chain.Middleware.FindIndex(f => f is JasperFx.CodeGeneration.Frames.MethodCall { HandlerType: var host } && host == typeof(JsonBodies));
            if (read >= 0 && chain.RequestType is { } requestType)
            {
                chain.Middleware.Insert(read, AggregateChains.Call(typeof(InputRules), nameof(CheckBodyAsync), requestType));
            }
        }
    }

    /// <summary>Query strings and route values: one-line values, and instants the service can compute with.</summary>
    public static ProblemDetails CheckAddress(HttpContext http)
    {
        var problems = new Validation();
        foreach (var (name, values) in http.Request.Query)
        {
            if (InputText.Problem(name, TextKind.Name) is { } nameProblem)
            {
                problems.Add("query", $"has a parameter name that {nameProblem}");
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (InputText.Problem(value, TextKind.Name) is { } problem)
                {
                    problems.Add(name, problem);
                }
                else if (LooksLikeInstant(value) && StrictInstantConverter.Read(value, out _) is { } instantProblem
                         && instantProblem.StartsWith(StrictInstantConverter.OutOfRange, StringComparison.Ordinal))
                {
                    // How an instant is written is the endpoint's to explain (400); when it is, the years are the service's rule.
                    problems.Add(name, instantProblem);
                }
            }
        }

        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string text && InputText.Problem(text, TextKind.Name) is { } problem)
            {
                problems.Add(name, problem);
            }
        }

        return problems.ToProblem();
    }

    public static async Task<ProblemDetails> CheckBodyAsync<TBody>(HttpContext http, IOptions<JsonOptions> json)
    {
        var request = http.Request;
        if (request.ContentLength == 0 || request.ContentType is { Length: > 0 } type && !JsonBodies.IsJson(type))
        {
            return WolverineContinue.NoProblems;
        }

        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, http.RequestAborted);
        request.Body.Position = 0;
        var problems = BodyText.Problems(body.GetBuffer().AsSpan(0, (int)body.Length), typeof(TBody), json.Value.SerializerOptions);
        return problems.Count == 0 ? WolverineContinue.NoProblems : Problems.InvalidDetails(problems);
    }

    // Only values written like an instant are read as one; any other text is the endpoint's to judge.
    private static bool LooksLikeInstant(string value) =>
        value.Length is >= 16 and <= 40 && char.IsAsciiDigit(value[0]) && value[4] == '-' && value[10] == 'T';
}
