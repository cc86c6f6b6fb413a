using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Awareness;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Web.Actions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// One incident: header, allowed actions, facts, the deadline timeline and the record in sentences, now or as it was at
/// ?version=N or ?asOf=T. Actions post to this page's handler, which sends the API slice's own command (<see cref="Slices"/>);
/// the page offers a form only when the incident's lifecycle allows the action and the slice's own policy passes the person.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class IncidentPageModel(IQuerySession session, TimeProvider clock, Slices slices) : PageModel
{
    public IncidentDossier? Dossier { get; private set; }
    public Microsoft.AspNetCore.Mvc.ProblemDetails? Problem { get; private set; }

    /// <summary>The refused action's answer, shown beside its form's fields (422) or above it (409, 403).</summary>
    public SliceAnswer? Refusal { get; private set; }

    /// <summary>Which form the refusal belongs to; its fields show what the person typed, so nothing they wrote is lost.</summary>
    public string? RefusedForm { get; private set; }

    /// <summary>The forms offered to this person now, by group (<see cref="IncidentActions"/>).</summary>
    public IReadOnlyList<(string Group, IncidentActionForm Form)> Actions { get; private set; } = [];

    /// <summary>The response pages this person may start work on now (scoping, containment, notification), as tab name and path.</summary>
    public IReadOnlyList<(string Label, string Path)> ResponseStarts { get; private set; } = [];

    /// <summary>A fresh key per render: submitting the same rendered form twice records once (the API's Idempotency-Key).</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? asOf, long? version, CancellationToken ct)
    {
        await LoadAsync(id, AsOf(asOf), version, ct);
        return Page();
    }

    /// <summary>The picker's UTC date and time as an ISO instant; anything else goes to the API's own parsing (and its 400) as typed.</summary>
    private static string? AsOf(string? typed) => string.IsNullOrWhiteSpace(typed)
        ? null
        : UtcField.Read(typed) is { } utc ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : typed.Trim();

    /// <summary>Any of the page's decisions: <paramref name="form"/> names it; the command is the slice's own, built from the form's fields.</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? form, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            await LoadAsync(id, null, null, ct);
            return Page();
        }

        if (IncidentActions.For(incident, new FactsState()).Select(a => a.Form).FirstOrDefault(f => f.Id == form) is not { } action)
        {
            return NotFound();
        }

        var input = new ActionInput(Request.Form);
        var command = action.Command(input);
        var answer = input.Unreadable.Count > 0
            ? new SliceAnswer(StatusCodes.Status422UnprocessableEntity, "The form has values that cannot be sent", null, input.Unreadable, null)
            : await slices.PostAsync(HttpContext, action.OperationId, new { id }, command, input.IdempotencyKey, ct);
        if (answer.Succeeded)
        {
            Response.Headers.Location = $"/incidents/{id}#{action.Id}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        (Refusal, RefusedForm) = (answer, action.Id);
        await LoadAsync(id, null, null, ct);
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task LoadAsync(Guid id, string? asOf, long? version, CancellationToken ct)
    {
        Id = id;
        (Dossier, Problem) = await IncidentDossier.LoadAsync(session, id, asOf, version, clock.GetUtcNow(), ct);
        if (Problem is not null)
        {
            Response.StatusCode = Problem.Status ?? StatusCodes.Status400BadRequest;
            return;
        }

        // Decisions are taken now, never on a past version.
        if (Dossier is not { Point: null, Incident: var incident })
        {
            return;
        }

        var offered = new List<(string, IncidentActionForm)>();
        foreach (var (group, form) in IncidentActions.For(incident, Dossier.Facts))
        {
            if (incident.AllowedActions.Contains(form.Action) && await slices.MayAsync(User, form.OperationId))
            {
                offered.Add((group, form));
            }
        }

        Actions = offered;
        var starts = new List<(string, string)>();
        foreach (var (label, action, operationId, page) in ResponsePages)
        {
            if (incident.AllowedActions.Contains(action) && await slices.MayAsync(User, operationId))
            {
                starts.Add((label, $"/incidents/{id}/{page}"));
            }
        }

        ResponseStarts = starts;
    }

    private static readonly (string Label, IncidentAction Action, string OperationId, string Page)[] ResponsePages =
    [
        ("Scope the shop (Scoping)", IncidentAction.Scope, nameof(CaseManagement.Scoping.Starting.StartScopingRun), "scoping"),
        ("Run a containment playbook (Containment)", IncidentAction.StartContainment, nameof(CaseManagement.Containment.Starting.StartContainment), "containment"),
        ("Draft a notification campaign (Notification)", IncidentAction.Notify, nameof(CaseManagement.Notifications.Campaigns.Drafting.DraftCampaign), "notifications"),
    ];

    public IEnumerable<IncidentActionForm> ActionsIn(string group) => Actions.Where(a => a.Group == group).Select(a => a.Form);

    /// <summary>What a field shows: what the person typed when their form was refused, else the fact as it stands.</summary>
    public IReadOnlyList<string> Values(IncidentActionForm form, ActionField field) =>
        RefusedForm == form.Id
            ? field.Kind == ActionFieldKind.Counts ? TypedCounts() : [.. Request.Form[field.Name].Select(v => v ?? "")]
            : field.Defaults ?? [];

    private List<string> TypedCounts()
    {
        var rows = new List<string>();
        for (var row = 0; Request.Form.ContainsKey($"counts[{row}].residence"); row++)
        {
            rows.Add($"{Request.Form[$"counts[{row}].residence"]}={Request.Form[$"counts[{row}].count"]}");
        }

        return rows;
    }

    private static readonly HashSet<string> FactEvents = [.. new[]
    {
        typeof(AwarenessRecorded), typeof(AwarenessCorrected), typeof(ClockInstantRecorded), typeof(ClockInstantCorrected), typeof(DataCategoriesRecorded),
        typeof(EncryptionStatusRecorded), typeof(AffectedCountsRecorded), typeof(SectorFlagsRecorded), typeof(RiskAssessed),
        typeof(BreachStartRecorded),
    }.Select(JasperFx.Events.EventTypeExtensions.GetEventTypeName)];

    /// <summary>Whether a recorded event (by its stored type name) sets or corrects one of the facts the panel shows.</summary>
    public static bool IsFact(string eventType) => FactEvents.Contains(eventType);

    /// <summary>Time to detect as the audit report words it: from the recorded breach start, else the fact it needs, never zero.</summary>
    public static string TimeToDetect(Incident incident) => incident.BreachStartedAt is { } began
        ? $"{Wording.Span(incident.DetectedAt - began)} (breach start to detection)"
        : IncidentPhases.NeedsBreachStart;

    /// <summary>
    /// The API's messages for one field of one form, each with the field it names: a list field's items come back as
    /// <c>flags[1]</c> or <c>counts[0].residence</c>, and are shown beside the list.
    /// </summary>
    public IReadOnlyList<string> ErrorsFor(string form, string field) =>
        RefusedForm == form && Refusal is { } r
            ? [.. r.Errors.Where(e => e.Key == field || e.Key.StartsWith(field + "[", StringComparison.Ordinal))
                .SelectMany(e => e.Value.Select(message => $"{e.Key} {message}"))]
            : [];

    /// <summary>The refusal's message when it is not about one of the form's fields: a conflict, a refused role, a lifecycle rule.</summary>
    public string? MessageFor(IncidentActionForm form) =>
        RefusedForm == form.Id && Refusal is { } r && !form.Fields.Any(f => ErrorsFor(form.Id, f.Name).Count > 0)
            ? r.IsVersionConflict
                ? "Someone changed this incident after you opened it. Reload the page to see the change, then decide again."
                : r.Errors.Count > 0
                    ? string.Join("; ", r.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key} {message}")))
                    : $"{r.Title}: {r.Detail}"
            : null;
}
