using CaseManagement.Monitoring.Deciding;
using CaseManagement.Monitoring.Reviewing;
using CaseManagement.Monitoring.Scheduling;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
using CaseManagement.Web.Pages.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Pages.Shops;

/// <summary>
/// One shop's monitoring as GET /api/shops/{name}/monitoring answers it: the schedule and the recent passes (a failed one with
/// why), the changes raised and not accepted, and the baseline's history. Decisions go through the API's own slices: run a pass
/// now, accept a change into the baseline with a reason, set the schedule.
/// </summary>
[Authorize(Policy = Policies.ReadShops)]
public sealed class MonitoringModel(IQuerySession session, Slices slices, IAuthorizationService authorization) : ResponsePageModel(slices, authorization)
{
    public const string PassForm = "pass";
    public const string ScheduleForm = "schedule";

    public ShopMonitoringView View { get; private set; } = null!;
    public bool MayRunPass { get; private set; }
    public bool MayAccept { get; private set; }
    public bool MaySchedule { get; private set; }
    /// <summary>What was typed into a refused accept form, by the change's key.</summary>
    public IReadOnlyDictionary<string, string?> Typed { get; private set; } = new Dictionary<string, string?>();
    public int? TypedInterval { get; private set; }

    public Task<IActionResult> OnGetAsync(string name, CancellationToken ct) => LoadAsync(name, ct);

    /// <summary>POST /api/shops/{name}/monitoring/passes: the pass runs now; the first records the baseline.</summary>
    public async Task<IActionResult> OnPostPassAsync(string name, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync("RunMonitoringPass", new { name }, new { }, form.IdempotencyKey, ct);
        return await AnswerAsync(PathOf(name), PassForm, answer, () => LoadAsync(name, ct));
    }

    /// <summary>POST …/monitoring/accept: the change becomes part of the baseline, with who and why.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string name, string? key, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(AcceptBaselineChange), new { name }, new AcceptBaselineChange(key, string.IsNullOrWhiteSpace(form.Text) ? null : form.Text),
            form.IdempotencyKey, ct);
        Typed = new Dictionary<string, string?> { [key ?? ""] = form.Text };
        return await AnswerAsync(PathOf(name), AcceptFormId(key ?? ""), answer, () => LoadAsync(name, ct));
    }

    /// <summary>POST …/monitoring/schedule: the chain of passes restarts, the first one interval from now.</summary>
    public async Task<IActionResult> OnPostScheduleAsync(string name, int? intervalMinutes, string? idempotencyKey, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(SetMonitoringSchedule), new { name }, new SetMonitoringSchedule(intervalMinutes), idempotencyKey, ct);
        TypedInterval = intervalMinutes;
        return await AnswerAsync(PathOf(name), ScheduleForm, answer, () => LoadAsync(name, ct));
    }

    public static string PathOf(string shop) => $"/shops/{Uri.EscapeDataString(shop)}/monitoring";

    /// <summary>A form id from a change's key ("admin:17" → "accept-admin-17").</summary>
    public static string AcceptFormId(string key) => "accept-" + new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    private async Task<IActionResult> LoadAsync(string name, CancellationToken ct)
    {
        var (view, problem) = SliceAnswers.Read<ShopMonitoringView>(await GetShopMonitoringEndpoint.Get(name, session, ct));
        if (view is null)
        {
            return StatusCode(problem?.Status ?? StatusCodes.Status404NotFound);
        }

        View = view;
        MayRunPass = await SliceAllowsAsync("RunMonitoringPass");
        MayAccept = await SliceAllowsAsync(nameof(AcceptBaselineChange));
        MaySchedule = await SliceAllowsAsync(nameof(SetMonitoringSchedule));
        return Page();
    }
}
