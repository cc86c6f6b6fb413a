using CaseManagement.Paging.Acknowledging;
using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Roster;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
using CaseManagement.Web.Pages.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PagingPage = CaseManagement.Paging.Pages.Page;

namespace CaseManagement.Web.Pages.Paging;

/// <summary>
/// Paging (ADR 32) as the API reads it: the open pages and the latest answered ones (GET /api/pages), each with whom it went
/// to and every delivery, and taking a page on (POST /api/pages/{id}/acknowledge); for admins, the on-call roster and who is on
/// duty now (GET /api/on-call/roster). Each part is shown to those whose roles pass its slice's policy.
/// </summary>
[Authorize]
public sealed class PagingModel(IQuerySession session, TimeProvider clock, Slices slices, IAuthorizationService authorization)
    : ResponsePageModel(slices, authorization)
{
    public bool MayReadPages { get; private set; }
    public bool MayAcknowledge { get; private set; }
    public bool MayReadRoster { get; private set; }
    public IReadOnlyList<PagingPage> Open { get; private set; } = [];
    public IReadOnlyList<PagingPage> Answered { get; private set; } = [];
    public OnCallRosterView? Roster { get; private set; }
    public string? RosterMissing { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid pageId, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(AcknowledgePage), new { id = pageId }, new AcknowledgePage(string.IsNullOrWhiteSpace(form.Text) ? null : form.Text),
            form.IdempotencyKey, ct);
        return await AnswerAsync("/paging", AcknowledgeFormId(pageId), answer, () => LoadAsync(ct));
    }

    public static string AcknowledgeFormId(Guid pageId) => $"acknowledge-{pageId:N}";

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        MayReadPages = await SliceAllowsAsync("ListPages", HttpMethods.Get);
        MayAcknowledge = await SliceAllowsAsync(nameof(AcknowledgePage));
        MayReadRoster = await SliceAllowsAsync("GetOnCallRoster", HttpMethods.Get);
        if (MayReadPages)
        {
            Open = SliceAnswers.Read<List<PagingPage>>(await PageReadEndpoints.List(session, "open", 50, ct)).Value ?? [];
            Answered = [.. (SliceAnswers.Read<List<PagingPage>>(await PageReadEndpoints.List(session, "all", 20, ct)).Value ?? [])
                .Where(p => p.Status != PageStatus.Open)];
        }

        if (MayReadRoster)
        {
            (Roster, var missing) = SliceAnswers.Read<OnCallRosterView>(await GetOnCallRosterEndpoint.Get(session, clock.GetUtcNow(), ct));
            RosterMissing = missing?.Detail;
        }

        return Page();
    }
}
