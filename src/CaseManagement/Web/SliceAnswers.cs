using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web;

/// <summary>
/// What a read slice answered, taken apart for a page: the value, or the problem the API would have sent. Pages call the
/// slice's own method (same query, same refusal), so the page and the API cannot disagree.
/// </summary>
public static class SliceAnswers
{
    public static (T? Value, ProblemDetails? Problem) Read<T>(IResult answer) where T : class => answer switch
    {
        IValueHttpResult { Value: T value } => (value, null),
        ProblemHttpResult problem => (null, problem.ProblemDetails),
        IStatusCodeHttpResult { StatusCode: { } status } => (null, new ProblemDetails { Status = status, Title = $"The service answered {status}" }),
        _ => throw new InvalidOperationException($"A read slice answered {answer.GetType().Name}, which a page cannot show"),
    };

    /// <summary>Field → messages of a 422 problem (the fields the API names), for showing next to the form fields.</summary>
    public static IReadOnlyDictionary<string, string[]> FieldErrors(ProblemDetails? problem) =>
        problem is HttpValidationProblemDetails validation ? validation.Errors.AsReadOnly() : new Dictionary<string, string[]>();
}
