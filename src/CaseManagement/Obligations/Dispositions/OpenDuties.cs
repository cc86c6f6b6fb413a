using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Evaluation;

namespace CaseManagement.Obligations.Dispositions;

/// <summary>One duty that holds an incident open, as a 409 lists it.</summary>
/// <param name="Owed">The recipients still owed a notice (wire words).</param>
/// <param name="MissingFacts">For a duty that may apply: the questions that would settle it.</param>
public sealed record OpenDutyView(
    string RuleId,
    string Jurisdiction,
    string Citation,
    string Status,
    string? DeadlineStatus,
    DateTimeOffset? DueAt,
    IReadOnlyList<string> Owed,
    IReadOnlyList<string> MissingFacts,
    string Reason)
{
    public static OpenDutyView Of(DutyDisposition d) => new(d.RuleId, d.Jurisdiction, d.Citation, ApiJson.WireName(d.Status),
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
            Extensions = { ["openDuties"] = check.Open.Select(OpenDutyView.Of).ToArray() },
        };
}
