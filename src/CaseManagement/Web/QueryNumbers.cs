using CaseManagement.Api;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CaseManagement.Web;

/// <summary>Query-string numbers a page's handler could not bind ("?page=first"), as the API's own validation words them.</summary>
public static class QueryNumbers
{
    /// <summary>
    /// Adds "must be a whole number" for each parameter the binder refused. Pages read "page" into a parameter named
    /// <c>pageNumber</c> ("page" is a route value of Razor Pages itself), so its error is reported under "page", as the API does.
    /// </summary>
    public static Validation Unreadable(this Validation validation, ModelStateDictionary state)
    {
        foreach (var field in state.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key))
        {
            validation.Add(field == "pageNumber" ? "page" : field, "must be a whole number");
        }

        return validation;
    }
}
