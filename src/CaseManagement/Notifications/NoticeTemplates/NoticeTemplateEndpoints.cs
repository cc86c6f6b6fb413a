using System.Security.Cryptography;
using System.Text;
using CaseManagement.Api;
using CaseManagement.Notifications.Templates;
using CaseManagement.Security;
using JasperFx;
using Marten;

namespace CaseManagement.Notifications.NoticeTemplates;

public sealed record DraftNoticeTemplate(string? TemplateId, string? Channel, string? Language, string? Jurisdiction, string? Subject, string? Body);

/// <summary>A template version as people see it, with what would stop its approval.</summary>
public sealed record NoticeTemplateView(NotificationTemplateVersion Template, IReadOnlyList<TemplateProblem> ApprovalProblems);

public sealed record NoticePreview(string? Subject, string Body, string Sha256, TemplateModel Sample);

/// <summary>
/// Notice templates: drafted as numbered versions, approved once their jurisdiction's content requirements are met and
/// they render (422 with every problem otherwise), never changed after approval, previewed with a sample recipient.
/// </summary>
public static class NoticeTemplateEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/notice-templates").WithTags("Notice templates");

        templates.MapPost("", async (DraftNoticeTemplate request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            {
                var validation = new Validation().Required("templateId", request.TemplateId, 64).Required("language", request.Language, 10)
                    .Required("jurisdiction", request.Jurisdiction, 20).Required("body", request.Body, 64_000).Optional("subject", request.Subject, 500)
                    .OneOf<NotificationChannel>("channel", request.Channel);
                if (request.TemplateId is { } id && !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    validation.Add("templateId", "lower-case letters, digits and dashes (e.g. \"ca-skimmer-notice\")");
                }

                if (!validation.IsValid)
                {
                    return Problems.Invalid(validation.Errors);
                }

                ApiJson.TryParseWire<NotificationChannel>(request.Channel, out var channel);
                var latest = await session.Query<NotificationTemplateVersion>().Where(t => t.TemplateId == request.TemplateId)
                    .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
                var version = new NotificationTemplateVersion
                {
                    TemplateId = request.TemplateId!, Version = (latest?.Version ?? 0) + 1, Channel = channel, Language = request.Language!.Trim(),
                    Jurisdiction = request.Jurisdiction!.Trim(), Subject = request.Subject, Body = request.Body!,
                    CreatedBy = CaseManagementClaims.ActorOf(http.User), CreatedAt = clock.GetUtcNow(),
                };
                version.Id = NotificationTemplateVersion.IdFor(version.TemplateId, version.Version);
                version.Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{version.Subject}\n\n{version.Body}")));
                // Insert: two drafts racing for the same number must not overwrite each other.
                session.Insert(version);
                try
                {
                    await session.SaveChangesAsync(ct);
                }
                catch (DocumentAlreadyExistsException)
                {
                    return Results.Problem(title: "Version conflict", detail: $"Another draft of '{version.TemplateId}' was saved at the same moment; send it again.",
                        statusCode: StatusCodes.Status409Conflict);
                }

                return Results.Created($"/api/notice-templates/{version.TemplateId}/versions/{version.Version}",
                    new NoticeTemplateView(version, TemplateApproval.Problems(version.ToTemplate())));
            })
            .WithName("DraftNoticeTemplate")
            .WithSummary("Save a new draft version of a notice template; the answer lists what would stop its approval")
            .RequireAuthorization(Policies.DecideNotification)
            .Produces<NoticeTemplateView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        templates.MapGet("", async (IQuerySession session, CancellationToken ct) =>
                Results.Ok((await session.Query<NotificationTemplateVersion>().ToListAsync(ct)).OrderBy(t => t.TemplateId).ThenBy(t => t.Version).ToList()))
            .WithName("ListNoticeTemplates")
            .WithSummary("Every version of every notice template")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<List<NotificationTemplateVersion>>();

        templates.MapGet("/examples", () => Results.Ok(ExampleTemplates.Names))
            .WithName("ListNoticeTemplateExamples")
            .WithSummary("Starting points that meet their jurisdiction's content requirements: us-ca, eu, generic-us")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<IReadOnlyList<string>>();

        templates.MapGet("/examples/{jurisdiction}", (string jurisdiction, string? channel, string? language) =>
                ExampleTemplates.For(jurisdiction, ApiJson.TryParseWire<NotificationChannel>(channel ?? "email", out var c) ? c : NotificationChannel.Email,
                    language ?? "en") is { } example
                    ? Results.Ok(example)
                    : Results.Problem(title: "No example", detail: $"No example template fits {jurisdiction} ({channel ?? "email"}, {language ?? "en"}).",
                        statusCode: StatusCodes.Status404NotFound))
            .WithName("GetNoticeTemplateExample")
            .WithSummary("An example template for a jurisdiction, to draft from")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<NotificationTemplate>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var version = templates.MapGroup("/{templateId}/versions/{version:int}");
        version.MapGet("", async (string templateId, int version, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(templateId, version), ct) is { } found
                    ? Results.Ok(new NoticeTemplateView(found, found.IsApproved ? [] : TemplateApproval.Problems(found.ToTemplate())))
                    : NotFound(templateId, version))
            .WithName("GetNoticeTemplate")
            .WithSummary("One template version, with what would stop its approval")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<NoticeTemplateView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        version.MapPost("/approve", async (string templateId, int version, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            {
                if (await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(templateId, version), ct) is not { } found)
                {
                    return NotFound(templateId, version);
                }

                if (found.IsApproved)
                {
                    return Results.Problem(title: "Already approved",
                        detail: $"{found.Id} was approved by {found.ApprovedBy} at {found.ApprovedAt:O}; an approved version never changes. Draft a new version instead.",
                        statusCode: StatusCodes.Status409Conflict);
                }

                if (TemplateApproval.Problems(found.ToTemplate()) is { Count: > 0 } problems)
                {
                    return Problems.Invalid(problems.GroupBy(p => p.Field)
                        .ToDictionary(g => g.Key, g => g.Select(p => p.Line is { } line ? $"{p.Message} (line {line}, column {p.Column})" : p.Message).ToArray()));
                }

                found.ApprovedBy = CaseManagementClaims.ActorOf(http.User);
                found.ApprovedAt = clock.GetUtcNow();
                session.Store(found);
                await session.SaveChangesAsync(ct);
                return Results.Ok(new NoticeTemplateView(found, []));
            })
            .WithName("ApproveNoticeTemplate")
            .WithSummary("Approve a template version once it meets its jurisdiction's content requirements; it is immutable from then on")
            .RequireAuthorization(Policies.DecideNotification)
            .Produces<NoticeTemplateView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        version.MapPost("/preview", async (string templateId, int version, IQuerySession session, CancellationToken ct) =>
            {
                if (await session.LoadAsync<NotificationTemplateVersion>(NotificationTemplateVersion.IdFor(templateId, version), ct) is not { } found)
                {
                    return NotFound(templateId, version);
                }

                var sample = SampleModel.For(found.Jurisdiction);
                try
                {
                    var rendered = TemplateRenderer.Render(found.ToTemplate(), sample);
                    return Results.Ok(new NoticePreview(rendered.Subject, rendered.Body, rendered.Sha256, sample));
                }
                catch (TemplateRenderException ex)
                {
                    return Problems.Invalid(ex.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
                }
            })
            .WithName("PreviewNoticeTemplate")
            .WithSummary("Render a template version for a sample recipient; rendering problems are a 422 before anything is sent")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<NoticePreview>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult NotFound(string templateId, int version) =>
        Results.Problem(title: "Template not found", detail: $"No version {version} of notice template '{templateId}'.", statusCode: StatusCodes.Status404NotFound);
}
