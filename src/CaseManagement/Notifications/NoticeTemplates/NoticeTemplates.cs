using CaseManagement.Notifications.Templates;
using Marten;

namespace CaseManagement.Notifications.NoticeTemplates;

public sealed record NoticePreview(string? Subject, string Body, string Sha256, TemplateModel Sample);

/// <summary>Reading notice templates: every version, one version, the shipped examples, and a preview for a sample recipient.</summary>
public static class NoticeTemplates
{
    public static ProblemDetails NotFound(string templateId, int version) => new()
    {
        Title = "Template not found", Detail = $"No version {version} of notice template '{templateId}'.", Status = StatusCodes.Status404NotFound,
    };

    [WolverineGet("/api/notice-templates", OperationId = "ListNoticeTemplates", Summary = "Every version of every notice template")]
    [Authorize(Policies.ReadIncidents), Tags("Notice templates")]
    public static async Task<List<NotificationTemplateVersion>> List(IQuerySession session, CancellationToken ct) =>
        [.. (await session.Query<NotificationTemplateVersion>().ToListAsync(ct)).OrderBy(t => t.TemplateId).ThenBy(t => t.Version)];

    [WolverineGet("/api/notice-templates/examples", OperationId = "ListNoticeTemplateExamples",
        Summary = "Starting points that meet their jurisdiction's content requirements: us-ca, eu, generic-us")]
    [Authorize(Policies.ReadIncidents), Tags("Notice templates")]
    public static IReadOnlyList<string> Examples() => ExampleTemplates.Names;

    [WolverineGet("/api/notice-templates/examples/{jurisdiction}", OperationId = "GetNoticeTemplateExample",
        Summary = "An example template for a jurisdiction, to draft from")]
    [Authorize(Policies.ReadIncidents), Tags("Notice templates")]
    public static IResult Example(string jurisdiction, string? channel, string? language) =>
        ExampleTemplates.For(jurisdiction, ApiJson.TryParseWire<NotificationChannel>(channel ?? "email", out var c) ? c : NotificationChannel.Email,
            language ?? "en") is { } example
            ? Results.Ok(example)
            : Results.Problem(title: "No example", detail: $"No example template fits {jurisdiction} ({channel ?? "email"}, {language ?? "en"}).",
                statusCode: StatusCodes.Status404NotFound);

    [WolverineGet("/api/notice-templates/{templateId}/versions/{version}", OperationId = "GetNoticeTemplate",
        Summary = "One template version, with what would stop its approval")]
    [Authorize(Policies.ReadIncidents), Tags("Notice templates")]
    public static async Task<IResult> Get(string templateId, int version, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(templateId, version), ct) is { } found
            ? Results.Ok(new NoticeTemplateView(found, found.IsApproved ? [] : TemplateApproval.Problems(found.ToTemplate())))
            : Results.Problem(NotFound(templateId, version));

    [WolverinePost("/api/notice-templates/{templateId}/versions/{version}/preview", OperationId = "PreviewNoticeTemplate",
        Summary = "Render a template version for a sample recipient, or with ?incidentId= for a person that incident's latest scope found; " +
                  "rendering problems are a 422 before anything is sent")]
    [Authorize(Policies.ReadIncidents), Tags("Notice templates")]
    public static async Task<IResult> Preview(string templateId, int version, Guid? incidentId, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(templateId, version), ct) is not { } found)
        {
            return Results.Problem(NotFound(templateId, version));
        }

        var (sample, problem) = incidentId is { } id ? await IncidentRecipient.ModelAsync(found, id, session, ct) : (SampleModel.For(found.Jurisdiction), null);
        if (problem is not null)
        {
            return Results.Problem(problem);
        }

        try
        {
            var rendered = TemplateRenderer.Render(found.ToTemplate(), sample!);
            return Results.Ok(new NoticePreview(rendered.Subject, rendered.Body, rendered.Sha256, sample!));
        }
        catch (TemplateRenderException ex)
        {
            return Problems.Invalid(ex.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
    }
}
