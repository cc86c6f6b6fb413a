namespace CaseManagement.Api.Conventions;

/// <summary>
/// What every problem answer carries, wherever it was written (an endpoint, Wolverine, routing, the status-code pages):
/// the request id to quote, and a sentence a person can act on for the answers that the framework writes bare.
/// </summary>
public static partial class ProblemDetailsConventions
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        problem.Extensions.Remove("traceId");
        if (problem.Status == StatusCodes.Status409Conflict && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ShowsSecretOnceAttribute>() is { } secret
            && problem.Detail?.Contains($"'{IdempotencyKeys.Header}' has already been handled", StringComparison.Ordinal) == true)
        {
            // Wolverine keeps only the claim for these, never the answer (it holds a secret shown once).
            problem.Title = "Already done";
            problem.Detail = $"This {IdempotencyKeys.Header} already did its work here; nothing new was created. The answer held a secret shown only " +
                             $"once, so it is not repeated: {secret.WhereToFind}.";
            return;
        }

        if (problem.Status == StatusCodes.Status404NotFound && problem.Detail is { } detail && MissingEntity().Match(detail) is { Success: true } missing)
        {
            // Wolverine's words for a route id that loads nothing ("Unknown ContainmentRun with identity …"), as ours say it.
            var what = Words().Replace(missing.Groups["type"].Value, " $1").ToLowerInvariant();
            problem.Title = $"{char.ToUpperInvariant(what[0])}{what[1..]} not found";
            problem.Detail = $"No {what} with id {missing.Groups["id"].Value} exists.";
            return;
        }

        if (problem.Detail is not null)
        {
            return;
        }

        if (problem.Status == StatusCodes.Status403Forbidden)
        {
            Security.Forbidden.ExplainRoles(problem, context.HttpContext);
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {request.Method} {request.Path}; see /openapi/v1.json for the routes.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Path} does not take {request.Method}" + (context.HttpContext.Response.Headers.Allow is { Count: > 0 } allow ? $"; it takes {allow}." : "."),
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
            StatusCodes.Status406NotAcceptable => "The API answers in JSON (application/json, application/problem+json); accept one of them.",
            _ => null,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Unknown (?<type>[A-Za-z]+) with identity (?<id>.+)$")]
    private static partial System.Text.RegularExpressions.Regex MissingEntity();

    [System.Text.RegularExpressions.GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial System.Text.RegularExpressions.Regex Words();
}
