using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.Notifications.Templates;
using Marten;

namespace CaseManagement.Notifications.NoticeTemplates;

public sealed record DraftNoticeTemplate(string? TemplateId, string? Channel, string? Language, string? Jurisdiction, string? Subject, string? Body);

/// <summary>A template version as people see it, with what would stop its approval.</summary>
public sealed record NoticeTemplateView(NotificationTemplateVersion Template, IReadOnlyList<TemplateProblem> ApprovalProblems);

/// <summary>
/// Save a new draft version of a notice template. Versions are numbered and inserted, never overwritten: two drafts racing
/// for the same number fail the second's commit (409, send it again).
/// </summary>
public static class DraftNoticeTemplateEndpoint
{
    public static ProblemDetails Validate(DraftNoticeTemplate request)
    {
        var validation = new Validation().Required("templateId", request.TemplateId, 64).Required("language", request.Language, 10)
            .Required("jurisdiction", request.Jurisdiction, 20).Required("body", request.Body, 64_000).Optional("subject", request.Subject, 500)
            .OneOf<NotificationChannel>("channel", request.Channel);
        if (request.TemplateId is { } id && !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            validation.Add("templateId", "lower-case letters, digits and dashes (e.g. \"ca-skimmer-notice\")");
        }

        // A mistaken template is kept as a draft with its problems listed; one that goes beyond what a render may cost is
        // refused outright, so nobody renders it again (issue 15).
        if (validation.IsValid && ApiJson.TryParseWire<NotificationChannel>(request.Channel, out var channel)
            && TemplateApproval.Problems(new NotificationTemplate(request.TemplateId!, 0, channel, request.Language!, request.Jurisdiction!, request.Subject, request.Body!))
                is var problems && RenderLimits.AnyReached(problems))
        {
            foreach (var problem in problems.Where(p => p.Message.Contains(RenderLimits.Reached, StringComparison.Ordinal)))
            {
                validation.Add(problem.Field, problem.Message);
            }
        }

        return validation.ToProblem();
    }

    public static async Task<NotificationTemplateVersion?> LoadAsync(DraftNoticeTemplate request, IQuerySession session, CancellationToken ct) =>
        await session.Query<NotificationTemplateVersion>().Where(t => t.TemplateId == request.TemplateId).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    [WolverinePost("/api/notice-templates", OperationId = nameof(DraftNoticeTemplate),
        Summary = "Save a new draft version of a notice template; the answer lists what would stop its approval")]
    [Authorize(Policies.DecideNotification), Tags("Notice templates")]
    public static (Created<NoticeTemplateView>, Insert<NotificationTemplateVersion>) Post(DraftNoticeTemplate request, NotificationTemplateVersion? latest,
        ClaimsPrincipal user, DateTimeOffset now)
    {
        var version = new NotificationTemplateVersion
        {
            TemplateId = request.TemplateId!, Version = (latest?.Version ?? 0) + 1, Channel = ApiJson.ParseWire<NotificationChannel>(request.Channel!),
            Language = request.Language!.Trim(), Jurisdiction = request.Jurisdiction!.Trim(), Subject = request.Subject, Body = request.Body!,
            CreatedBy = CaseManagementClaims.ActorOf(user), CreatedAt = now,
        };
        version.Id = NotificationTemplateVersion.IdFor(version.TemplateId, version.Version);
        version.Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{version.Subject}\n\n{version.Body}")));
        return (TypedResults.Created($"/api/notice-templates/{version.TemplateId}/versions/{version.Version}",
            new NoticeTemplateView(version, TemplateApproval.Problems(version.ToTemplate()))), Storage.Insert(version));
    }
}
