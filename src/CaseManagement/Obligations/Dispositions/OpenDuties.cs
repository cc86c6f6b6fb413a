using CaseManagement.Obligations.Timeline;
using Marten;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Dispositions;

/// <summary>One duty as closing the incident sees it (a 409 lists the open ones).</summary>
/// <param name="Standing">met, waived or open.</param>
/// <param name="Owed">The recipients still owed a notice (wire words).</param>
/// <param name="MissingFacts">For a duty that may apply: the questions that would settle it.</param>
public sealed record DutyView(
    string RuleId,
    string Jurisdiction,
    string Citation,
    string Standing,
    string Status,
    string? DeadlineStatus,
    DateTimeOffset? DueAt,
    IReadOnlyList<string> Owed,
    IReadOnlyList<string> MissingFacts,
    string Reason)
{
    public static DutyView Of(DutyDisposition d) => new(d.RuleId, d.Jurisdiction, d.Citation, ApiJson.WireName(d.Standing), ApiJson.WireName(d.Status),
        d.DeadlineStatus is { } deadline ? ApiJson.WireName(deadline) : null, d.DueAt, [.. d.Owed.Select(ApiJson.WireName)],
        [.. d.MissingFacts.Select(f => f.Question)], d.Reason);
}

/// <summary>The answer when open duties stop an incident from being closed or found a false positive.</summary>
public static class OpenDuties
{
    /// <summary>No problem when the incident's duties allow <paramref name="action"/> now; else a 409 listing each open one.</summary>
    public static ProblemDetails Refusal(string action, IncidentFactSheet? facts, DateTimeOffset now, bool falsePositive)
    {
        var state = facts?.State ?? new FactsState();
        return Refusal(action, ClosureCheck.Check(state.EvaluateAt(now), state.Waivers, falsePositive));
    }

    private static ProblemDetails Refusal(string action, ClosureCheckResult check) => check.MayProceed
        ? WolverineContinue.NoProblems
        : new ProblemDetails
        {
            Title = "Duties still open",
            Detail = $"Cannot {action}: {check.Why}; still open: {string.Join(", ", check.Open.Select(d => d.RuleId))} "
                     + "(openDuties says for each what is owed and how to settle it).",
            Status = StatusCodes.Status409Conflict,
            Extensions = { ["openDuties"] = check.Open.Select(DutyView.Of).ToArray() },
        };
}

/// <summary>Every duty in play and where it stands for closing: met, waived or open, with the rule that applies.</summary>
public sealed record ClosureCheckView(bool MayClose, string Why, IReadOnlyList<DutyView> Open, IReadOnlyList<DutyView> Settled);

public static class GetClosureCheckEndpoint
{
    [WolverineGet("/api/incidents/{id}/closure-check", OperationId = "GetClosureCheck",
        Summary = "Which duties still stop the incident from being closed (each with what is owed and how to settle it), and which are met or waived")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<Incidents.Incident>(id, ct) is not { } incident || await session.LoadAsync<IncidentFactSheet>(id, ct) is not { } facts)
        {
            return Problems.IncidentNotFound(id);
        }

        var check = ClosureCheck.Check(facts.State.EvaluateAt(now), facts.State.Waivers, incident.Status == Incidents.IncidentStatus.FalsePositive);
        return Results.Ok(new ClosureCheckView(check.MayProceed, check.Why, [.. check.Open.Select(DutyView.Of)],
            [.. check.Duties.Where(d => d.Standing != DutyStanding.Open).Select(DutyView.Of)]));
    }
}
