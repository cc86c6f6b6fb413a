using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace CaseManagement.Api;

/// <summary>
/// Last line of defence: every failure leaves as RFC 9457 problem details, never as a stack trace.
/// Expected failures (bad JSON, oversize bodies, lost races) get their proper status and a useful message.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // A well-formed JSON string that is not a usable instant is an invalid value, not malformed JSON.
        if (exception is BadHttpRequestException { InnerException: JsonException { Message: var message } invalidInstant }
            && StrictInstantConverter.IsInstantProblem(message))
        {
            var field = string.IsNullOrEmpty(invalidInstant.Path) ? "$" : invalidInstant.Path.TrimStart('$', '.');
            http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await Problems.Invalid(new Dictionary<string, string[]> { [field] = [message] }).ExecuteAsync(http);
            return true;
        }

        if (Infrastructure.DatabaseOutage.IsOutage(exception))
        {
            // Not the request's fault and not a defect: the event store is away for a while, and the client should come back.
            logger.LogWarning(exception, "PostgreSQL unavailable for {Method} {Path}", http.Request.Method, http.Request.Path);
            var wait = Infrastructure.DatabaseOutage.RetryAfter;
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The event store is unavailable",
                    Detail = $"PostgreSQL does not answer, so this request could not be completed; try again in {wait.TotalSeconds:0} s. " +
                             $"If it was a POST, repeat it with the same {Conventions.IdempotencyKeys.Header} to be sure it is done once.",
                },
            });
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "The request body is too large", $"Bodies are limited to {RequestLimits.MaxBodyBytes / 1024} KiB."),
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request is malformed", JsonErrors.Describe(json)),
            BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
                (400, "The request is malformed", "A JSON body is required."),
            BadHttpRequestException bad when bad.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) =>
                (415, "Unsupported media type", "Send the body as JSON with Content-Type: application/json."),
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed", "The request could not be read."),
            // Not only incidents: a triage item or an alert may be the record that moved (a new sighting correlated to it, say).
            JasperFx.ConcurrencyException => (409, "Version conflict", "What this request changes was changed by someone else (a person, or the service placing a new alert) while the request was processed; nothing of it was recorded. Reload it and decide again."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled."),
            _ => (500, "Unexpected error", $"The request failed and nothing was recorded. Quote request id {http.TraceIdentifier} when reporting it."),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled failure for {Method} {Path}", http.Request.Method, http.Request.Path);
        }

        http.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

public static class RequestLimits
{
    /// <summary>Commands are small; anything bigger is a mistake or an attack.</summary>
    public const long MaxBodyBytes = 256 * 1024;
}
