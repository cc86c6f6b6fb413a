using System.Security.Claims;
using CaseManagement.Audit.Reports.PeriodReports;
using Marten;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace CaseManagement.Infrastructure;

/// <summary>What an admin decides about a dead letter, and why: both are recorded before anything happens to it.</summary>
public sealed record DecideDeadLetter(string? Reason);

/// <summary>
/// An admin decided what to do with work the service gave up on: send it to its handler again (after fixing the cause),
/// or discard it. Recorded on the organisation's audit log before Wolverine acts, so no dead letter disappears or comes
/// back without a person and a reason on record; the list shows whether the act then happened.
/// </summary>
/// <param name="Decision">"replay" or "discard".</param>
public sealed record DeadLetterDecided(
    Guid AuditLogId,
    Guid DeadLetterId,
    string Decision,
    string MessageType,
    string? ExceptionType,
    string? ExceptionMessage,
    string Reason);

/// <summary>
/// Replay or discard one of the organisation's dead letters. Another organisation's (or an unknown) id is a 404: the
/// table is shared, the envelope names its tenant, and an exercise's dead letters belong to its organisation.
/// </summary>
public static class DeadLetterDecisionEndpoints
{
    public static async Task<DeadLetterEnvelope?> LoadAsync(Guid id, ClaimsPrincipal user, IWolverineRuntime runtime) =>
        await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is { } letter
        && DeadLettersEndpoint.BelongsTo(letter, CaseManagementClaims.OrganisationOf(user))
            ? letter
            : null;

    public static ProblemDetails Validate(Guid id, DecideDeadLetter command, DeadLetterEnvelope? letter) => letter is null
        ? new ProblemDetails
        {
            Title = "Dead letter not found", Detail = $"No dead letter with id {id} exists in your organisation (GET /api/admin/dead-letters lists them).",
            Status = StatusCodes.Status404NotFound,
        }
        : new Validation().Required("reason", command.Reason, 4000).ToProblem();

    [WolverinePost("/api/admin/dead-letters/{id}/replay", OperationId = "ReplayDeadLetter",
        Summary = "Send a dead letter to its handler again (fix the cause first); the decision and its reason go on the audit log")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static Task<IResult> Replay(Guid id, DecideDeadLetter command, DeadLetterEnvelope letter, ClaimsPrincipal user, IDocumentSession session,
        IWolverineRuntime runtime, CancellationToken ct) =>
        DecideAsync("replay", letter, command, user, session, () => runtime.Storage.DeadLetters.MarkDeadLetterEnvelopesAsReplayableAsync([letter.Id]), ct);

    [WolverinePost("/api/admin/dead-letters/{id}/discard", OperationId = "DiscardDeadLetter",
        Summary = "Give up on a dead letter for good; the decision, the message type, the failure and the reason go on the audit log")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static Task<IResult> Discard(Guid id, DecideDeadLetter command, DeadLetterEnvelope letter, ClaimsPrincipal user, IDocumentSession session,
        IWolverineRuntime runtime, CancellationToken ct) =>
        DecideAsync("discard", letter, command, user, session,
            () => runtime.Storage.DeadLetters.DiscardAsync(new DeadLetterEnvelopeQuery { MessageIds = [letter.Id] }, ct), ct);

    private static async Task<IResult> DecideAsync(string decision, DeadLetterEnvelope letter, DecideDeadLetter command, ClaimsPrincipal user,
        IDocumentSession session, Func<Task> act, CancellationToken ct)
    {
        var log = AuditLog.StreamFor(CaseManagementClaims.OrganisationOf(user)!);
        session.Events.Append(log, new DeadLetterDecided(log, letter.Id, decision, letter.MessageType, letter.ExceptionType, letter.ExceptionMessage,
            command.Reason!.Trim()));
        await session.SaveChangesAsync(ct);
        await act();
        return Results.Accepted(value: new { deadLetterId = letter.Id, decision });
    }
}
