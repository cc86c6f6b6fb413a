using CaseManagement.Incidents;
using CaseManagement.Notifications.NoticeTemplates;
using CaseManagement.Notifications.Templates;
using CaseManagement.Security;
using CaseManagement.Web.Actions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// One notice template, seen from an incident: its versions, a version's text with what stops its approval (the API's own
/// check, each problem with the rule it cites) beside the field it concerns, a new draft version written from it
/// (POST /api/notice-templates), its rendering for a person this incident's latest scope found (the preview slice with
/// ?incidentId=), and its approval by a second person (POST …/versions/{v}/approve; the 422 lists the same problems).
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class NoticeTemplateModel(IQuerySession session, Slices slices, IAuthorizationService authorization) : ResponsePageModel(slices, authorization)
{
    public const string EditForm = "edit";
    public const string ApproveForm = "approve";
    public const string PreviewPart = "preview";

    /// <summary>The fields of a version, as the API names them: the approval's 422 and the draft's 422 key their messages by these.</summary>
    public static readonly IReadOnlyList<string> Fields = ["channel", "language", "jurisdiction", "subject", "body"];

    public ResponseHeader Header { get; private set; } = null!;
    public string TemplateId { get; private set; } = "";
    public IReadOnlyList<NotificationTemplateVersion> Versions { get; private set; } = [];
    public NotificationTemplateVersion? Shown { get; private set; }
    /// <summary>What stops the shown draft's approval, as GET …/versions/{v} lists it; empty for an approved version.</summary>
    public IReadOnlyList<TemplateProblem> ApprovalProblems { get; private set; } = [];
    public TemplateForm Edit { get; private set; } = new();
    public bool MayDraft { get; private set; }
    /// <summary>The approve policy passes and this person did not draft the shown version (four eyes; the API checks both again).</summary>
    public bool MayApprove { get; private set; }
    public NoticePreview? Preview { get; private set; }
    public Microsoft.AspNetCore.Mvc.ProblemDetails? PreviewRefusal { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? templateId, int? version, string? preview, string? example, CancellationToken ct) =>
        LoadAsync(id, templateId, version, preview is not null, example, null, ct);

    /// <summary>POST /api/notice-templates: a new version from what the form holds; the API numbers it after the latest.</summary>
    public async Task<IActionResult> OnPostDraftAsync(Guid id, string templateId, TemplateForm form, CancellationToken ct)
    {
        var answer = await SendAsync(nameof(DraftNoticeTemplate), new { },
            new DraftNoticeTemplate(templateId, form.Channel, form.Language, form.Jurisdiction, Blank(form.Subject), form.Body), form.IdempotencyKey, ct);
        return await AnswerAsync(PathOf(id, templateId), EditForm, answer, () => LoadAsync(id, templateId, null, false, null, form, ct));
    }

    /// <summary>POST /api/notice-templates/{templateId}/versions/{version}/approve; a refusal lists its problems beside the fields.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, string templateId, int version, DecisionForm form, CancellationToken ct)
    {
        var answer = await SendAsync("ApproveNoticeTemplate", new { templateId, version }, new { }, form.IdempotencyKey, ct);
        return await AnswerAsync($"{PathOf(id, templateId)}?version={version}", ApproveForm, answer,
            () => LoadAsync(id, templateId, version, false, null, null, ct));
    }

    /// <summary>
    /// Beside a field: when a form was refused field by field, the slice's own words (the approval's 422, or the draft's for what
    /// was typed); otherwise what the API's approval check finds in the shown version now (the check the approval runs).
    /// </summary>
    public IReadOnlyList<string> ProblemsFor(string field) =>
        Refusal is { Errors.Count: > 0 } refusal
            ? refusal.ErrorsFor(field)
            : [.. ApprovalProblems.Where(p => p.Field == field).Select(p => p.Line is { } line ? $"{p.Message} (line {line}, column {p.Column})" : p.Message)];

    /// <summary>The refused form's messages for fields the form does not show (the template id from the address, say).</summary>
    public IEnumerable<string> OtherProblems() =>
        Refusal?.Errors.Where(e => !Fields.Contains(e.Key)).Select(e => $"{e.Key} {string.Join("; ", e.Value)}") ?? [];

    public static string PathOf(Guid incidentId, string templateId) => $"/incidents/{incidentId}/notifications/templates/{Uri.EscapeDataString(templateId)}";

    private async Task<IActionResult> LoadAsync(Guid id, string? templateId, int? version, bool preview, string? example, TemplateForm? typed,
        CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return NotFound();
        }

        Header = new ResponseHeader(incident, ResponseHeader.Notification);
        TemplateId = templateId?.Trim() ?? "";
        if (TemplateId.Length == 0)
        {
            return Redirect($"/incidents/{id}/notifications#templates");
        }

        Versions = [.. (await NoticeTemplates.List(session, ct)).Where(t => t.TemplateId == TemplateId)];
        Shown = version is { } wanted ? Versions.FirstOrDefault(v => v.Version == wanted) : Versions.LastOrDefault();
        if (version is not null && Shown is null)
        {
            return NotFound();
        }

        if (Shown is not null)
        {
            var (view, _) = SliceAnswers.Read<NoticeTemplateView>(await NoticeTemplates.Get(Shown.TemplateId, Shown.Version, session, ct));
            ApprovalProblems = view?.ApprovalProblems ?? [];
            MayApprove = !Shown.IsApproved && Shown.CreatedBy != CaseManagementClaims.ActorOf(User) && await SliceAllowsAsync("ApproveNoticeTemplate");
            if (preview)
            {
                (Preview, PreviewRefusal) = SliceAnswers.Read<NoticePreview>(await NoticeTemplates.Preview(Shown.TemplateId, Shown.Version, id, session, ct));
            }
        }

        MayDraft = await SliceAllowsAsync(nameof(DraftNoticeTemplate));
        Edit = typed ?? (Shown is not null ? TemplateForm.Of(Shown) : TemplateForm.FromExample(example));
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A template version's fields as the draft form posts them (the API's names), and where they start from.</summary>
public sealed class TemplateForm
{
    public string? Channel { get; set; } = "email";
    public string? Language { get; set; } = "en";
    public string? Jurisdiction { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? IdempotencyKey { get; set; }

    public static TemplateForm Of(NotificationTemplateVersion version) => new()
    {
        Channel = Api.ApiJson.WireName(version.Channel), Language = version.Language, Jurisdiction = version.Jurisdiction, Subject = version.Subject,
        Body = version.Body,
    };

    /// <summary>The shipped examples in English, by the jurisdiction they are written for (GET /api/notice-templates/examples/{jurisdiction}).</summary>
    public static readonly IReadOnlyList<(string Jurisdiction, string Words)> Examples =
        [("US-CA", "California (US-CA)"), ("EU", "the EU, under the GDPR (EU)"), (ContentRequirements.CatchAll, "everyone else (*)")];

    /// <summary>A first version starts from a shipped example (GET /api/notice-templates/examples/{jurisdiction}) when one is named, else empty.</summary>
    public static TemplateForm FromExample(string? jurisdiction) =>
        jurisdiction is not null && ExampleTemplates.For(jurisdiction, NotificationChannel.Email, "en") is { } example
            ? new TemplateForm { Jurisdiction = example.Jurisdiction, Language = example.Language, Subject = example.Subject, Body = example.Body }
            : new TemplateForm();
}
