using CaseManagement.Api;
using CaseManagement.Api.Conventions;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CaseManagement.Incidents;

/// <summary>
/// Every command on an incident passes the lifecycle first: an action the incident's status does not allow is a 409 that
/// names the status, why not, and what is allowed instead, before the slice looks at the request.
/// </summary>
public sealed class IncidentLifecycleGate : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, JasperFx.CodeGeneration.GenerationRules rules, JasperFx.IServiceContainer container)
    {
        // Commands on the incident itself, and decisions on its containment runs (which read the incident beside the run).
        foreach (var chain in chains.Where(c => c.RequestType?.IsAssignableTo(typeof(IIncidentCommand)) == true))
        {
            if (chain.Middleware.Any(f => f.Creates.Any(v => v.VariableType == typeof(Incident))))
            {
                chain.Middleware.Insert(chain.AfterVersionIsChecked(typeof(Incident)), AggregateChains.Call(typeof(IncidentLifecycleGate), nameof(Check), chain.RequestType!));
            }
        }
    }

    public static ProblemDetails Check<TCommand>(Incident incident) where TCommand : IIncidentCommand =>
        IncidentLifecycle.Check(incident, TCommand.Action) is { } rejection ? Problems.InvalidTransitionDetails(rejection) : WolverineContinue.NoProblems;
}
