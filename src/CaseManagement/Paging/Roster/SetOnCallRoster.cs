using System.Security.Claims;
using CaseManagement.Api.Conventions;
using CaseManagement.Feed;
using CaseManagement.Feed.Subscribing;
using CaseManagement.Paging.Delivering;
using CaseManagement.Security.Pii;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Paging.Roster;

/// <param name="People">The whole roster in paging order (1 to 20 people); it replaces the one before.</param>
/// <param name="AcknowledgeWithinMinutes">How long a page waits for its person before going to the next (1 to 1440).</param>
/// <param name="WebhookSecret">The secret chat webhooks are signed with ("whsec_…"); one is generated (and shown once) when a webhook needs one.</param>
public sealed record SetOnCallRoster(IReadOnlyList<OnCallPerson>? People, int? AcknowledgeWithinMinutes, string? Reason, string? WebhookSecret = null);

public sealed record OnCallRosterView(IReadOnlyList<OnCallPerson> People, int AcknowledgeWithinMinutes, DateTimeOffset ChangedAt, string? ChangedBy,
    string Reason, long Version, IReadOnlyList<string> OnDutyNow, bool HasWebhookSecret)
{
    public static OnCallRosterView Of(OnCallRoster roster, DateTimeOffset now, bool hasSecret) => new(roster.People, roster.AcknowledgeWithinMinutes,
        roster.ChangedAt, roster.ChangedBy, roster.Reason, roster.Version, [.. roster.People.Where(p => OnDuty.IsOnDuty(p, now)).Select(p => p.Name)], hasSecret);
}

/// <param name="WebhookSecret">The generated signing secret, shown only in this answer; null when none was generated.</param>
public sealed record OnCallRosterSetAnswer(long Version, int People, string? WebhookSecret);

public static class SetOnCallRosterEndpoint
{
    public const int MaxPeople = 20;

    public static ProblemDetails Validate(SetOnCallRoster command, IOptions<FeedOptions> feed)
    {
        var validation = new Validation().Justified("reason", command.Reason, "say why the roster changes");
        if (command.AcknowledgeWithinMinutes is not (>= 1 and <= 1440))
        {
            validation.Add("acknowledgeWithinMinutes", "is required: the minutes a page waits for its person before going to the next, 1 to 1440");
        }

        if (command.People is not { Count: >= 1 and <= MaxPeople })
        {
            validation.Add("people", $"name 1 to {MaxPeople} people, in the order they are paged");
        }

        for (var i = 0; i < (command.People?.Count ?? 0); i++)
        {
            Person(validation, $"people[{i}]", command.People![i], feed.Value.AllowPrivateTargets);
        }

        if (command.People?.GroupBy(p => p.Email?.Trim().ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1) is { Key: { } twice })
        {
            validation.Add("people", $"{twice} is listed twice; each person once, in the order they are paged");
        }

        if (command.WebhookSecret is { } secret && Feed.Subscribing.WebhookSecret.Problem(secret) is { } problem)
        {
            validation.Add("webhookSecret", problem);
        }

        return validation.ToProblem();
    }

    private static void Person(Validation validation, string at, OnCallPerson? person, bool allowPrivate)
    {
        if (person is null)
        {
            validation.Add(at, "is required");
            return;
        }

        validation.Required($"{at}.name", person.Name, 200).Required($"{at}.email", person.Email, 254);
        if (person.Email is { Length: > 0 } email && (!email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            validation.Add($"{at}.email", $"'{email}' is not an e-mail address");
        }

        if (string.IsNullOrWhiteSpace(person.TimeZone) || !OnDuty.TryZone(person.TimeZone, out _))
        {
            validation.Add($"{at}.timeZone", $"'{person.TimeZone}' is not a known IANA time zone (for example Europe/Berlin or UTC)");
        }

        if ((person.From is null) != (person.Until is null))
        {
            validation.Add($"{at}.until", "give both from and until (HH:mm, local), or neither for any hour");
        }

        foreach (var (field, value) in new[] { ("from", person.From), ("until", person.Until) })
        {
            if (OnDuty.HoursProblem(value) is { } hours)
            {
                validation.Add($"{at}.{field}", hours);
            }
        }

        if (person.WebhookUrl is not null && WebhookTarget.SyntaxProblem(person.WebhookUrl, allowPrivate, out _) is { } target)
        {
            validation.Add($"{at}.webhookUrl", target);
        }
    }

    [WolverinePost("/api/on-call/roster", OperationId = nameof(SetOnCallRoster),
        Summary = "Set the organisation's on-call roster (the whole list, in paging order) and how long a page waits before the next person")]
    [Authorize(Policies.Administer), Tags("Paging"), ShowsSecretOnce("GET /api/on-call/roster shows the roster and whether a webhook secret is set")]
    public static async Task<OnCallRosterSetAnswer> Post(SetOnCallRoster command, IDocumentSession session, PiiVault vault, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<OnCallRoster>(OnCallRoster.StreamId, ct);
        var people = command.People!.Select(p => p with
        {
            Name = p.Name.Trim(), Email = p.Email.Trim(), WebhookUrl = p.WebhookUrl?.Trim(), Days = p.Days is { Count: > 0 } days ? [.. days.Distinct()] : null,
        }).ToList();
        stream.AppendOne(new OnCallRosterSet(people, command.AcknowledgeWithinMinutes!.Value, command.Reason!.Trim()));

        string? generated = null;
        var stored = await session.LoadAsync<PagingWebhookSecret>(PagingWebhookSecret.DocumentId, ct);
        if (command.WebhookSecret is not null || (stored is null && people.Any(p => p.WebhookUrl is not null)))
        {
            var secret = command.WebhookSecret ?? (generated = WebhookSecret.Generate());
            session.Store(new PagingWebhookSecret { Secret = await vault.ProtectAsync(session, PagingWebhookSecret.Subject, secret, ct) });
        }

        return new OnCallRosterSetAnswer((stream.CurrentVersion ?? 0) + 1, people.Count, generated);
    }
}

public static class GetOnCallRosterEndpoint
{
    [WolverineGet("/api/on-call/roster", OperationId = "GetOnCallRoster", Summary = "The organisation's on-call roster, who is on duty now, and who set it and why")]
    [Authorize(Policies.Administer), Tags("Paging")]
    public static async Task<IResult> Get(IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        await session.LoadAsync<OnCallRoster>(OnCallRoster.StreamId, ct) is { } roster
            ? TypedResults.Ok(OnCallRosterView.Of(roster, now, await session.LoadAsync<PagingWebhookSecret>(PagingWebhookSecret.DocumentId, ct) is not null))
            : TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Title = "No on-call roster",
                Detail = "This organisation has no on-call roster yet, so nobody is paged; set one with POST /api/on-call/roster.",
            });
}
