using CaseManagement.Incidents;

namespace CaseManagement.Api;

/// <summary>RFC 9457 problem responses with the messages people need to correct a request.</summary>
public static class Problems
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails BadRequestDetails(string detail) =>
        new() { Title = "The request is malformed", Detail = detail, Status = StatusCodes.Status400BadRequest };

    /// <summary>"Incident 0192…" or "Campaign 0192…": how a stream is named to people.</summary>
    public static string Describe(Type aggregate, Guid id) => $"{aggregate.Name} {id}";

    public static Microsoft.AspNetCore.Mvc.ProblemDetails VersionConflictDetails(string what, long expected, long actual) => new()
    {
        Title = "Version conflict",
        Detail = $"{what} is at version {actual}, but the request expected version {expected}. Reload it and decide again.",
        Status = StatusCodes.Status409Conflict,
        Extensions = { ["expectedVersion"] = expected, ["currentVersion"] = actual },
    };

    public static IResult BadRequest(string detail) =>
        Results.Problem(title: "The request is malformed", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Invalid(IDictionary<string, string[]> errors) => Results.Problem(InvalidDetails(errors));

    /// <summary>Every invalid value at once, each under its field (422).</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails InvalidDetails(IDictionary<string, string[]> errors) => new HttpValidationProblemDetails(errors)
    {
        Title = "The request has invalid values",
        Status = StatusCodes.Status422UnprocessableEntity,
        Detail = string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
    };

    public static IResult IncidentNotFound(Guid id) =>
        Results.Problem(title: "Incident not found", detail: $"No incident with id {id} exists.", statusCode: StatusCodes.Status404NotFound);

    public static IResult InvalidInstantQuery(string name, string text) =>
        BadRequest($"{name} must be an ISO-8601 instant with an offset, e.g. 2026-11-22T09:30:00Z (got '{text}'). In a URL, write '+' as %2B.");

    public static IResult IncidentNotFoundAt(Guid id, DateTimeOffset at) =>
        Results.Problem(title: "Incident not found at that time",
            detail: $"Incident {id} had not been recorded at {at.UtcDateTime:O} (or does not exist).", statusCode: StatusCodes.Status404NotFound);

    public static IResult VersionConflict(Guid id, long expected, long actual) =>
        Results.Problem(
            title: "Version conflict",
            detail: $"Incident {id} is at version {actual}, but the request expected version {expected}. Reload the incident and decide again.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["expectedVersion"] = expected, ["currentVersion"] = actual });

    public static IResult ConcurrentChange(Guid id) =>
        Results.Problem(
            title: "Version conflict",
            detail: $"Incident {id} was changed by someone else while this request was processed. Reload the incident and decide again.",
            statusCode: StatusCodes.Status409Conflict);

    public static IResult InvalidTransition(LifecycleRejection rejection) => Results.Problem(InvalidTransitionDetails(rejection));

    public static Microsoft.AspNetCore.Mvc.ProblemDetails InvalidTransitionDetails(LifecycleRejection rejection)
    {
        var allowed = rejection.AllowedActions.Select(ApiJson.WireName).ToArray();
        var status = ApiJson.WireName(rejection.CurrentStatus);
        return new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Title = "Invalid lifecycle transition",
            Detail = $"Cannot {ApiJson.WireName(rejection.Action)}: the incident is '{status}' and {rejection.Reason}. Allowed next: {string.Join(", ", allowed)}.",
            Status = StatusCodes.Status409Conflict,
            Extensions = { ["currentStatus"] = status, ["allowedActions"] = allowed },
        };
    }
}
