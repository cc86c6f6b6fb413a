using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using CaseManagement.Web.Actions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// One incident: header, allowed actions, facts, the deadline timeline and the record in sentences, now or as it was at
/// ?version=N or ?asOf=T. Actions post to this page's handlers, which send the API slice's own command (<see cref="Slices"/>).
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class IncidentPageModel(IQuerySession session, TimeProvider clock, Slices slices, IAuthorizationService authorization) : PageModel
{
    public IncidentDossier? Dossier { get; private set; }
    public Microsoft.AspNetCore.Mvc.ProblemDetails? Problem { get; private set; }

    /// <summary>The refused action's answer, shown beside its form's fields (422) or above it (409, 403).</summary>
    public SliceAnswer? Refusal { get; private set; }

    /// <summary>Which form the refusal belongs to, and the values the person typed, so nothing they wrote is lost.</summary>
    public string? RefusedForm { get; private set; }
    public EncryptionForm Encryption { get; private set; } = new();

    public bool MayRecordFacts { get; private set; }

    /// <summary>A fresh key per render: submitting the same rendered form twice records once (the API's Idempotency-Key).</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? asOf, long? version, CancellationToken ct)
    {
        await LoadAsync(id, string.IsNullOrWhiteSpace(asOf) ? null : asOf.Trim(), version, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEncryptionAsync(Guid id, EncryptionForm form, CancellationToken ct)
    {
        var answer = await slices.PostAsync(HttpContext, nameof(RecordEncryptionStatus), new { id },
            new RecordEncryptionStatus(form.Status, form.Reason, form.ExpectedVersion), form.IdempotencyKey, ct);
        Encryption = form;
        return await AnswerAsync(id, "encryption", answer, ct);
    }

    /// <summary>Success: back to the page by GET (303), so a reload never posts again. Refusal: the page again, with the API's words.</summary>
    private async Task<IActionResult> AnswerAsync(Guid id, string form, SliceAnswer answer, CancellationToken ct)
    {
        if (answer.Succeeded)
        {
            Response.Headers.Location = $"/incidents/{id}#{form}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        Refusal = answer;
        RefusedForm = form;
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

        MayRecordFacts = (await authorization.AuthorizeAsync(User, Policies.RecordFacts)).Succeeded;
    }

    /// <summary>An action is offered only now (never as of the past), when the lifecycle allows it and the person's roles do.</summary>
    public bool Offers(IncidentAction action) =>
        Dossier is { Point: null } d && MayRecordFacts && d.Incident.AllowedActions.Contains(action);

    private static readonly HashSet<string> FactEvents = [.. new[]
    {
        typeof(AwarenessRecorded), typeof(AwarenessCorrected), typeof(ClockInstantRecorded), typeof(ClockInstantCorrected), typeof(DataCategoriesRecorded),
        typeof(EncryptionStatusRecorded), typeof(AffectedCountsRecorded), typeof(SectorFlagsRecorded), typeof(RiskAssessed),
    }.Select(JasperFx.Events.EventTypeExtensions.GetEventTypeName)];

    /// <summary>Whether a recorded event (by its stored type name) sets or corrects one of the facts the panel shows.</summary>
    public static bool IsFact(string eventType) => FactEvents.Contains(eventType);

    public IReadOnlyList<string> ErrorsFor(string form, string field) =>
        RefusedForm == form && Refusal is { } r ? r.ErrorsFor(field) : [];

    /// <summary>The refusal's message when it is not about one field: a conflict, a refused role, a lifecycle rule.</summary>
    public string? MessageFor(string form) => RefusedForm == form && Refusal is { } r && r.Errors.Count == 0
        ? r.IsVersionConflict
            ? "Someone changed this incident after you opened it. Reload the page to see the change, then decide again."
            : $"{r.Title}: {r.Detail}"
        : null;
}

/// <summary>The encryption form's fields, named as the API command's JSON fields so problem details land beside them.</summary>
public sealed class EncryptionForm
{
    public string? Status { get; set; }
    public string? Reason { get; set; }
    public long? ExpectedVersion { get; set; }
    public string? IdempotencyKey { get; set; }
}
