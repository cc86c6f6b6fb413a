using CaseManagement.Containment;
using CaseManagement.Incidents;
using Marten;

namespace CaseManagement.Oversight;

/// <summary>A containment step done by hand that waits for someone to do it and record it done.</summary>
public sealed record WaitingStep(Guid IncidentId, string IncidentTitle, Guid RunId, string StepId, string Title, string Playbook, IReadOnlyList<string> Checklist,
    DateTimeOffset Since);

/// <summary>
/// The manual containment steps waiting across open incidents: listed only where recording the step done
/// (POST …/steps/{step}/complete) would be taken now: the incident's lifecycle and the run's own rules
/// (<see cref="ContainmentDecisions.Refuse"/>). Whether the person's roles pass that endpoint's policy is the caller's question.
/// </summary>
public static class WaitingSteps
{
    public static async Task<IReadOnlyList<WaitingStep>> ManualAsync(IQuerySession session, CancellationToken ct)
    {
        var runs = (await session.Query<ContainmentRun>().Where(r => r.CompletedAt == null && r.SupersededAt == null).ToListAsync(ct))
            .Where(r => r.Steps.Any(s => s.Status == ContainmentStepStatus.AwaitingCompletion))
            .ToList();
        if (runs.Count == 0)
        {
            return [];
        }

        var incidents = (await session.LoadManyAsync<Incident>(ct, [.. runs.Select(r => r.IncidentId).Distinct()])).ToDictionary(i => i.Id);
        return
        [
            .. runs
                .Where(r => incidents.TryGetValue(r.IncidentId, out var incident) && IncidentLifecycle.Check(incident, IncidentAction.CompleteContainmentStep) is null)
                .SelectMany(r => r.Steps
                    .Where(s => s.Status == ContainmentStepStatus.AwaitingCompletion && ContainmentDecisions.Refuse(r, s.Plan.Id, ContainmentStepOption.Complete) is null)
                    .Select(s => new WaitingStep(r.IncidentId, incidents[r.IncidentId].Title, r.RunId, s.Plan.Id, s.Plan.Title, r.Playbook, s.Plan.Checklist,
                        s.StartedAt ?? r.RequestedAt)))
                .OrderBy(s => s.Since),
        ];
    }
}
