using CaseManagement.Api.Conventions;

namespace CaseManagement.Incidents;

/// <summary>
/// A change a person asks for on an existing incident. Its slice validates it and decides the events; the lifecycle's
/// rules and the client's expected version are checked for every such command by policy (<see cref="IncidentLifecycleGate"/>,
/// <see cref="ExpectedVersions"/>).
/// </summary>
public interface IIncidentCommand : IExpectVersion
{
    static abstract IncidentAction Action { get; }
}
