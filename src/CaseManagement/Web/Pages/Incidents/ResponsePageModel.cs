using CaseManagement.Web.Actions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// What the response pages share for their forms (docs/adr/0026): a decision is the API slice's own command sent to the
/// slice's own endpoint in process (<see cref="Slices"/>); success answers 303 back to the page, a refusal shows the page
/// again with the API's status and words beside the form's fields.
/// </summary>
public abstract class ResponsePageModel(Slices slices, IAuthorizationService authorization) : PageModel
{
    /// <summary>The refused decision's answer and which form it belongs to.</summary>
    public SliceAnswer? Refusal { get; private set; }
    public string? RefusedForm { get; private set; }

    /// <summary>A fresh key per render: submitting the same rendered form twice records once (the API's Idempotency-Key).</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>A form is offered only to a person whose roles pass the policy its endpoint names; the endpoint checks again.</summary>
    public async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(User, policy)).Succeeded;

    /// <summary>Whether the person's roles pass the policy of the slice with <paramref name="operationId"/> (<see cref="Slices.MayAsync"/>).</summary>
    public Task<bool> SliceAllowsAsync(string operationId, string method = "POST") => slices.MayAsync(User, operationId, method);

    /// <summary>The API's messages for one field of one form, when that form was refused.</summary>
    public IReadOnlyList<string> ErrorsFor(string form, string field) => RefusedForm == form && Refusal is { } refusal ? refusal.ErrorsFor(field) : [];

    /// <summary>The refusal's reason when it belongs to no field (403, 409, a lifecycle refusal), for the form it came from.</summary>
    public string? ProblemFor(string form) => RefusedForm == form && Refusal is { } refusal && refusal.Errors.Count == 0
        ? refusal.IsVersionConflict ? "Someone changed this in the meantime; reload the page and decide again. " + refusal.Detail : refusal.Detail ?? refusal.Title
        : null;

    protected Task<SliceAnswer> SendAsync(string operationId, object route, object command, string? idempotencyKey, CancellationToken ct) =>
        slices.PostAsync(HttpContext, operationId, route, command, idempotencyKey, ct);

    /// <summary>A slice that answers with what it wrote and records nothing (<see cref="Slices.PostForAsync{T}"/>).</summary>
    protected Task<(SliceAnswer Answer, T? Value)> DraftAsync<T>(string operationId, object route, object command, CancellationToken ct) where T : class =>
        slices.PostForAsync<T>(HttpContext, operationId, route, command, ct);

    protected Task<SliceDownload> DownloadAsync(string operationId, object route, CancellationToken ct) =>
        slices.GetAsync(HttpContext, operationId, route, ct);

    /// <summary>A refusal: the page again, with the API's status and words for <paramref name="form"/>.</summary>
    protected async Task<IActionResult> RefusedAsync(string form, SliceAnswer answer, Func<Task<IActionResult>> render)
    {
        (Refusal, RefusedForm) = (answer, form);
        var page = await render();
        Response.StatusCode = answer.Status;
        return page;
    }

    /// <summary>Success: back to <paramref name="path"/> by GET (303), so a reload never posts again. Refusal: the page again, with the API's words.</summary>
    protected async Task<IActionResult> AnswerAsync(string path, string form, SliceAnswer answer, Func<Task<IActionResult>> render)
    {
        if (answer.Succeeded)
        {
            Response.Headers.Location = $"{path}#{form}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        return await RefusedAsync(form, answer, render);
    }
}

/// <summary>A decision with one line of text (a comment, a reason, a justification), at the version the page showed.</summary>
public sealed class DecisionForm
{
    public string? Text { get; set; }
    public long? ExpectedVersion { get; set; }
    public string? IdempotencyKey { get; set; }
}
