using CaseManagement.Api;
using CaseManagement.Incidents;
using CaseManagement.Notifications.RegulatorSubmissions;
using CaseManagement.Notifications.Submissions;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// Submissions to regulators, attorneys general, police and card brands for one incident: a document drafted from the record
/// by the API's draft slice (POST …/submissions/draft: nothing is recorded, its gaps are listed), and the submission recorded
/// with the duty it meets by the API's record slice (POST …/submissions), beside the submissions already recorded.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class SubmissionsModel(IQuerySession session, TimeProvider clock, Slices slices, IAuthorizationService authorization)
    : ResponsePageModel(slices, authorization)
{
    public const string DraftForm = "draft-submission";
    public const string RecordForm = "record-submission";

    public ResponseHeader Header { get; private set; } = null!;
    /// <summary>The incident's duties still owed to someone other than the people affected (a campaign tells those).</summary>
    public IReadOnlyList<TimelineObligation> Duties { get; private set; } = [];
    public bool MayDraft { get; private set; }
    public bool MayRecord { get; private set; }
    public SubmissionDraftForm Draft { get; private set; } = new();
    public SubmissionDocument? Document { get; private set; }
    public RecordSubmissionForm Record { get; private set; } = new();

    public static IReadOnlyList<string> DraftedKinds => [.. ApiJson.WireNames<SubmissionKind>().Where(k => k != ApiJson.WireName(SubmissionKind.Other))];
    public static IReadOnlyList<string> Kinds => [.. ApiJson.WireNames<SubmissionKind>()];
    public static IReadOnlyList<string> Recipients => [.. Vocabulary.Recipients.Where(r => r != "individuals")];

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    /// <summary>The draft slice writes the document; the page shows it and fills the record form with its kind and hash.</summary>
    public async Task<IActionResult> OnPostDraftAsync(Guid id, SubmissionDraftForm form, CancellationToken ct)
    {
        var (answer, document) = await DraftAsync<SubmissionDocument>(nameof(DraftSubmission), new { id }, form.Command(), ct);
        Draft = form;
        if (!answer.Succeeded)
        {
            return await RefusedAsync(DraftForm, answer, () => LoadAsync(id, ct));
        }

        Document = document;
        Record = new RecordSubmissionForm { Kind = form.Kind, DocumentSha256 = document?.Sha256 };
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRecordAsync(Guid id, RecordSubmissionForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(RecordRegulatorSubmission), new { id }, form.Command(), form.IdempotencyKey, ct);
        Record = form;
        return await AnswerAsync($"/incidents/{id}/notifications/submissions", RecordForm, answer, () => LoadAsync(id, ct));
    }

    /// <summary>The refused form's messages for fields it does not show (the draft's "content": no campaign yet).</summary>
    public IEnumerable<string> OtherProblems(string form, IReadOnlyCollection<string> shown) =>
        RefusedForm == form && Refusal is { } refusal
            ? refusal.Errors.Where(e => !shown.Contains(e.Key)).Select(e => $"{e.Key} {string.Join("; ", e.Value)}")
            : [];

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return NotFound();
        }

        Header = new ResponseHeader(incident, "Regulator submissions");
        var history = await DeadlineHistory.NowAsync(session, id, ct) ?? new DeadlineHistory { Id = id };
        Duties = [.. DeadlineTimeline.Build(id, history, clock.GetUtcNow(), EvaluationOptions.Default, CatalogueStore.Embedded).Obligations
            .Where(o => o.Owed.Any(r => r != "individuals"))];
        MayDraft = await SliceAllowsAsync(nameof(DraftSubmission));
        MayRecord = incident.AllowedActions.Contains(IncidentAction.RecordRegulatorSubmission) && await SliceAllowsAsync(nameof(RecordRegulatorSubmission));
        return Page();
    }
}

/// <summary>What to draft, named as the draft slice names it; the card facts flattened (card.*).</summary>
public sealed class SubmissionDraftForm
{
    public string? Kind { get; set; }
    public string? Jurisdiction { get; set; }
    public string? DelayReasons { get; set; }
    public string? ConsequencesForRegulator { get; set; }
    public string? CardAcquirer { get; set; }
    public string? CardBrands { get; set; }
    public long? CardAccountsAtRisk { get; set; }

    public DraftSubmission Command() => new(Kind, Blank(Jurisdiction), Blank(DelayReasons), Blank(ConsequencesForRegulator),
        Blank(CardAcquirer) is null && Blank(CardBrands) is null && CardAccountsAtRisk is null
            ? null
            : new CardIncidentRequest(null, CardAccountsAtRisk, CardBrands is null ? null : [.. CardBrands.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Blank(CardAcquirer), null, null));

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The submission as it was made, named as the record slice names it; the instant typed in UTC.</summary>
public sealed class RecordSubmissionForm
{
    public string? RuleId { get; set; }
    public string? Kind { get; set; }
    public string? SubmittedAt { get; set; }
    public string? Channel { get; set; }
    public string? Reference { get; set; }
    public string? DocumentSha256 { get; set; }
    public List<string> Recipients { get; set; } = [];
    public long? ExpectedVersion { get; set; }
    public string? IdempotencyKey { get; set; }

    public RecordRegulatorSubmission Command() => new(RuleId, Kind, UtcField.Read(SubmittedAt), SubmissionDraftForm.Blank(Channel),
        SubmissionDraftForm.Blank(Reference), SubmissionDraftForm.Blank(DocumentSha256), Recipients.Count == 0 ? null : Recipients, ExpectedVersion);
}
