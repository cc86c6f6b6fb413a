using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Scoping.Reviewing;
using CaseManagement.Scoping.Starting;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// The incident's scoping runs as GET /api/incidents/{id}/scope answers them (the same slice method), the latest run's live
/// progress and results, and the what-if panel, which asks POST /api/incidents/{id}/deadlines/what-if's own method.
/// Reading never appends: watching a run leaves the incident's version where it was.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class ScopingModel(IQuerySession session, TimeProvider clock, Slices slices, IAuthorizationService authorization)
    : ResponsePageModel(slices, authorization)
{
    public const string StartForm = "start";

    public ResponseHeader Header { get; private set; } = null!;
    public ScopingRunsView Runs { get; private set; } = null!;
    public WhatIfQuestion Question { get; private set; } = new(null, null, null);
    public DeadlineWhatIfView? WhatIf { get; private set; }
    public IReadOnlyDictionary<string, string[]> WhatIfErrors { get; private set; } = new Dictionary<string, string[]>();

    public bool Running => Runs.Latest?.Status == "running";

    /// <summary>The start form's window as typed, or by default the thirty days before detection up to now.</summary>
    public ScopingForm Start { get; private set; } = new();

    public bool MayStart { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? residence, long? count, string? encryption, CancellationToken ct) =>
        LoadAsync(id, residence, count, encryption, ct);

    /// <summary>POST …/scope with the window typed in UTC; the data categories stay the incident's.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid id, ScopingForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(StartScopingRun), new { id },
            new StartScopingRun(ScopingForm.Instant(form.From), ScopingForm.Instant(form.To), null, form.ExpectedVersion), form.IdempotencyKey, ct);
        Start = form;
        return await AnswerAsync($"/incidents/{id}/scoping", StartForm, answer, () => LoadAsync(id, null, null, null, ct));
    }

    private async Task<IActionResult> LoadAsync(Guid id, string? residence, long? count, string? encryption, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return NotFound();
        }

        MayStart = incident.AllowedActions.Contains(IncidentAction.Scope) && await MayAsync(Policies.RecordFacts);
        if (Start.From is null && Start.To is null)
        {
            var now = clock.GetUtcNow();
            Start = new ScopingForm { From = ScopingForm.Text(incident.DetectedAt.AddDays(-30)), To = ScopingForm.Text(now) };
        }

        Header = new ResponseHeader(incident, ResponseHeader.Scoping);
        var (runs, problem) = SliceAnswers.Read<ScopingRunsView>(await GetScopingRunsEndpoint.Get(id, session, ct));
        if (runs is null)
        {
            return StatusCode(problem?.Status ?? StatusCodes.Status500InternalServerError);
        }

        Runs = runs;
        Question = new WhatIfQuestion(Blank(residence), count, Blank(encryption));
        if (Question.Asked)
        {
            await AskWhatIfAsync(id, ct);
        }

        return Page();
    }

    private async Task AskWhatIfAsync(Guid id, CancellationToken ct)
    {
        var request = Question.ToRequest();
        var refused = WhatIfDeadlinesEndpoint.Validate(request);
        // The form's two fields make one count of the API's request: each needs the other.
        if ((Question.Residence is null) != (Question.Count is null))
        {
            WhatIfErrors = new Dictionary<string, string[]>
            {
                [Question.Residence is null ? "residence" : "count"] = ["give a residence and its number of people together"],
            };
            return;
        }

        if (refused is HttpValidationProblemDetails)
        {
            WhatIfErrors = SliceAnswers.FieldErrors(refused);
            return;
        }

        var (view, problem) = SliceAnswers.Read<DeadlineWhatIfView>(await WhatIfDeadlinesEndpoint.Post(id, request, null, session, clock.GetUtcNow(), ct));
        WhatIf = view;
        WhatIfErrors = SliceAnswers.FieldErrors(problem);
    }

    public string? ErrorFor(string field) => WhatIfErrors.TryGetValue(field, out var messages) ? $"{Words.Of(field)} {string.Join("; ", messages)}" : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The start form. Instants are typed as UTC date and time (a datetime-local field has no zone, so the label says UTC); a
/// value the browser could not have sent reaches the API as missing, and the API says what it needs.
/// </summary>
public sealed class ScopingForm
{
    public string? From { get; set; }
    public string? To { get; set; }
    public long? ExpectedVersion { get; set; }
    public string? IdempotencyKey { get; set; }

    public static DateTimeOffset? Instant(string? text) => UtcField.Read(text);

    public static string Text(DateTimeOffset at) => UtcField.Text(at);
}

/// <summary>The what-if panel's question: one residence's count and/or the encryption, everything else as recorded.</summary>
public sealed record WhatIfQuestion(string? Residence, long? Count, string? Encryption)
{
    public bool Asked => Residence is not null || Count is not null || Encryption is not null;

    public DeadlineWhatIf ToRequest() => new(null,
        Residence is not null && Count is { } count ? [new AffectedCount(Residence, count)] : null, null, Encryption, null, null, null, null);
}
