using System.Text;
using System.Text.Json;
using CaseManagement.Feed.Delivering;
using CaseManagement.Notifications.Channels;
using CaseManagement.Paging.Acknowledging;
using CaseManagement.Paging.Pages;
using CaseManagement.Readiness.Exercises;
using CaseManagement.Readiness.Exercises.Sandbox;
using CaseManagement.Security.Pii;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Paging.Delivering;

/// <summary>The organisation's secret for signing chat webhooks (Standard Webhooks), kept encrypted; one per tenant.</summary>
public sealed class PagingWebhookSecret
{
    public const string DocumentId = "paging-webhook-secret";
    public const string Subject = "paging/webhook-secret";
    public string Id { get; set; } = DocumentId;
    public required ProtectedValue Secret { get; set; }
}

/// <summary>
/// Sends one page to one person: by e-mail over the notice channel (an exercise's sandbox channel in an exercise, never the real one),
/// and to their chat webhook signed as the integrator feed signs (exercises call no webhooks). Each attempt becomes an event.
/// </summary>
public sealed class PageSender(IEnumerable<INotificationChannel> channels, SandboxChannels sandbox, WebhookSender webhooks, PiiVault vault, PageLinks links,
    IOptions<PagingOptions> options)
{
    public const string Email = "email";
    public const string Webhook = "webhook";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<object>> SendAsync(IQuerySession session, Page page, PagedPerson person, string tenant, DateTimeOffset now,
        CancellationToken ct)
    {
        var settings = options.Value;
        var token = await links.TokenAsync(tenant, page.Id, page.Step, now.AddHours(settings.LinkValidHours), ct);
        var exercise = ExerciseTenants.IsExercise(tenant);
        var outcomes = new List<object> { await EmailAsync(page, person, tenant, exercise, PageText.Email(page, person, token, settings), ct) };
        if (person.WebhookUrl is { } url)
        {
            outcomes.Add(exercise
                ? new PageDeliveryFailed(page.Id, page.Step, person.Name, Webhook, "not sent: an exercise never calls chat webhooks")
                : await WebhookAsync(session, page, person, new Uri(url), PageText.Chat(page, person, token, settings), ct));
        }

        return outcomes;
    }

    private async Task<object> EmailAsync(Page page, PagedPerson person, string tenant, bool exercise, OutgoingNotice notice, CancellationToken ct)
    {
        var channel = exercise ? await sandbox.ForAsync(tenant, Email, ct) : channels.FirstOrDefault(c => c.Name == Email);
        if (channel is null)
        {
            return new PageDeliveryFailed(page.Id, page.Step, person.Name, Email, "no e-mail channel is configured on this node (Notifications:Smtp)");
        }

        var result = await channel.SendAsync(notice with { To = person.Email, ToName = person.Name }, ct);
        return result.Accepted
            ? new PageDelivered(page.Id, page.Step, person.Name, Email, result.ProviderResponse)
            : new PageDeliveryFailed(page.Id, page.Step, person.Name, Email, result.ProviderResponse);
    }

    private async Task<object> WebhookAsync(IQuerySession session, Page page, PagedPerson person, Uri url, object body, CancellationToken ct)
    {
        if (await session.LoadAsync<PagingWebhookSecret>(PagingWebhookSecret.DocumentId, ct) is not { } stored ||
            await vault.RevealAsync(session, stored.Secret, ct) is not { } secret)
        {
            return new PageDeliveryFailed(page.Id, page.Step, person.Name, Webhook, "the organisation has no paging webhook secret; set the roster again");
        }

        var failure = await webhooks.SendAsync(url, secret, $"page_{page.Id:N}_{page.Step}", JsonSerializer.SerializeToUtf8Bytes(body, Json), "application/json", ct);
        return failure is null
            ? new PageDelivered(page.Id, page.Step, person.Name, Webhook, $"{url.Host} answered 2xx")
            : new PageDeliveryFailed(page.Id, page.Step, person.Name, Webhook, failure);
    }
}

/// <summary>What a page says, by e-mail and to a chat tool.</summary>
public static class PageText
{
    public static OutgoingNotice Email(Page page, PagedPerson person, string token, PagingOptions settings)
    {
        var body = new StringBuilder()
            .AppendLine(page.Detail).AppendLine()
            .AppendLine($"Look at it: {settings.Absolute(page.Link)} ({page.Source})").AppendLine()
            .AppendLine(Order(page)).AppendLine()
            .AppendLine("Acknowledge by POSTing this link's token (it works once, for this page only):")
            .AppendLine($"  curl -X POST {settings.Absolute("/api/pages/acknowledge-by-link")} -H 'Content-Type: application/json' -d '{{\"token\":\"{token}\"}}'")
            .AppendLine($"or, signed in: POST {settings.Absolute($"/api/pages/{page.Id}/acknowledge")}")
            .AppendLine().AppendLine($"Token: {token}");
        return new OutgoingNotice($"page-{page.Id:N}-{page.Step}", person.Email, person.Name, $"[Page] {page.Subject}", body.ToString());
    }

    /// <summary>A body chat tools' incoming webhooks understand ("text"), with the page's facts beside it for a relay.</summary>
    public static object Chat(Page page, PagedPerson person, string token, PagingOptions settings) => new
    {
        text = $"*{page.Subject}* for {person.Name}: {page.Detail} {Order(page)}",
        page = new { id = page.Id, cause = page.Cause.ToString(), page.Subject, page.Detail, link = settings.Absolute(page.Link), step = page.Step, person = person.Name },
        acknowledge = new { url = settings.Absolute("/api/pages/acknowledge-by-link"), token },
    };

    private static string Order(Page page)
    {
        var next = page.Step + 1 < page.Recipients.Count ? page.Recipients[page.Step + 1].Name : null;
        return $"You are paged as {page.Step + 1} of {page.Recipients.Count} in the on-call order" +
               (page.OutsideHours ? " (nobody was on duty, so the whole roster is paged in turn)" : "") +
               $". Unacknowledged after {page.AcknowledgeWithinMinutes} min it goes to {next ?? "nobody else: you are the last"}.";
    }
}
