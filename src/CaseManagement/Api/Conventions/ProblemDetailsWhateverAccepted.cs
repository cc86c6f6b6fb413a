using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Conventions;

/// <summary>
/// The last writer of problem details, for a client whose Accept names nothing JSON (text/html, image/png): ASP.NET Core's
/// own writer declines those and the status-code pages fall back to a bare text line. An error answer may be sent whatever
/// the client accepts (RFC 9110, 12.5.1), and problem details are the only error body this API has (issue 15).
/// </summary>
public sealed class ProblemDetailsWhateverAccepted(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, typeof(ProblemDetails), (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json", context.HttpContext.RequestAborted));
    }
}
