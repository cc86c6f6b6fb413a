using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManagement.Readiness.Exercises;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace CaseManagement.Infrastructure;

/// <summary>One message whose handler gave up: what it was, what failed, and when.</summary>
public sealed record DeadLetterView(Guid Id, string MessageType, object? Message, string? ExceptionType, string? ExceptionMessage,
    DateTimeOffset? FailedAt, string? Queue);

/// <summary>The organisation's dead letters, newest first; <c>total</c> counts every one, <c>deadLetters</c> shows the newest page.</summary>
public sealed record DeadLettersView(int Total, IReadOnlyList<DeadLetterView> DeadLetters);

/// <summary>
/// Work the service gave up on after its retries is kept by Wolverine in its dead-letter table. An admin sees their
/// organisation's (its exercises' included) and replays or discards them (<see cref="DeadLetterDecisionEndpoints"/>);
/// readiness says how many there are in all, so nothing fails in silence.
/// </summary>
public static class DeadLettersEndpoint
{
    private const int Shown = 200;

    [WolverineGet("/api/admin/dead-letters", OperationId = "ListDeadLetters",
        Summary = "Background work the service gave up on after its retries (newest first), with the failure")]
    [Authorize(Policies.Administer), Tags("Administration")]
    public static async Task<DeadLettersView> Get(ClaimsPrincipal user, IWolverineRuntime runtime, CancellationToken ct)
    {
        var organisation = CaseManagementClaims.OrganisationOf(user);
        // The table has no organisation column: the envelope carries it, so the filter runs here.
        var ours = (await AllAsync(runtime, ct))
            .Where(d => BelongsTo(d, organisation))
            .OrderByDescending(d => d.FailedAt ?? d.SentAt).ToList();
        return new DeadLettersView(ours.Count, [.. ours.Take(Shown).Select(d =>
            new DeadLetterView(d.Id, d.MessageType, MessageOf(d), d.ExceptionType, d.ExceptionMessage, d.FailedAt ?? d.SentAt, d.ReceivedAt))]);
    }

    /// <summary>An exercise's dead letters belong to the organisation that runs it.</summary>
    public static bool BelongsTo(DeadLetterEnvelope letter, string? organisation) =>
        letter.Envelope?.TenantId is { } tenant && ExerciseTenants.OrganisationOf(tenant) == organisation;

    // Wolverine keeps the message as it was sent (JSON); it is not deserialized when read back.
    private static object? MessageOf(DeadLetterEnvelope d)
    {
        if ((d.Message ?? d.Envelope?.Message) is { } message)
        {
            return message;
        }

        try
        {
            return d.Envelope?.Data is { Length: > 0 } data ? JsonNode.Parse(data) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<List<DeadLetterEnvelope>> AllAsync(IWolverineRuntime runtime, CancellationToken ct)
    {
        var all = new List<DeadLetterEnvelope>();
        var query = new DeadLetterEnvelopeQuery { PageSize = 500 };
        for (var page = 1; ; page++)
        {
            query.PageNumber = page;
            var found = await runtime.Storage.DeadLetters.QueryAsync(query, ct);
            all.AddRange(found.Envelopes);
            if (found.Envelopes.Count < query.PageSize || all.Count >= found.TotalCount)
            {
                return all;
            }
        }
    }
}

/// <summary>Degraded while anything is in the dead letters: the service runs, but some work did not happen.</summary>
public sealed class DeadLetterReadiness(IWolverineRuntime runtime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var found = await runtime.Storage.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 1 }, ct);
            return found.TotalCount == 0
                ? HealthCheckResult.Healthy("no dead letters")
                : HealthCheckResult.Degraded($"{found.TotalCount} messages in the dead letters; an admin sees them at GET /api/admin/dead-letters");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"the dead letters cannot be read: {ex.GetType().Name}");
        }
    }
}
