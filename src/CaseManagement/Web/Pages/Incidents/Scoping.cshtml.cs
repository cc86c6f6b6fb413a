using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Scoping.Reviewing;
using CaseManagement.Security;
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
public sealed class ScopingModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public ResponseHeader Header { get; private set; } = null!;
    public ScopingRunsView Runs { get; private set; } = null!;
    public WhatIfQuestion Question { get; private set; } = new(null, null, null);
    public DeadlineWhatIfView? WhatIf { get; private set; }
    public IReadOnlyDictionary<string, string[]> WhatIfErrors { get; private set; } = new Dictionary<string, string[]>();

    public bool Running => Runs.Latest?.Status == "running";

    public async Task<IActionResult> OnGetAsync(Guid id, string? residence, long? count, string? encryption, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return NotFound();
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

/// <summary>The what-if panel's question: one residence's count and/or the encryption, everything else as recorded.</summary>
public sealed record WhatIfQuestion(string? Residence, long? Count, string? Encryption)
{
    public bool Asked => Residence is not null || Count is not null || Encryption is not null;

    public DeadlineWhatIf ToRequest() => new(null,
        Residence is not null && Count is { } count ? [new AffectedCount(Residence, count)] : null, null, Encryption, null, null, null, null);
}
