using System.Security.Claims;
using CaseManagement.Paging.Pages;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Paging.Acknowledging;

public sealed record AcknowledgePage(string? Note);

internal static class OpenPages
{
    public static ProblemDetails Acknowledgeable(Page page) => page.Status switch
    {
        PageStatus.Open => WolverineContinue.NoProblems,
        PageStatus.Acknowledged => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "Page already acknowledged",
            Detail = $"Page {page.Id} was acknowledged at {page.AcknowledgedAt:O} by {page.AcknowledgedBy} ({page.AcknowledgedVia}); a page is acknowledged once.",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict, Title = "Page unanswered",
            Detail = $"Page {page.Id} was closed unanswered at {page.UnansweredAt:O} ({page.UnansweredWhy}); look at {page.Link} directly.",
        },
    };
}

public static class AcknowledgePageEndpoint
{
    public static ProblemDetails Validate(AcknowledgePage command, Page page) =>
        new Validation().Optional("note", command.Note).ToProblem() is { Status: not null } invalid ? invalid : OpenPages.Acknowledgeable(page);

    [WolverinePost("/api/pages/{id}/acknowledge", OperationId = nameof(AcknowledgePage), Summary = "Take a page on as the signed-in person: it stops escalating")]
    [Authorize(Policies.AnswerPages), Tags("Paging")]
    public static (UpdatedAggregate, PageAcknowledged) Post(AcknowledgePage command, [WriteAggregate] Page page, ClaimsPrincipal user) =>
        (new UpdatedAggregate(), new PageAcknowledged(page.Id, page.Step, CaseManagementClaims.ActorOf(user), "api", command.Note?.Trim()));
}

/// <param name="Token">The token of the link the page was sent with.</param>
public sealed record AcknowledgePageByLink(string? Token);

/// <summary>A valid link's acknowledgement, recorded in the link's tenant.</summary>
public sealed record RecordLinkAcknowledgement(Guid PageId, int Step);

public sealed record LinkAcknowledged(Guid PageId, string By, DateTimeOffset At);

public static class AcknowledgePageByLinkEndpoint
{
    public static async Task<LinkCheck> LoadAsync(AcknowledgePageByLink command, PageLinks links, DateTimeOffset now, CancellationToken ct)
    {
        var (link, problem) = await links.ReadAsync(command.Token, now, ct);
        return new LinkCheck(link, problem);
    }

    // 401 as for a refused alert signature: the link is the credential, and it was not accepted.
    public static ProblemDetails Validate(LinkCheck check) => check.Problem is { } problem
        ? new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Acknowledgement link refused", Detail = $"Nothing was recorded: {problem}." }
        : WolverineContinue.NoProblems;

    /// <remarks>
    /// Anonymous: the signed link is the credential, and it names the tenant, page and person. The page's own state makes it single
    /// use (a second acknowledgement of the page is 409) and the signature's expiry bounds it in time.
    /// </remarks>
    [WolverinePost("/api/pages/acknowledge-by-link", OperationId = nameof(AcknowledgePageByLink),
        Summary = "Take a page on with the token of the link it was sent with (no sign-in: the signed link is the credential)")]
    [AllowAnonymous, Tags("Paging")]
    public static async Task<IResult> Post(AcknowledgePageByLink command, LinkCheck check, IMessageBus bus, CancellationToken ct)
    {
        var link = check.Link!;
        var outcome = await bus.InvokeForTenantAsync<LinkOutcome>(link.Tenant, new RecordLinkAcknowledgement(link.PageId, link.Step), ct);
        return outcome.Problem is { } problem ? TypedResults.Problem(problem) : TypedResults.Ok(outcome.Acknowledged);
    }
}

public sealed record LinkCheck(PageLink? Link, string? Problem);

public sealed record LinkOutcome(LinkAcknowledged? Acknowledged, ProblemDetails? Problem);

public static class RecordLinkAcknowledgementHandler
{
    public static LinkOutcome Handle(RecordLinkAcknowledgement message, [WriteAggregate(Required = false)] IEventStream<Page> stream, IDocumentSession session,
        DateTimeOffset now)
    {
        if (stream.Aggregate is not { } page || message.Step >= page.Recipients.Count)
        {
            return new LinkOutcome(null, new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Title = "Unknown page", Detail = $"Page {message.PageId} does not exist; nothing was recorded.",
            });
        }

        if (OpenPages.Acknowledgeable(page) is { Status: not null } refused)
        {
            return new LinkOutcome(null, refused);
        }

        var person = page.Recipients[message.Step];
        session.LastModifiedBy = $"{person.Name} <{person.Email}>";
        stream.AppendOne(new PageAcknowledged(page.Id, message.Step, $"{person.Name} <{person.Email}>", "link", null));
        return new LinkOutcome(new LinkAcknowledged(page.Id, person.Name, now), null);
    }
}
